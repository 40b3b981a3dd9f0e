import { chmodSync, chownSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, run } from './processes.js';

/** Where Debian's Postgres 15 keeps initdb and pg_ctl; POSTGRES_BIN overrides it. */
const BIN = process.env.POSTGRES_BIN || '/usr/lib/postgresql/15/bin';

export interface ThrowawayPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`. */
  url: string;
  port: number;
  /** Stops the server (fast shutdown: sessions are terminated) and waits until it is down. */
  stop(): Promise<void>;
  /** Starts it again and resolves once it accepts connections; resolves with that moment (`performance.now()`). */
  start(): Promise<number>;
  /** Stops the server if it runs and deletes its folder. */
  remove(): Promise<void>;
}

/** Runs a command as the `postgres` user when we are root (Postgres refuses to run as root). */
function asPostgres(command: string, args: string[], timeoutMs?: number): Promise<string> {
  return process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', command, ...args], timeoutMs) : run(command, args, timeoutMs);
}

function postgresIds(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  // The home of the postgres user belongs to it: the cheapest way to learn its ids without a parser of /etc/passwd.
  try {
    const { uid, gid } = statSync('/var/lib/postgresql');
    return { uid, gid };
  } catch {
    return null;
  }
}

/**
 * A Postgres cluster of its own in a temporary folder, listening on loopback only, on a free port,
 * without fsync (its data is thrown away), trusting local connections. For fault tests that stop
 * and start the server, which the shared Postgres must never be.
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'chaos-pg-'));
  const ids = postgresIds();
  if (ids) chownSync(dir, ids.uid, ids.gid);
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  const port = await freePort();
  let running = false;
  try {
    await asPostgres(`${BIN}/initdb`, ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const options = [`-p ${port}`, "-c listen_addresses='127.0.0.1'", `-c unix_socket_directories='${dir}'`, '-c fsync=off', '-c full_page_writes=off', '-c synchronous_commit=off'];
  const start = async () => {
    await asPostgres(`${BIN}/pg_ctl`, ['-D', data, '-l', join(dir, 'log'), '-o', options.join(' '), '-w', '-t', '60', 'start']);
    running = true;
    return performance.now();
  };
  const stop = async () => {
    await asPostgres(`${BIN}/pg_ctl`, ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
    running = false;
  };
  await start().catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    async remove() {
      if (running) await asPostgres(`${BIN}/pg_ctl`, ['-D', data, '-m', 'immediate', '-w', '-t', '60', 'stop']).catch(() => {});
      running = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
