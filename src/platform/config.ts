import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.ts';

const configSchema = z.object({
  PANORAMA_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  STREAM_URL: z
    .string()
    .regex(/^nats:\/\//, 'must start with nats://')
    .optional(),
  STREAM_PARTITIONS: z.coerce.number().int().min(1).max(256).default(8),
  STREAM_FSYNC: z.enum(['always', 'interval', 'never']).default('interval'),
  STREAM_FSYNC_INTERVAL_MS: z.coerce.number().int().min(1).max(60_000).default(200),
  STREAM_SEGMENT_MB: z.coerce.number().int().min(1).max(4096).default(64),
  STREAM_RETENTION_HOURS: z.coerce.number().min(0).default(168),
  STREAM_ACK_WAIT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  PORT: z.coerce.number().int().min(1).max(65535).default(7080),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PANORAMA_DATASETS: z.string().min(1).default('../shared/data'),
  PANORAMA_DEMO_PASSWORD: z.string().min(8, 'must have at least 8 characters').default('Panorama#2026'),
  PANORAMA_DEMO_CUSTOMERS: z.coerce.number().int().min(100).max(10_000_000).default(50_000),
  PANORAMA_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
});

/** Validated process configuration; read once at start-up. */
export interface Config {
  dataDir: string;
  databaseUrl?: string;
  streamUrl?: string;
  /** Stream settings (platform/stream): partitions of new topics, embedded log durability and retention. */
  stream: {
    partitions: number;
    fsync: 'always' | 'interval' | 'never';
    fsyncIntervalMs: number;
    segmentBytes: number;
    /** 0 keeps messages forever. */
    retentionHours: number;
    ackWaitMs: number;
  };
  port: number;
  host: string;
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  datasetsDir: string;
  demoPassword: string;
  demoCustomers: number;
  secureCookies: 'auto' | 'true' | 'false';
}

/** Parses the environment into a Config; a bad value throws a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    dataDir: path.resolve(e.PANORAMA_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    streamUrl: e.STREAM_URL,
    stream: {
      partitions: e.STREAM_PARTITIONS,
      fsync: e.STREAM_FSYNC,
      fsyncIntervalMs: e.STREAM_FSYNC_INTERVAL_MS,
      segmentBytes: e.STREAM_SEGMENT_MB * 1024 * 1024,
      retentionHours: e.STREAM_RETENTION_HOURS,
      ackWaitMs: e.STREAM_ACK_WAIT_MS,
    },
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    datasetsDir: path.resolve(e.PANORAMA_DATASETS),
    demoPassword: e.PANORAMA_DEMO_PASSWORD,
    demoCustomers: e.PANORAMA_DEMO_CUSTOMERS,
    secureCookies: e.PANORAMA_SECURE_COOKIES,
  };
}
