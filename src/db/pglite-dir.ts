import fs, { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';

/**
 * PGlite is Postgres in one process, without Postgres' own guard against a second server on the
 * same files: two processes that open one folder write over each other's pages. So every process
 * takes this lock before it opens a folder, and records who it is beside it.
 */

/** Who has a PGlite folder open. */
export interface DirHolder {
  pid: number;
  hostname: string;
  /** The script it runs, relative to the working directory (`src/main.ts`, `src/cli/ingest.ts`). */
  command: string;
  /** Where it serves the API, when it is a server. */
  url?: string | undefined;
  /** When it took the folder (ISO 8601). */
  since: string;
}

// Inside the folder, so that it moves and goes with it; Postgres ignores files it does not know.
const LOCK = 'holder.lock';
const HOLDER = 'holder.json';
// The holder touches its lock every 5 s. One untouched for 30 s (a holder on another machine,
// or whose pid we cannot judge) is taken over: a long PGlite statement blocks the event loop
// for seconds, so the margin is wide. A holder known to be dead is taken over at once.
const UPDATE_MS = 5_000;
const STALE_MS = 30_000;

export class DataDirError extends Error {
  override name = 'DataDirError';
}

export class DataDirInUseError extends DataDirError {
  constructor(
    readonly dir: string,
    readonly holder: DirHolder | null,
  ) {
    super(
      `PGlite at ${resolve(dir)} is in use by ${describeHolder(holder)}; PGlite lets one process at a time open a folder.`,
    );
  }
}

export function describeHolder(holder: DirHolder | null): string {
  if (!holder) return 'another process (it has not said which)';
  const what = holder.url ? `the server at ${holder.url}` : `\`${holder.command}\``;
  const where = holder.hostname === hostname() ? '' : ` on ${holder.hostname}`;
  return `${what} (pid ${holder.pid}${where}, since ${holder.since})`;
}

/** Who holds the folder's lock now, as it recorded itself; null when nobody does or it has not written yet. */
export function readHolder(dir: string): DirHolder | null {
  if (!existsSync(join(dir, LOCK))) return null;
  try {
    return JSON.parse(readFileSync(join(dir, HOLDER), 'utf8')) as DirHolder;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The folders this process holds. */
const heldHere = new Set<string>();

/**
 * A holder on this machine whose process is gone (killed before it could let go), or that had
 * our pid in an earlier life (a restarted container); one on another machine cannot be judged.
 */
function isGone(dir: string, holder: DirHolder): boolean {
  if (holder.hostname !== hostname()) return false;
  return holder.pid === process.pid ? !heldHere.has(resolve(dir)) : !isAlive(holder.pid);
}

/** The holder, waiting a moment for one that has taken the lock but not yet written who it is. */
async function holderOf(dir: string): Promise<DirHolder | null> {
  for (let i = 0; i < 10; i += 1) {
    const holder = readHolder(dir);
    if (holder || !existsSync(join(dir, LOCK))) return holder;
    await sleep(100);
  }
  return null;
}

/**
 * Takes the folder's lock for this process, or throws DataDirInUseError naming the holder.
 * `url` is recorded for a server, so that the CLI can send its work there. `fatal` says why the
 * process stops when another one takes the folder over (a server's log line; stderr otherwise).
 * Returns the release.
 */
export async function lockDataDir(
  dir: string,
  url?: string,
  fatal: (message: string) => void = (message) => console.error(message),
): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  const lockPath = join(dir, LOCK);
  const holderPath = join(dir, HOLDER);
  const forget = () => {
    if (readHolder(dir)?.pid === process.pid) rmSync(holderPath, { force: true });
  };
  const options: lockfile.LockOptions = {
    lockfilePath: lockPath,
    stale: STALE_MS,
    update: UPDATE_MS,
    realpath: false,
    // The record goes before the lock, on release and when proper-lockfile lets go at exit, so
    // that a record without a lock only ever names a killed process.
    fs: {
      ...fs,
      rmdir: (path: string, callback: (error: Error | null) => void) => {
        forget();
        fs.rmdir(path, callback);
      },
      rmdirSync: (path: string) => {
        forget();
        fs.rmdirSync(path);
      },
    },
    onCompromised: (error) => {
      // A folder removed while open has nothing left to protect; the queries on it fail by themselves.
      if (!existsSync(dir)) return;
      // Another process took the folder over: even closing would write to it (a checkpoint).
      fatal(`PGlite at ${resolve(dir)}: another process took over the folder (${error.message}); stopping at once.`);
      process.exit(1);
    },
  };
  let release: (() => Promise<void>) | null = null;
  for (let attempt = 0; release === null; attempt += 1) {
    try {
      release = await lockfile.lock(dir, options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      const holder = await holderOf(dir);
      if (attempt > 0 || !holder || !isGone(dir, holder)) throw new DataDirInUseError(dir, holder);
      // Renaming is atomic: of two processes finding the same dead holder, one takes over.
      const taken = `${holderPath}.${process.pid}.stale`;
      try {
        renameSync(holderPath, taken);
      } catch {
        continue;
      }
      rmSync(lockPath, { recursive: true, force: true });
      rmSync(taken, { force: true });
    }
  }
  const me: DirHolder = {
    pid: process.pid,
    hostname: hostname(),
    command: relative(process.cwd(), process.argv[1] ?? '') || 'node',
    url,
    since: new Date().toISOString(),
  };
  writeFileSync(`${holderPath}.${process.pid}`, JSON.stringify(me));
  renameSync(`${holderPath}.${process.pid}`, holderPath);
  heldHere.add(resolve(dir));
  const held = release;
  return () => {
    heldHere.delete(resolve(dir));
    return held().catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ERELEASED') throw error;
    });
  };
}
