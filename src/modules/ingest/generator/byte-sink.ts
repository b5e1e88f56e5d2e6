/**
 * A growable UTF-8 byte buffer for CSV rows. Appending to one huge JS string builds a rope of
 * millions of nodes (about ten times the text in memory); encoding each row as it is made keeps a
 * chunk's memory near its size on disk, and the buffer can be transferred between threads.
 */
export class ByteSink {
  buffer: Buffer;
  length = 0;
  // Rows are batched into a short string first: one encode call per batch instead of per row.
  private pending = '';
  private pendingRows = 0;

  constructor(capacity = 1 << 16) {
    this.buffer = Buffer.allocUnsafeSlow(capacity);
  }

  /** Appends `text` (typically one CSV row) as UTF-8. */
  write(text: string): void {
    this.pending += text;
    if (++this.pendingRows >= 128) this.flush();
  }

  private flush(): void {
    const text = this.pending;
    this.pending = '';
    this.pendingRows = 0;
    const worst = text.length * 3;
    if (this.length + worst > this.buffer.length) {
      let capacity = this.buffer.length * 2;
      while (this.length + worst > capacity) capacity *= 2;
      const next = Buffer.allocUnsafeSlow(capacity);
      this.buffer.copy(next, 0, 0, this.length);
      this.buffer = next;
    }
    this.length += this.buffer.write(text, this.length);
  }

  /** The bytes written so far (a view, not a copy). */
  bytes(): Uint8Array {
    if (this.pendingRows > 0) this.flush();
    return this.buffer.subarray(0, this.length);
  }
}
