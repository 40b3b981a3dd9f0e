import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { decodeArticle, externalIdFromPath } from '../corpus/parse.js';
import type { BulkSummary } from '../ingest/bulk.js';
import type { DirHolder } from '../db/pglite-dir.js';

/** The server cannot take the articles; the message says what to do. */
export class ServerRefusedError extends Error {
  override name = 'ServerRefusedError';
}

const INGEST = `mutation CliIngestArticle($input: IngestArticleInput!) { ingestArticle(input: $input) { status } }`;
const COUNTS = { CREATED: 'created', UPDATED: 'updated', UNCHANGED: 'unchanged', DUPLICATE: 'duplicates' } as const;
/** A server that has just started migrates and seeds before it serves; this is how long we wait for it. */
const READY_WITHIN_MS = 120_000;

interface GraphQLAnswer {
  data?: { ingestArticle?: { status: keyof typeof COUNTS } | null } | null;
  errors?: { message: string; extensions?: { code?: string; requestId?: string } }[];
}

async function waitUntilReady(url: string): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    try {
      if ((await fetch(`${url}/ready`)).ok) return;
    } catch (error) {
      throw new ServerRefusedError(`the server at ${url} does not answer (${(error as Error).message}); is it still running?`);
    }
    if (Date.now() > deadline) throw new ServerRefusedError(`the server at ${url} was not ready within ${READY_WITHIN_MS / 1000} s`);
    await sleep(500);
  }
}

/**
 * Sends each file to the `ingestArticle` mutation of the server that holds the PGlite folder, one
 * at a time (the server writes one statement at a time anyway). A file the server finds malformed
 * counts as failed, as it does locally; a refused token or a server that stops ends the run.
 */
export async function ingestThroughServer(
  files: string[],
  holder: DirHolder & { url: string },
  token: string,
  { onProgress, onFailure }: { onProgress: (summary: BulkSummary) => void; onFailure: (path: string, message: string) => void },
): Promise<BulkSummary> {
  const { url } = holder;
  await waitUntilReady(url);
  const started = performance.now();
  const summary: BulkSummary = { total: files.length, read: 0, created: 0, updated: 0, unchanged: 0, duplicates: 0, failed: 0, seconds: 0 };
  for (const path of files) {
    const outcome = await ingestFile(url, token, path, summary.read);
    if (outcome in COUNTS) summary[COUNTS[outcome as keyof typeof COUNTS]] += 1;
    else {
      summary.failed += 1;
      onFailure(path, outcome);
    }
    summary.read += 1;
    summary.seconds = (performance.now() - started) / 1000;
    onProgress({ ...summary });
  }
  return summary;
}

/** The status the server gave the article, or why it was not stored. */
async function ingestFile(url: string, token: string, path: string, done: number): Promise<string> {
  const externalId = externalIdFromPath(path);
  let text: string;
  try {
    text = decodeArticle(externalId, await readFile(path));
  } catch (error) {
    return (error as Error).message;
  }
  const answer = await send(url, token, { externalId, text }, done);
  const error = answer.errors?.[0];
  if (!error) return answer.data!.ingestArticle!.status;
  const id = error.extensions?.requestId ? ` (request ${error.extensions.requestId} in the server's log)` : '';
  return `${error.message}${id}`;
}

async function send(url: string, token: string, input: { externalId: string; text: string }, done: number): Promise<GraphQLAnswer> {
  let answer: GraphQLAnswer;
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: INGEST, variables: { input } }),
    });
    answer = (await response.json()) as GraphQLAnswer;
  } catch (error) {
    throw new ServerRefusedError(
      `the server at ${url} stopped answering after ${done} files (${(error as Error).message}); ` +
        'run the same command again once it is back: the articles already stored are skipped as unchanged.',
    );
  }
  const code = answer.errors?.[0]?.extensions?.code;
  if (code === 'UNAUTHENTICATED') throw new ServerRefusedError(`the server at ${url} does not accept this WRITE_TOKEN: set WRITE_TOKEN to the server's own.`);
  if (code === 'FORBIDDEN') {
    throw new ServerRefusedError(`the server at ${url} takes no writes: it was started without WRITE_TOKEN. Restart it with one, or stop it and run this command again.`);
  }
  if (code === 'PERSISTED_QUERY_ONLY' || code === 'PERSISTED_QUERY_NOT_FOUND') {
    throw new ServerRefusedError(`the server at ${url} runs only persisted operations (PERSISTED_OPERATIONS): stop it and run this command again.`);
  }
  return answer;
}
