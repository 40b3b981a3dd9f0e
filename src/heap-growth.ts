import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what a full collection left alive before it collects again,
 * in per cent of the live data (HEAP_GROWING_PERCENT; 0 is V8's own sizing).
 *
 * On a machine with more than 16 GB, V8 allows up to four times the live data (its factor grows
 * with the heap's size limit, 4 GB there). The server keeps some 90 MiB alive, but while 16
 * requests are in flight their rows, objects and text outlive the young generation and reach the
 * old one as garbage: the heap grew to 300–450 MiB before V8 collected it, and the process stayed
 * that large. At 1.5 × the live data it is collected sooner, at the cost of more frequent full
 * collections (README, "Memory", has the figures).
 */
export const DEFAULT_HEAP_GROWING_PERCENT = 50;

const GIVEN = /^--heap[-_]growing[-_]percent(=|$)/;

/**
 * Sets V8's heap growing factor for this process, unless node was started with its own
 * (`node --heap-growing-percent=N`; NODE_OPTIONS may not carry it). V8 reads the flag at every full
 * collection, so setting it first thing in the process is the same as starting node with it:
 * `npm start`, `npm run start:prod` and the Docker image need no flag of their own.
 * Returns the percent in effect, 0 for V8's own sizing.
 */
export function limitHeapGrowth(percent: number, execArgv: readonly string[] = process.execArgv): number {
  const given = execArgv.find((flag) => GIVEN.test(flag));
  if (given) return Number(given.split('=')[1] ?? 0);
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
