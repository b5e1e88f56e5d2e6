import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';

const HEAD_BYTES = 1 << 20;
const SAMPLE_BYTES = 1 << 16;
const SAMPLES = 8;

/** Reads the first `limit` bytes of a file, decompressing gzip when `gzip` is set. */
export async function readHead(file: string, limit: number, gzip: boolean): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const raw = fs.createReadStream(file, gzip ? {} : { end: limit - 1 });
  const stream = gzip ? raw.pipe(zlib.createGunzip()) : raw;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) break;
    }
  } catch (error) {
    // A truncated gzip stream still gives a usable head; anything else is a real problem.
    if (!(gzip && size > 0)) throw error;
  } finally {
    raw.destroy();
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

/**
 * Guesses a text file's encoding: a BOM decides; otherwise UTF-8 when the head and samples spread
 * through the file are valid UTF-8, else GB18030 (a superset of GBK and GB2312, the usual
 * alternative in Chinese bank exports).
 */
export async function detectEncoding(file: string, gzip: boolean): Promise<string> {
  const head = await readHead(file, HEAD_BYTES, gzip);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (!isUtf8Text(head, head.length === HEAD_BYTES)) return 'gb18030';
  if (gzip) return 'utf-8';
  const { size } = await fs.promises.stat(file);
  if (size <= HEAD_BYTES) return 'utf-8';
  const handle = await fs.promises.open(file, 'r');
  try {
    for (let i = 1; i <= SAMPLES; i++) {
      const offset = Math.floor(((size - SAMPLE_BYTES) * i) / SAMPLES);
      const buffer = Buffer.alloc(SAMPLE_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, offset);
      const sample = buffer.subarray(0, bytesRead);
      // Samples start and end mid-line: judge only whole lines.
      const start = sample.indexOf(0x0a) + 1;
      const end = sample.lastIndexOf(0x0a);
      if (start > 0 && end > start && !isUtf8Text(sample.subarray(start, end), false)) return 'gb18030';
    }
  } finally {
    await handle.close();
  }
  return 'utf-8';
}

/** Whether bytes are valid UTF-8; with `truncated`, an incomplete last character is forgiven. */
function isUtf8Text(bytes: Buffer, truncated: boolean): boolean {
  let end = bytes.length;
  if (truncated) {
    // Step back over a partial multi-byte sequence at the cut.
    let i = end - 1;
    while (i >= 0 && i > end - 4 && (bytes[i] & 0xc0) === 0x80) i--;
    if (i >= 0 && bytes[i] >= 0xc0) end = i;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Whether an encoding name means UTF-8, which DuckDB reads directly. */
export function isUtf8Encoding(encoding: string): boolean {
  return /^utf-?8$/i.test(encoding);
}

/** Streams a file (gzip or not) through iconv-lite into a UTF-8 file. */
export async function transcodeToUtf8(
  file: string,
  encoding: string,
  gzip: boolean,
  target: string,
): Promise<void> {
  const source = fs.createReadStream(file);
  const steps: NodeJS.ReadWriteStream[] = [];
  if (gzip) steps.push(zlib.createGunzip());
  steps.push(iconv.decodeStream(encoding, { stripBOM: true }), iconv.encodeStream('utf8'));
  await pipeline([source, ...steps, fs.createWriteStream(target)]);
}
