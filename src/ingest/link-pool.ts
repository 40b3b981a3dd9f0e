import { Worker } from 'node:worker_threads';
import { readAndLink, type FileResult, type FileTask } from './read-file.js';
import type { TextLinker } from './link.js';

/** Reads and links chunks of files, in worker threads or on the calling thread. */
export interface LinkPool {
  run(tasks: FileTask[]): Promise<FileResult[]>;
  /** CPU seconds the worker threads spent on the chunks so far (not on starting); null without workers or a per-thread clock. */
  workerCpuSeconds(): number | null;
  close(): Promise<void>;
}

/** Links on the calling thread: no start-up cost, for small loads and tests. */
export function localLinkPool(linker: TextLinker): LinkPool {
  return {
    async run(tasks) {
      const results: FileResult[] = [];
      for (const task of tasks) results.push(await readAndLink(linker, task));
      return results;
    },
    workerCpuSeconds: () => null,
    async close() {},
  };
}

interface WorkerEntry {
  worker: Worker;
  /** Chunks sent and not answered yet. */
  load: number;
  /** The thread's CPU seconds when it was ready, and at its latest answer (see thread-cpu.ts). */
  readyCpu: number | null;
  cpu: number | null;
}

interface Pending {
  resolve(results: FileResult[]): void;
  reject(error: Error): void;
}

// Run from the TypeScript sources (tsx, vitest), each worker registers tsx's loader for itself;
// compiled (dist/, `npm run build`), the worker's entry is JavaScript beside this file and needs none.
const compiled = import.meta.url.endsWith('.js');
const workerSource = compiled
  ? `await import(${JSON.stringify(new URL('./link-worker.js', import.meta.url).href)});`
  : `
  import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};
  register();
  await import(${JSON.stringify(new URL('./link-worker.ts', import.meta.url).href)});
`;

/** Starts `size` worker threads, each with its own linker, and resolves once all are ready. */
export async function workerLinkPool(size: number, knowledgeBaseDir?: string): Promise<LinkPool> {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const workers = await Promise.all(
    Array.from({ length: size }, () => {
      const worker = new Worker(workerSource, { eval: true, workerData: { knowledgeBaseDir } });
      return new Promise<WorkerEntry>((resolve, reject) => {
        const entry: WorkerEntry = { worker, load: 0, readyCpu: null, cpu: null };
        worker.once('error', reject);
        worker.on('message', (message: { ready?: true; id?: number; results?: FileResult[]; cpu: number | null }) => {
          entry.cpu = message.cpu;
          if (message.ready) {
            entry.readyCpu = message.cpu;
            worker.off('error', reject);
            worker.on('error', (error) => fail(new Error(`a link worker failed: ${error.message}`)));
            resolve(entry);
            return;
          }
          entry.load -= 1;
          const p = pending.get(message.id!);
          pending.delete(message.id!);
          p?.resolve(message.results!);
        });
      });
    }),
  );

  return {
    run(tasks) {
      if (failure) return Promise.reject(failure);
      const target = workers.reduce((a, b) => (b.load < a.load ? b : a));
      const id = nextId++;
      target.load += 1;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        target.worker.postMessage({ id, tasks });
      });
    },
    workerCpuSeconds() {
      let sum = 0;
      for (const { readyCpu, cpu } of workers) {
        if (readyCpu === null || cpu === null) return null;
        sum += cpu - readyCpu;
      }
      return sum;
    },
    async close() {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
    },
  };
}
