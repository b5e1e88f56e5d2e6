/** Generates a contiguous range of customers: the unit of work of a generator thread. */
import { simulateCorporate } from './corporate.ts';
import { customerCore } from './population.ts';
import { RetailSimulator } from './retail.ts';
import { type ChunkOutput, emptyChunk, type SimContext } from './simulation.ts';

const simulators = new WeakMap<SimContext, RetailSimulator>();

/** Customers [from, to) as CSV rows of the streamed tables; the same range always gives the same bytes. */
export function generateChunk(ctx: SimContext, from: number, to: number): ChunkOutput {
  let retail = simulators.get(ctx);
  if (!retail) {
    retail = new RetailSimulator(ctx);
    simulators.set(ctx, retail);
  }
  const out = emptyChunk();
  for (let i = from; i < to; i++) {
    if (ctx.input.companyOfCustomer[i] >= 0) simulateCorporate(ctx, i, out);
    else retail.run(i, customerCore(ctx.population, i), out);
  }
  return out;
}
