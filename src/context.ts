import type { Db } from './db/client.js';
import type { Ingestor } from './ingest/ingest.js';
import { createLoaders, type Loaders } from './loaders/index.js';

export interface Context {
  db: Db;
  loaders: Loaders;
  /** The one path for writing articles; the mutation uses the same one as the CLI. */
  ingestor: Ingestor;
  /** Write access of this request: off (no token configured), denied (no or wrong token) or granted. */
  writeAccess: 'OFF' | 'DENIED' | 'GRANTED';
}

export function createContext(db: Db, ingestor: Ingestor, writeAccess: Context['writeAccess']): Context {
  return { db, loaders: createLoaders(db), ingestor, writeAccess };
}
