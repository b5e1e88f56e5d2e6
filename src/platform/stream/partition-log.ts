import fs from 'node:fs';
import path from 'node:path';
import { decodeRecord, recordSize, writeRecord, type LogRecord } from './log-record.ts';

/** When appended records are forced to disk: after every append, every few ms, or by the OS. */
export type FsyncMode = 'always' | 'interval' | 'never';

/** Settings of a partition's log. */
export interface PartitionLogOptions {
  /** A segment is closed and a new one started once it reaches this size. */
  segmentBytes: number;
  fsync: FsyncMode;
  /** Told about recoveries and skipped corruption. */
  warn?: (message: string, details: Record<string, unknown>) => void;
}

/** A read position in a partition: the next record to read. */
export interface ReadCursor {
  segmentBase: number;
  position: number;
  offset: number;
}

interface Segment {
  base: number;
  file: string;
  /** Bytes of whole, valid records (readers never look past it). */
  size: number;
  readFd?: number;
  /** Sparse offset → file position entries, ascending, for seeks. */
  index: Array<[number, number]>;
  modifiedMs: number;
}

const SEGMENT_SUFFIX = '.log';
const INDEX_EVERY_BYTES = 64 * 1024;
const SCAN_CHUNK_BYTES = 1024 * 1024;

function segmentFile(dir: string, base: number): string {
  return path.join(dir, `${String(base).padStart(20, '0')}${SEGMENT_SUFFIX}`);
}

/** fsync of a directory, so a created, renamed or removed file survives a power cut. */
export function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * One partition of a topic: append-only segment files `<base offset>.log` in its directory.
 * Writes are synchronous and positional, so a failed write is overwritten by the next one and a
 * record is readable as soon as `append` returns. On open the last segment is scanned and a torn
 * or corrupt tail (a crash mid-write) is truncated away.
 */
export class PartitionLog {
  private readonly segments: Segment[] = [];
  private writeFd: number;
  private dirty = false;
  private readBuffer = Buffer.allocUnsafe(SCAN_CHUNK_BYTES);
  /** The offset the next appended record gets. */
  nextOffset = 0;

