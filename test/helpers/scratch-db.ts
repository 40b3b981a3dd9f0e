import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { postgresUrl } from './db.js';
import { postgresTemplateName, templatesAvailable } from './templates.js';

export interface ScratchDatabase {
  name: string;
  /** The database's URL on the test Postgres. */
  url: string;
  /** The same URL with another host and port (a proxy) and optionally a password. */
  urlVia(options: { port?: number; password?: string }): string;
  /** A connection to it for the test's own statements. */
  sql: postgres.Sql;
  /** Closes the test's connection and drops the database (closing the server's connections too). */
  drop(): Promise<void>;
}

/**
 * A database on the test Postgres for a server process: empty, for the server to migrate and fill,
 * or with `prepared`, a copy of this run's migrated and seeded template (what a server that started
 * once before finds), for tests about anything but the first start.
 */
export async function createScratchDatabase(prefix = 'scratch', { prepared = false } = {}): Promise<ScratchDatabase> {
  if (!postgresUrl) throw new Error('no Postgres configured (TEST_DATABASE_URL)');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const template = prepared && templatesAvailable() ? await postgresTemplateName(postgresUrl, true) : null;
  const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
  return {
    name,
    url: url.toString(),
    urlVia({ port, password }) {
      const via = new URL(url);
      if (port !== undefined) via.port = String(port);
      if (password !== undefined) via.password = password;
      return via.toString();
    },
    sql,
    async drop() {
      await sql.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Where the test Postgres listens, for a TCP proxy in front of it. */
export function postgresAddress(): { host: string; port: number } {
  const url = new URL(postgresUrl ?? 'postgres://127.0.0.1:5432');
  return { host: url.hostname, port: Number(url.port || 5432) };
}
