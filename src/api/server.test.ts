import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestBank } from '../modules/customers/test-fixtures.ts';
import { loadConfig } from '../platform/config.ts';
import { startServer } from './server.ts';

const config = { ...loadConfig({}), host: '127.0.0.1', port: 0 };
const logger = pino({ level: 'silent' });

describe('startServer', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('listens, answers over HTTP, and closes fastify then the database', async () => {
    const bank = await createTestBank();
    const server = await startServer({ db: bank.db, config, logger, handleSignals: false });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${server.url}/ready`);
      expect(await res.json()).toEqual({ status: 'ready', customers: 30 });
    } finally {
      await server.close();
      await server.close();
    }
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    await expect(bank.db.exec('SELECT 1')).rejects.toThrow();
  });

  it('shuts down gracefully on SIGTERM', async () => {
    const bank = await createTestBank();
    const exited = new Promise<number | undefined>((resolve) => {
      vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
        resolve(code);
        return undefined as never;
      }) as typeof process.exit);
    });
    const server = await startServer({ db: bank.db, config, logger });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    process.emit('SIGTERM', 'SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    await expect(bank.db.exec('SELECT 1')).rejects.toThrow();
    expect(process.listenerCount('SIGTERM')).toBe(0);
  });
});
