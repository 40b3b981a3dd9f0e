import { readFileSync } from 'node:fs';

/** Clock ticks per second of the times in /proc (USER_HZ, 100 on every Linux build Node supports). */
const TICKS = 100;

/**
 * CPU seconds (user and system) the calling thread has used, from /proc/thread-self/stat; null
 * where there is none (not Linux). Node 20 has no per-thread clock of its own, and
 * process.cpuUsage() counts every thread of the process: a bulk load's main thread and its link
 * workers are told apart by this one.
 */
export function threadCpuSeconds(): number | null {
  return statCpuSeconds('/proc/thread-self/stat');
}

/** CPU seconds (user and system) of a process or thread, from its `stat` file in /proc; null when it cannot be read. */
export function statCpuSeconds(path: string): number | null {
  let stat: string;
  try {
    stat = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  // Fields after the command name (in parentheses, which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) / TICKS : null;
}
