import { createApp } from '../app.js';
import { openDatabase, type Database } from '../db/client.js';
import type { TextLinker } from '../ingest/ingest.js';

/** One SQL statement the API sent, with its parameters as the driver got them. */
export interface CapturedStatement {
  query: string;
  params: unknown[];
}

export interface InProcessResult {
  data: Record<string, any>;
  statements: CapturedStatement[];
  /** The `x-sql-statements` response header, when the app sets one. */
  headerStatements: number | null;
}

export interface InProcessApp {
  run(operation: string, variables: Record<string, unknown>): Promise<InProcessResult>;
  close(): Promise<void>;
}

// The contract queries never ingest, so the app gets no linker (building one loads the knowledge base).
const noLinker: TextLinker = {
  linkWithUnknown() {
    throw new Error('the benchmark does not ingest');
  },
};

/**
 * The app of src/app.ts on its own connection to the bench database, with every statement it
 * sends recorded: how many statements an operation costs, and which ones to EXPLAIN.
 */
export async function openInProcessApp(url: string): Promise<InProcessApp> {
  let log: CapturedStatement[] = [];
  const database: Database = await openDatabase({ url, maxConnections: 4, onQuery: (query, params) => void log.push({ query, params }) });
  const app = createApp({ db: database.db, linker: noLinker, production: true });
  return {
    async run(operation, variables) {
      log = [];
      const response = await app.fetch('http://bench.local/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: operation, variables }),
      });
      const body = (await response.json()) as { data?: Record<string, any> | null; errors?: unknown[] };
      if (!response.ok || body.errors?.length || !body.data) {
        throw new Error(`in-process run failed (${response.status}): ${JSON.stringify(body).slice(0, 2000)}\n${JSON.stringify(variables)}`);
      }
      const header = response.headers.get('x-sql-statements');
      return { data: body.data, statements: log, headerStatements: header !== null && /^\d+$/.test(header) ? Number(header) : null };
    },
    close: () => database.close(),
  };
}
