import { isConnectionLost, isStatementTimeout } from './errors.js';

/**
 * postgres.js runs its array-type query on every new connection and drops that promise, so a
 * connection cut or cancelled at that moment rejects with nobody listening, and Node would end
 * the whole server (porsager/postgres#1192, #1205, #1223, open in 3.4.9). The query that opened
 * the connection fails or succeeds on its own, and the driver reconnects; so a rejection of that
 * kind (a lost connection or a cancelled statement) is logged and let go. Every other unhandled
 * rejection still ends the process, as by default.
 */
export function surviveDroppedDriverRejections(log: (line: string) => void): void {
  process.on('unhandledRejection', (reason) => {
    if (reason instanceof Error && (isConnectionLost(reason) || isStatementTimeout(reason))) {
      const { code } = reason as Error & { code?: unknown };
      log(`a database connection failed with nobody waiting on it (${String(code)}: ${reason.message}); the driver reconnects`);
      return;
    }
    throw reason;
  });
}
