import { crc32 } from 'node:zlib';

/**
 * On-disk record of the embedded log:
 *   u32 length of the body · u32 CRC-32 of the body · body
 *   body = u64 offset · u64 timestamp (ms) · u16 key length · key · payload
 * All big-endian. The CRC covers the whole body, so a torn or overwritten record is detected.
 */
export const RECORD_HEADER_BYTES = 8;

/** Fixed part of the body: offset, timestamp, key length. */
const BODY_FIXED_BYTES = 8 + 8 + 2;

/** Largest body a reader believes; anything longer is garbage, not a record. */
export const MAX_RECORD_BODY_BYTES = 16 * 1024 * 1024;

/** A record read back from a segment. */
export interface LogRecord {
  offset: number;
  timestamp: number;
  key: string;
  payload: Buffer;
  /** Bytes the record takes in the file, header included. */
  size: number;
}

/** Outcome of decoding at a position: a record, the need for more bytes, or corruption. */
export type DecodeResult =
  | { kind: 'record'; record: LogRecord }
  | { kind: 'incomplete'; needed: number }
  | { kind: 'corrupt'; reason: string };

const TWO_32 = 2 ** 32;

function writeU64(buf: Buffer, value: number, at: number): void {
  buf.writeUInt32BE(Math.floor(value / TWO_32), at);
  buf.writeUInt32BE(value >>> 0, at + 4);
}

function readU64(buf: Buffer, at: number): number {
  return buf.readUInt32BE(at) * TWO_32 + buf.readUInt32BE(at + 4);
}

/** Bytes a record with this key and payload takes in the file. */
export function recordSize(key: Buffer, payload: Buffer): number {
  return RECORD_HEADER_BYTES + BODY_FIXED_BYTES + key.length + payload.length;
}

/** Writes one record into `target` at `at`; answers the position after it. */
export function writeRecord(
  target: Buffer,
  at: number,
  offset: number,
  timestamp: number,
  key: Buffer,
  payload: Buffer,
): number {
  const bodyStart = at + RECORD_HEADER_BYTES;
  const bodyLength = BODY_FIXED_BYTES + key.length + payload.length;
  writeU64(target, offset, bodyStart);
  writeU64(target, timestamp, bodyStart + 8);
  target.writeUInt16BE(key.length, bodyStart + 16);
  key.copy(target, bodyStart + BODY_FIXED_BYTES);
  payload.copy(target, bodyStart + BODY_FIXED_BYTES + key.length);
  target.writeUInt32BE(bodyLength, at);
  target.writeUInt32BE(crc32(target.subarray(bodyStart, bodyStart + bodyLength)), at + 4);
  return bodyStart + bodyLength;
}

/** Decodes the record starting at `at` in `buf` (which may end early: then 'incomplete'). */
export function decodeRecord(buf: Buffer, at: number): DecodeResult {
  if (buf.length - at < RECORD_HEADER_BYTES) {
    return { kind: 'incomplete', needed: RECORD_HEADER_BYTES };
  }
  const bodyLength = buf.readUInt32BE(at);
  if (bodyLength < BODY_FIXED_BYTES || bodyLength > MAX_RECORD_BODY_BYTES) {
    return { kind: 'corrupt', reason: `implausible record length ${bodyLength}` };
  }
  const total = RECORD_HEADER_BYTES + bodyLength;
  if (buf.length - at < total) return { kind: 'incomplete', needed: total };
  const body = buf.subarray(at + RECORD_HEADER_BYTES, at + total);
  if (crc32(body) !== buf.readUInt32BE(at + 4)) return { kind: 'corrupt', reason: 'checksum mismatch' };
  const keyLength = body.readUInt16BE(16);
  if (BODY_FIXED_BYTES + keyLength > bodyLength) {
    return { kind: 'corrupt', reason: `key length ${keyLength} beyond the record` };
  }
  return {
    kind: 'record',
    record: {
      offset: readU64(body, 0),
      timestamp: readU64(body, 8),
      key: body.toString('utf8', BODY_FIXED_BYTES, BODY_FIXED_BYTES + keyLength),
      // A copy: the read buffer is reused.
      payload: Buffer.from(body.subarray(BODY_FIXED_BYTES + keyLength)),
      size: total,
    },
  };
}
