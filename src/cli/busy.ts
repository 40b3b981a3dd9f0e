import type { DataDirInUseError } from '../db/pglite-dir.js';

/** What to do when the command needs the PGlite folder that another process has open. */
export function folderBusyMessage(script: string, busy: DataDirInUseError, why = ''): string {
  const pid = busy.holder?.pid;
  const first = busy.holder?.url
    ? `stop the server (kill ${pid})`
    : pid
      ? `wait until it has finished (or stop it: kill ${pid})`
      : 'stop the process that has it open';
  return (
    `${busy.message}${why ? ` ${why}` : ''}\n` +
    `To go on, ${first} and run \`npm run ${script}\` again; or use a Postgres (DATABASE_URL), which any number of processes share.`
  );
}
