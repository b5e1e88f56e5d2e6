/** Messages between the generator and its worker threads. */
import type { ChunkOutput } from './simulation.ts';

/** The per-customer outputs, in the order their buffers travel. */
export const STREAMED_TABLES = [
  'customer',
  'account',
  'balance_monthly',
  'transaction',
  'event',
  'truth',
] as const;

/** Generate customers [from, to) as chunk number `chunk`. */
export interface ChunkRequest {
  chunk: number;
  from: number;
  to: number;
}

/** A generated chunk: one UTF-8 buffer per STREAMED_TABLES entry, plus row counts. */
export interface ChunkMessage {
  chunk: number;
  buffers: Uint8Array[];
  counts: ChunkOutput['counts'];
}
