import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { ConfigError } from './errors.ts';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      dataDir: path.resolve('./data'),
      port: 7080,
      databaseUrl: undefined,
      streamUrl: undefined,
      demoPassword: 'Panorama#2026',
      demoCustomers: 50_000,
    });
  });

  it('reads server mode settings', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test',
      STREAM_URL: 'nats://127.0.0.1:4222',
      PORT: '8081',
      PANORAMA_DATA_DIR: '/tmp/panorama-x',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgresql://postgres@127.0.0.1:5432/test',
      streamUrl: 'nats://127.0.0.1:4222',
      port: 8081,
      dataDir: '/tmp/panorama-x',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ STREAM_URL: 'kafka://x' }, 'STREAM_URL'],
    [{ PANORAMA_DEMO_PASSWORD: 'short' }, 'PANORAMA_DEMO_PASSWORD'],
  ])('rejects %o with a message naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
