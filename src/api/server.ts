import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from './app.ts';

/** A running server. */
export interface ServerHandle {
  app: FastifyInstance;
  /** Where it listens, e.g. `http://127.0.0.1:7080`. */
  url: string;
  /** Stops accepting requests, lets the ones in flight finish, then closes the database. Idempotent. */
  close(): Promise<void>;
}

/** Options of startServer beyond the app's dependencies. */
export interface StartServerOptions extends AppDeps {
  /** Close gracefully on SIGINT/SIGTERM and then exit the process (default true). */
  handleSignals?: boolean;
}

// A shutdown that hangs (a stuck connection) must not keep a stopped server alive forever.
const SHUTDOWN_TIMEOUT_MS = 10_000;

/** Builds the app and listens on config.host:config.port; closes fastify, then the database, on SIGINT/SIGTERM. */
export async function startServer(options: StartServerOptions): Promise<ServerHandle> {
  const { handleSignals = true, ...deps } = options;
  const app = await buildApp(deps);
  const url = await app.listen({ host: deps.config.host, port: deps.config.port });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      if (handleSignals) for (const signal of SIGNALS) process.off(signal, onSignal);
      try {
        await app.close();
      } finally {
        await deps.db.close();
      }
    })();
    return closing;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    deps.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      deps.logger.error({ signal }, 'shutdown timed out');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    close().then(
      () => {
        deps.logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        deps.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  if (handleSignals) for (const signal of SIGNALS) process.once(signal, onSignal);

  deps.logger.info({ url }, 'listening');
  return { app, url, close };
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
