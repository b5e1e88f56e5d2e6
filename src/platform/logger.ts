import { pino, type Logger } from 'pino';

export type { Logger };

/** Creates the process logger: JSON lines to stdout, as DESIGN §4 asks for non-terminal output. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'panorama' } });
}
