import cliProgress from 'cli-progress';

/** Reports progress of a bulk job: rows done, rate and ETA. */
export interface Progress {
  /** Sets the total, when it becomes known. */
  setTotal(total: number): void;
  /** Adds `n` done units. */
  tick(n?: number): void;
  /** Sets the done units to an absolute value. */
  update(done: number): void;
  /** Ends the job and prints a summary. */
  stop(): void;
}

export interface ProgressOptions {
  /** What is being done, e.g. "generate transactions". */
  label: string;
  total?: number;
  /** The unit being counted, e.g. "rows". */
  unit?: string;
  /** Where to report: a bar on a terminal, JSON lines otherwise, or nothing. */
  mode?: 'auto' | 'bar' | 'json' | 'silent';
  stream?: NodeJS.WriteStream;
}

/**
 * A progress bar on a terminal (rows/s, ETA); JSON lines every few seconds otherwise, so that
 * logs of CI and servers show long work moving too.
 */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const unit = options.unit ?? 'rows';
  const mode =
    options.mode && options.mode !== 'auto'
      ? options.mode
      : process.env.PANORAMA_PROGRESS === 'silent' || process.env.VITEST
        ? 'silent'
        : stream.isTTY
          ? 'bar'
          : 'json';
  let total = options.total ?? 0;
  let done = 0;
  const started = Date.now();
  if (mode === 'silent') {
    return {
      setTotal: (t) => void (total = t),
      tick: (n = 1) => void (done += n),
      update: (d) => void (done = d),
      stop: () => {},
    };
  }
  if (mode === 'bar') {
    const bar = new cliProgress.SingleBar(
      {
        format: `${options.label.padEnd(28)} {bar} {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}`,
        stream,
        hideCursor: true,
        etaBuffer: 50,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total || 1, 0, { rate: 0 });
    const rate = () => Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
    return {
      setTotal: (t) => {
        total = t;
        bar.setTotal(t);
      },
      tick: (n = 1) => {
        done += n;
        bar.update(done, { rate: rate() });
      },
      update: (d) => {
        done = d;
        bar.update(done, { rate: rate() });
      },
      stop: () => {
        bar.update(total || done, { rate: rate() });
        bar.stop();
      },
    };
  }
  let lastReport = 0;
  const report = (final: boolean) => {
    const now = Date.now();
    if (!final && now - lastReport < 5000) return;
    lastReport = now;
    const seconds = (now - started) / 1000;
    const perSecond = done / Math.max(0.001, seconds);
    const eta = total > done && perSecond > 0 ? Math.round((total - done) / perSecond) : 0;
    stream.write(
      JSON.stringify({
        progress: options.label,
        done,
        total,
        unit,
        per_second: Math.round(perSecond),
        eta_s: eta,
        final,
      }) + '\n',
    );
  };
  return {
    setTotal: (t) => void (total = t),
    tick: (n = 1) => {
      done += n;
      report(false);
    },
    update: (d) => {
      done = d;
      report(false);
    },
    stop: () => report(true),
  };
}
