// Holds the audience index of one process: loads the snapshot at start and swaps in a new one when
// the file changes (a tag run in this or another process replaced it).
import fs from 'node:fs';
import path from 'node:path';
import { AudienceIndex } from '../../engines/bitmap/index.ts';
import { ConflictError } from '../../platform/errors.ts';
import { snapshotMeta, type AudienceSnapshotMeta } from './audience.ts';

/** Where a data directory keeps the audience index snapshot. */
export function snapshotPath(dataDir: string): string {
  return path.join(dataDir, 'audience', 'index.snap');
}

/** The message answered while no index exists. */
export const NO_INDEX_MESSAGE = 'no audience index yet: run `panorama tags run`';

/** The index is not built yet (409: the request is fine, the system is not ready for it). */
export class AudienceIndexMissingError extends ConflictError {
  constructor() {
    super(NO_INDEX_MESSAGE);
  }
}

/** Receives problems with snapshot files (a pino logger fits). */
export interface SnapshotLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

interface FileStamp {
  mtimeMs: number;
  size: number;
  ino: number;
}

const sameStamp = (a: FileStamp | null, b: FileStamp | null) =>
  a !== null && b !== null && a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino;

/**
 * The current audience index of a data directory. `current()` checks the snapshot file's stamp
 * (one stat, microseconds) at most every `checkIntervalMs` and reloads when it changed; a file
 * that fails to load is logged and the previous index is kept.
 */
export class AudienceIndexStore {
  readonly file: string;
  private index: AudienceIndex | null = null;
  private meta: AudienceSnapshotMeta | null = null;
  private loadedStamp: FileStamp | null = null;
  private rejectedStamp: FileStamp | null = null;
  private lastCheck = -Infinity;
  private generation = 0;

  constructor(
    dataDir: string,
    private readonly options: { logger?: SnapshotLogger; checkIntervalMs?: number } = {},
  ) {
    this.file = snapshotPath(dataDir);
    this.refresh();
  }

  /** The index, reloaded first if the snapshot changed; null while none was ever built. */
  current(): AudienceIndex | null {
    const now = performance.now();
    if (now - this.lastCheck >= (this.options.checkIntervalMs ?? 0)) {
      this.lastCheck = now;
      this.refresh();
    }
    return this.index;
  }

  /** The index, or an AudienceIndexMissingError naming the command that builds it. */
  require(): AudienceIndex {
    const index = this.current();
    if (!index) throw new AudienceIndexMissingError();
    return index;
  }

  /** Metadata of the loaded index (build time, customers, tags), or null. */
  currentMeta(): AudienceSnapshotMeta | null {
    this.current();
    return this.meta;
  }

  /** Counts the loads; lets callers cache work per index (e.g. scope bitmaps). */
  get version(): number {
    return this.generation;
  }

  /** Replaces the index in memory (the writer process after a rebuild; tests). */
  set(index: AudienceIndex): void {
    this.index = index;
    this.meta = snapshotMeta(index.meta);
    this.generation += 1;
  }

  /** Checks the file now and loads it if it changed; true when a new index was loaded. */
  refresh(): boolean {
    let stamp: FileStamp | null;
    try {
      const st = fs.statSync(this.file);
      stamp = { mtimeMs: st.mtimeMs, size: st.size, ino: st.ino };
    } catch {
      return false; // absent: keep whatever is loaded (a rebuild renames the new file in place)
    }
    if (sameStamp(stamp, this.loadedStamp) || sameStamp(stamp, this.rejectedStamp)) return false;
    try {
      const started = performance.now();
      const index = AudienceIndex.deserialize(fs.readFileSync(this.file));
      this.set(index);
      this.loadedStamp = stamp;
      this.rejectedStamp = null;
      this.options.logger?.info(
        {
          file: this.file,
          customers: index.universe.size,
          bytes: stamp.size,
          ms: Math.round(performance.now() - started),
        },
        'audience index loaded',
      );
      return true;
    } catch (error) {
      this.rejectedStamp = stamp;
      this.options.logger?.error(
        { file: this.file, err: error, keeping: this.index ? 'previous index' : 'no index' },
        'audience index snapshot could not be loaded',
      );
      return false;
    }
  }
}
