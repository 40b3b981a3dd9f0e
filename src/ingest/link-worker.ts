// A worker thread of the link pool: builds its own linker once, then reads, parses and links the
// chunks of files the main thread sends, so that linking runs beside the database writes.
import { parentPort, workerData } from 'node:worker_threads';
import { loadKnowledgeBase } from '../linking/kb.js';
import { loadGazetteer } from '../linking/gazetteer.js';
import { createLinker } from '../linking/linker.js';
import { createPlaceLinker, withPlaces } from '../linking/places.js';
import { readAndLink, type FileTask } from './read-file.js';
import { threadCpuSeconds } from './thread-cpu.js';

const { knowledgeBaseDir } = workerData as { knowledgeBaseDir?: string };
const kb = loadKnowledgeBase(knowledgeBaseDir);
const linker = withPlaces(createLinker(kb), createPlaceLinker(loadGazetteer(), kb));

parentPort!.on('message', async ({ id, tasks }: { id: number; tasks: FileTask[] }) => {
  const results = [];
  for (const task of tasks) results.push(await readAndLink(linker, task));
  parentPort!.postMessage({ id, results, cpu: threadCpuSeconds() });
});
// With its CPU time so far (building the linker), from which the pool counts what the chunks cost.
parentPort!.postMessage({ ready: true, cpu: threadCpuSeconds() });
