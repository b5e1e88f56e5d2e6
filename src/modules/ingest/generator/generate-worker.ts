/** Worker thread entry: receives customer ranges, answers with their rows as transferable UTF-8 buffers. */
import { parentPort, workerData } from 'node:worker_threads';
import { generateChunk } from './chunk.ts';
import { createSimContext, type SimInput } from './simulation.ts';
import { STREAMED_TABLES, type ChunkMessage, type ChunkRequest } from './worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('generate-worker.ts must run in a worker thread');
const ctx = createSimContext(workerData as SimInput);

port.on('message', (request: ChunkRequest) => {
  const out = generateChunk(ctx, request.from, request.to);
  // Exact-size copies: the sinks' spare capacity would otherwise travel too.
  const buffers = STREAMED_TABLES.map((table) => new Uint8Array(out[table].bytes()));
  const message: ChunkMessage = { chunk: request.chunk, buffers, counts: out.counts };
  port.postMessage(
    message,
    buffers.map((b) => b.buffer as ArrayBuffer),
  );
});
