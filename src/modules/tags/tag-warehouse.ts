import fs from 'node:fs';
import { ConflictError } from '../../platform/errors.ts';
import { openReader, openWriter, warehousePath, type Warehouse } from '../../platform/warehouse/index.ts';

/** How the tag service reaches the warehouse: short read sessions (preview) and write sessions (runs). */
export interface TagWarehouseAccess {
  read<T>(work: (warehouse: Warehouse) => Promise<T>): Promise<T>;
  write<T>(work: (warehouse: Warehouse) => Promise<T>): Promise<T>;
}

/**
 * Opens the data dir's DuckDB file per session and closes it after, one session at a time in this
 * process: DuckDB's file lock guards against other processes only, and two instances of one file
 * in one process must never coexist. A lock held by another process answers 409.
 */
export function dataDirWarehouseAccess(dataDir: string): TagWarehouseAccess {
  let queue: Promise<unknown> = Promise.resolve();
  const session = <T>(
    open: () => Promise<Warehouse>,
    work: (warehouse: Warehouse) => Promise<T>,
  ): Promise<T> => {
    const next = queue.then(async () => {
      if (!fs.existsSync(warehousePath(dataDir)))
        throw new ConflictError(
          `there is no warehouse in ${dataDir} yet: import data first ('panorama import')`,
        );
      let warehouse: Warehouse;
      try {
        warehouse = await open();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (/lock/i.test(message)) {
          const pid = /PID (\d+)/.exec(message)?.[1];
          throw new ConflictError(
            `the warehouse is in use by another process${pid ? ` (PID ${pid})` : ''} — an import, publish or 'panorama tags run'; try again when it has finished`,
          );
        }
        throw error;
      }
      try {
        return await work(warehouse);
      } finally {
        warehouse.close();
      }
    });
    queue = next.catch(() => {});
    return next;
  };
  return {
    read: (work) => session(() => openReader(dataDir), work),
    write: (work) => session(() => openWriter(dataDir), work),
  };
}

/** Access to one already-open warehouse (tests, the CLI), serialised the same way. */
export function openWarehouseAccess(warehouse: Warehouse): TagWarehouseAccess {
  let queue: Promise<unknown> = Promise.resolve();
  const session = <T>(work: (w: Warehouse) => Promise<T>): Promise<T> => {
    const next = queue.then(() => work(warehouse));
    queue = next.catch(() => {});
    return next;
  };
  return { read: session, write: session };
}
