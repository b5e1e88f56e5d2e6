import fs from 'node:fs';
import path from 'node:path';
import { fsyncDir, type FsyncMode } from './partition-log.ts';

/** A group's progress in one partition. */
export interface PartitionProgress {
  /** Every offset below this one is acked. */
  committed: number;
  /** Acked offsets at or above `committed` (acks that came out of order). */
  acked: Set<number>;
}

interface GroupFile {
  version: 1;
  topic: string;
  group: string;
  partitions: Record<string, { committed: number; acked: number[] }>;
}

/**
 * A consumer group's committed offsets for one topic, in `<topic>/groups/<group>.json`. Every
 * change is written whole to a temporary file and renamed over the old one, so a crash leaves
 * either the old or the new state. Acks arriving together share one write (group commit).
 */
export class GroupOffsets {
  private readonly progress = new Map<number, PartitionProgress>();
  private pending: Promise<void> | null = null;
  /** True when the file holds no state yet (a new group). */
  readonly isNew: boolean;

  constructor(
    private readonly file: string,
    private readonly topic: string,
    private readonly group: string,
    private readonly fsync: FsyncMode,
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.isNew = !fs.existsSync(file);
    if (this.isNew) return;
    const raw = fs.readFileSync(file, 'utf8');
    let parsed: GroupFile;
    try {
      parsed = JSON.parse(raw) as GroupFile;
    } catch (error) {
      throw new Error(`stream: group offsets file ${file} is unreadable: ${(error as Error).message}`);
    }
    for (const [p, state] of Object.entries(parsed.partitions)) {
      this.progress.set(Number(p), { committed: state.committed, acked: new Set(state.acked) });
    }
  }

  /** The progress of a partition, created at `start` when the group has none there yet. */
  of(partition: number, start: number): PartitionProgress {
    let state = this.progress.get(partition);
    if (!state) {
      state = { committed: start, acked: new Set() };
      this.progress.set(partition, state);
    }
    return state;
  }

  /** Records an ack; moves the committed offset over any run of acked offsets. */
  markAcked(partition: number, offset: number): void {
    const state = this.progress.get(partition);
    if (!state || offset < state.committed) return;
    state.acked.add(offset);
    while (state.acked.delete(state.committed)) state.committed++;
  }

  /** Moves a partition to `offset`, forgetting out-of-order acks. */
  reset(partition: number, offset: number): void {
    this.progress.set(partition, { committed: offset, acked: new Set() });
  }

  /** Writes the state once, for every change made before the write starts. */
  flush(): Promise<void> {
    this.pending ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.pending = null;
        try {
          this.writeNow();
          resolve();
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    return this.pending;
  }

  /** Writes the state at once (close). */
  writeNow(): void {
    const body: GroupFile = { version: 1, topic: this.topic, group: this.group, partitions: {} };
    for (const [p, state] of this.progress) {
      body.partitions[String(p)] = {
        committed: state.committed,
        acked: [...state.acked].sort((a, b) => a - b),
      };
    }
    const tmp = `${this.file}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, JSON.stringify(body));
      if (this.fsync !== 'never') fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
    if (this.fsync === 'always') fsyncDir(path.dirname(this.file));
  }
}
