import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/** A persisted-operations manifest: the sha256 (hex) of each document's text → the document. */
export type PersistedOperations = ReadonlyMap<string, string>;

/**
 * The contract operations, one `.graphql` file each, in explore/ the explorer's (/explore) and in
 * graphiql/ GraphiQL's first tab: the set `PERSISTED_OPERATIONS=only` allows.
 */
export const contractOperationsDir = new URL('../schema/operations/', import.meta.url);

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The key clients send as `extensions.persistedQuery.sha256Hash` (the Apollo convention): the hash of the exact text. */
export function operationHash(document: string): string {
  return createHash('sha256').update(document, 'utf8').digest('hex');
}

/** Every `.graphql` file of a folder and its subfolders, keyed by its hash. */
export function manifestFromDir(dir: URL | string = contractOperationsDir): Map<string, string> {
  const base = typeof dir === 'string' ? dir : dir.pathname;
  const files = readdirSync(base, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.graphql')).sort();
  return new Map(files.map((name) => {
    const text = readFileSync(`${base.replace(/\/?$/, '/')}${name}`, 'utf8');
    return [operationHash(text), text] as const;
  }));
}

/** The manifest as JSON, keys sorted, so it diffs well and is the same on every machine. */
export function manifestJson(operations: PersistedOperations): string {
  const sorted = Object.fromEntries([...operations].sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** Reads a manifest file written by `npm run operations:manifest` (or by a frontend build), checking every entry. */
export function readManifest(path: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new Error(`cannot read the manifest ${path}: ${reason}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`the manifest ${path} must be a JSON object of sha256 hash → operation text`);
  }
  const operations = new Map<string, string>();
  for (const [hash, document] of Object.entries(parsed)) {
    if (!SHA256_HEX.test(hash)) throw new Error(`the manifest ${path} has the key ${JSON.stringify(hash.slice(0, 80))}, which is not a lowercase hex sha256`);
    if (typeof document !== 'string') throw new Error(`the manifest ${path} maps ${hash} to something other than an operation's text`);
    if (operationHash(document) !== hash) throw new Error(`in the manifest ${path}, ${hash} is not the sha256 of its operation's text`);
    operations.set(hash, document);
  }
  if (operations.size === 0) throw new Error(`the manifest ${path} holds no operations`);
  return operations;
}