  private constructor(
    readonly dir: string,
    private readonly options: PartitionLogOptions,
  ) {
    fs.mkdirSync(dir, { recursive: true });
    const bases = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(SEGMENT_SUFFIX) && /^\d{20}\.log$/.test(f))
      .map((f) => Number(f.slice(0, 20)))
      .sort((a, b) => a - b);
    for (const base of bases) {
      const file = segmentFile(dir, base);
      const stat = fs.statSync(file);
      this.segments.push({ base, file, size: stat.size, index: [[base, 0]], modifiedMs: stat.mtimeMs });
    }
    if (this.segments.length === 0) {
      this.writeFd = this.createSegment(0);
      return;
    }
    const last = this.segments[this.segments.length - 1];
    this.recover(last);
    this.writeFd = fs.openSync(last.file, 'r+');
  }

  /** Opens (creating or recovering) the partition log in `dir`. */
  static open(dir: string, options: PartitionLogOptions): PartitionLog {
    return new PartitionLog(dir, options);
  }

  /** The oldest offset still on disk. */
  get earliestOffset(): number {
    return this.segments[0].base;
  }

  /** Bytes on disk across segments. */
  get sizeBytes(): number {
    return this.segments.reduce((sum, s) => sum + s.size, 0);
  }

  /** Number of segment files. */
  get segmentCount(): number {
    return this.segments.length;
  }

  /** Scans the last segment: keeps whole records with the expected offsets, truncates the rest. */
  private recover(segment: Segment): void {
    const fd = fs.openSync(segment.file, 'r+');
    try {
      const fileSize = segment.size;
      const scan = this.scan(fd, segment, 0, segment.base, fileSize, () => true);
      if (scan.position < fileSize) {
        this.options.warn?.('stream: truncating a torn or corrupt tail', {
          file: segment.file,
          validBytes: scan.position,
          fileBytes: fileSize,
          reason: scan.problem ?? 'incomplete record',
        });
        fs.ftruncateSync(fd, scan.position);
        fs.fsyncSync(fd);
      }
      segment.size = scan.position;
      this.nextOffset = scan.offset;
    } finally {
      fs.closeSync(fd);
    }
  }

  /**
   * Reads records from `position` (holding `offset`) up to `end`, calling `visit` for each until it
   * answers false. Answers where it stopped, and why when it met a bad record.
   */
  private scan(
    fd: number,
    segment: Segment,
    position: number,
    offset: number,
    end: number,
    visit: (record: LogRecord, position: number) => boolean,
  ): { position: number; offset: number; problem?: string } {
    let buffer = this.readBuffer;
    let bufferStart = position;
    let filled = 0;
    let at = 0;
    for (;;) {
      const result = decodeRecord(buffer.subarray(0, filled), at);
      if (result.kind === 'record') {
        const record = result.record;
        if (record.offset !== offset) {
          return {
            position: bufferStart + at,
            offset,
            problem: `offset ${record.offset}, expected ${offset}`,
          };
        }
        const recordPosition = bufferStart + at;
        const lastIndexed = segment.index[segment.index.length - 1];
        if (recordPosition - lastIndexed[1] >= INDEX_EVERY_BYTES && record.offset > lastIndexed[0]) {
          segment.index.push([record.offset, recordPosition]);
        }
        if (!visit(record, recordPosition)) return { position: recordPosition, offset };
        at += record.size;
        offset++;
        continue;
      }
      if (result.kind === 'corrupt') return { position: bufferStart + at, offset, problem: result.reason };
      // Incomplete in the buffer: read on, unless the file ends here.
      const consumed = bufferStart + at;
      if (consumed + result.needed > end) return { position: consumed, offset };
      if (result.needed > buffer.length) buffer = Buffer.allocUnsafe(result.needed);
      bufferStart = consumed;
      at = 0;
      filled = fs.readSync(fd, buffer, 0, Math.min(buffer.length, end - consumed), consumed);
      if (filled === 0) return { position: consumed, offset };
    }
  }

  private createSegment(base: number): number {
    const file = segmentFile(this.dir, base);
    const fd = fs.openSync(file, 'w+');
    if (this.options.fsync !== 'never') fsyncDir(this.dir);
    this.segments.push({ base, file, size: 0, index: [[base, 0]], modifiedMs: Date.now() });
    this.nextOffset = base;
    return fd;
  }

  private roll(): void {
    if (this.options.fsync !== 'never') fs.fsyncSync(this.writeFd);
    fs.closeSync(this.writeFd);
    this.dirty = false;
    this.segments[this.segments.length - 1].modifiedMs = Date.now();
    this.writeFd = this.createSegment(this.nextOffset);
  }

  /** Appends records stamped `timestamp`; answers the offset of the first. */
  append(records: ReadonlyArray<{ key: Buffer; payload: Buffer }>, timestamp: number): number {
    let total = 0;
    for (const r of records) total += recordSize(r.key, r.payload);
    let active = this.segments[this.segments.length - 1];
    if (active.size > 0 && active.size + total > this.options.segmentBytes) {
      this.roll();
      active = this.segments[this.segments.length - 1];
    }
    const first = this.nextOffset;
    const buffer = Buffer.allocUnsafe(total);
    let at = 0;
    let offset = first;
    for (const r of records) {
      const recordStart = active.size + at;
      const lastIndexed = active.index[active.index.length - 1];
      if (recordStart - lastIndexed[1] >= INDEX_EVERY_BYTES) active.index.push([offset, recordStart]);
      at = writeRecord(buffer, at, offset++, timestamp, r.key, r.payload);
    }
    let written = 0;
    while (written < total) {
      written += fs.writeSync(this.writeFd, buffer, written, total - written, active.size + written);
    }
    // Only now is the batch part of the log: a write that threw is overwritten by the next append.
    active.size += total;
    this.nextOffset = offset;
    if (this.options.fsync === 'always') fs.fsyncSync(this.writeFd);
    else this.dirty = true;
    return first;
  }

  /** Forces appended records to disk (the fsync interval calls this). */
  sync(): void {
    if (!this.dirty) return;
    fs.fsyncSync(this.writeFd);
    this.dirty = false;
  }

  private segmentIndexOf(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.segments[mid].base <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private readFdOf(segment: Segment): number {
    segment.readFd ??= fs.openSync(segment.file, 'r');
    return segment.readFd;
  }

  /** A cursor at `offset` (clamped to the records on disk). */
  cursorAt(offset: number): ReadCursor {
    const target = Math.max(this.earliestOffset, Math.min(offset, this.nextOffset));
    const segment = this.segments[this.segmentIndexOf(target)];
    let [fromOffset, fromPosition] = segment.index[0];
    for (const entry of segment.index) {
      if (entry[0] > target) break;
      [fromOffset, fromPosition] = entry;
    }
    if (fromOffset === target) return { segmentBase: segment.base, position: fromPosition, offset: target };
    const scan = this.scan(
      this.readFdOf(segment),
      segment,
      fromPosition,
      fromOffset,
      segment.size,
      (record) => record.offset < target,
    );
    return { segmentBase: segment.base, position: scan.position, offset: scan.offset };
  }

  /** The first offset appended at or after `time` (epoch ms); `nextOffset` when none is. */
  offsetAtTime(time: number): number {
    let chosen = 0;
    for (let i = 0; i < this.segments.length; i++) {
      const first = this.readFirst(this.segments[i]);
      if (first && first.timestamp <= time) chosen = i;
      else break;
    }
    for (let i = chosen; i < this.segments.length; i++) {
      const segment = this.segments[i];
      let found: number | undefined;
      this.scan(this.readFdOf(segment), segment, 0, segment.base, segment.size, (record) => {
        if (record.timestamp >= time) {
          found = record.offset;
          return false;
        }
        return true;
      });
      if (found !== undefined) return found;
    }
    return this.nextOffset;
  }

  private readFirst(segment: Segment): LogRecord | undefined {
    let first: LogRecord | undefined;
    this.scan(this.readFdOf(segment), segment, 0, segment.base, segment.size, (record) => {
      first = record;
      return false;
    });
    return first;
  }

  /**
   * Reads up to `max` records (about `maxBytes`) from the cursor and moves it past them. A cursor
   * whose segment retention removed jumps to the earliest offset on disk.
   */
  read(cursor: ReadCursor, max: number, maxBytes = SCAN_CHUNK_BYTES): LogRecord[] {
    const out: LogRecord[] = [];
    let bytes = 0;
    while (out.length < max && bytes < maxBytes) {
      if (cursor.offset < this.earliestOffset) Object.assign(cursor, this.cursorAt(this.earliestOffset));
      const i = this.segmentIndexOf(cursor.offset);
      const segment = this.segments[i];
      if (segment.base !== cursor.segmentBase) Object.assign(cursor, this.cursorAt(cursor.offset));
      if (cursor.position >= segment.size) {
        if (i === this.segments.length - 1) break;
        const next = this.segments[i + 1];
        Object.assign(cursor, { segmentBase: next.base, position: 0, offset: next.base });
        continue;
      }
      const scan = this.scan(
        this.readFdOf(segment),
        segment,
        cursor.position,
        cursor.offset,
        segment.size,
        (record) => {
          if (out.length >= max || bytes >= maxBytes) return false;
          out.push(record);
          bytes += record.size;
          return true;
        },
      );
      cursor.position = scan.position;
      cursor.offset = scan.offset;
      if (scan.problem) {
        // Only a closed segment can hold corruption (the open one was recovered and is ours).
        this.options.warn?.('stream: skipping a corrupt segment tail', {
          file: segment.file,
          position: scan.position,
          reason: scan.problem,
        });
        if (i === this.segments.length - 1) break;
        const next = this.segments[i + 1];
        Object.assign(cursor, { segmentBase: next.base, position: 0, offset: next.base });
      }
    }
    return out;
  }

  /**
   * Removes closed segments older than `maxAgeMs` (by last write) and, oldest first, while the
   * partition is larger than `maxBytes`. The open segment always stays. Answers segments removed.
   */
  applyRetention(policy: { maxAgeMs?: number; maxBytes?: number }, now = Date.now()): number {
    let removed = 0;
    let total = this.sizeBytes;
    while (this.segments.length > 1) {
      const oldest = this.segments[0];
      const tooOld = policy.maxAgeMs !== undefined && oldest.modifiedMs < now - policy.maxAgeMs;
      const tooBig = policy.maxBytes !== undefined && total > policy.maxBytes;
      if (!tooOld && !tooBig) break;
      if (oldest.readFd !== undefined) fs.closeSync(oldest.readFd);
      fs.rmSync(oldest.file, { force: true });
      total -= oldest.size;
      this.segments.shift();
      removed++;
    }
    if (removed > 0 && this.options.fsync !== 'never') fsyncDir(this.dir);
    return removed;
  }

  /** Syncs and closes the files. */
  close(): void {
    if (this.options.fsync !== 'never') this.sync();
    fs.closeSync(this.writeFd);
    for (const segment of this.segments) {
      if (segment.readFd !== undefined) fs.closeSync(segment.readFd);
      segment.readFd = undefined;
    }
  }
}
