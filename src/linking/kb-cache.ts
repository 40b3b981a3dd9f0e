import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LinkingKnowledgeBase } from './kb-schema.js';

/*
 * The loaded knowledge base, kept as JSON under a hash of everything it is made from: the text of every file of
 * the knowledge base, the code of linking/ (the loader and the modules it reads with), and the packages whose
 * data or parsing it depends on. Reading the YAML and validating thousands of entries took half of building a
 * linker; reading the JSON takes a twentieth of that. A changed file, module or package gives another name, so
 * a cache made from anything else is never read; only the newest of each kind is kept.
 */

/** Where the cache of the default knowledge base goes (git-ignored, beside PGlite's files). */
export const defaultCacheDir = fileURLToPath(new URL('../../.data/cache/', import.meta.url));

/** Raised when the layout of the cached JSON changes in a way the hashed code does not show. */
const FORMAT = 1;
const PACKAGES = ['yaml/package.json', 'zod/package.json', 'world-countries/package.json', 'world-countries/countries.json'];

let codeHash: string | null | undefined;
const here = dirname(fileURLToPath(import.meta.url));

/**
 * `src` or `dist` (or `test-dist`): the code the caches of this process are made by, in their names, so that the
 * sources under tsx and the compiled server do not drop each other's cache. A test run compiles src/ into a folder of
 * its own (`.test-dist-<run>`, test/helpers/compiled.ts); its caches are named alike for every run, so that a run
 * finds those of the run before when the code is the same, and drops them when not, instead of adding some 30 MB to
 * the cache folder per run and starting every process it spawns with a cold knowledge base and gazetteer.
 */
export const codeVariant = codeVariantOf(basename(dirname(here)));

/** `codeVariant` for code in the folder `folder` (the parent of linking/). */
export function codeVariantOf(folder: string): string {
  return folder.replace(/^\.test-dist-.*$/, 'test-dist');
}

/** The start of the names of one kind of cache: the variant, and the code that wrote it (see `codeVariant`). */
export const prefixOf = (variant: string) => `knowledge-base-${variant}-${codeVariant}-`;

/** The hash of the code the loader runs; null when it cannot be read (then nothing is cached). */
function loaderCode(): string | null {
  if (codeHash !== undefined) return codeHash;
  try {
    const hash = createHash('sha256').update(`format ${FORMAT}\0`);
    for (const name of readdirSync(here).sort()) {
      if (/\.(ts|js)$/.test(name)) hash.update(`${name}\0`).update(readFileSync(join(here, name))).update('\0');
    }
    const require = createRequire(import.meta.url);
    for (const file of PACKAGES) hash.update(`${file}\0`).update(readFileSync(require.resolve(file))).update('\0');
    codeHash = hash.digest('hex');
  } catch {
    codeHash = null;
  }
  return codeHash;
}

/** The file name of the cache of these sources, read by the loader's code with these options; null when none can be made. */
export function cacheName(variant: string, sources: { file: string; content: string }[]): string | null {
  const code = loaderCode();
  if (code === null) return null;
  const hash = createHash('sha256').update(`${code}\0${variant}\0`);
  for (const { file, content } of sources) hash.update(`${file}\0${content.length}\0`).update(content).update('\0');
  return `${prefixOf(variant)}${hash.digest('hex')}.json`;
}

/** The knowledge base cached under `name`, or null when there is none (or it cannot be read). */
export function readCached(dir: string, name: string): LinkingKnowledgeBase | null {
  return readCacheFile(dir, name) as LinkingKnowledgeBase | null;
}

/** Where each knowledge base `loadKnowledgeBase` returned is cached, and as which variant. */
const cacheHomes = new WeakMap<object, KnowledgeBaseCache>();

export interface KnowledgeBaseCache {
  dir: string;
  /** `all` or `curated` (see `loadKnowledgeBase`). */
  variant: string;
}

export function rememberCacheOf(kb: LinkingKnowledgeBase, home: KnowledgeBaseCache): void {
  cacheHomes.set(kb, home);
}

/**
 * Where `kb` was cached when it loaded, if it was: a linker built from it keeps what it builds beside it. Only the
 * place is kept; what is cached there is named by a hash of the knowledge base as it is when asked.
 */
export function cacheOf(kb: object): KnowledgeBaseCache | null {
  return cacheHomes.get(kb) ?? null;
}

/** The JSON kept under `name` in `dir`, or null when there is none (or it cannot be read). */
export function readCacheFile(dir: string, name: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/**
 * Keeps `kb` under `name`, written whole under a temporary name first so that a reader never sees half a file,
 * and drops the older caches of the same variant. A cache that cannot be written (a read-only checkout) is skipped.
 */
export function writeCached(dir: string, name: string, variant: string, kb: LinkingKnowledgeBase): void {
  writeCacheFile(dir, name, prefixOf(variant), kb);
}

/**
 * Keeps `value` as JSON under `name` in `dir`, written whole under a temporary name first so that a reader never
 * sees half a file, and drops the other caches whose names start with `prefix`. A cache that cannot be written (a
 * read-only checkout) is skipped: caches only save time.
 */
export function writeCacheFile(dir: string, name: string, prefix: string, value: unknown): void {
  try {
    mkdirSync(dir, { recursive: true });
    const partial = join(dir, `${name}.${process.pid}.partial`);
    writeFileSync(partial, JSON.stringify(value));
    renameSync(partial, join(dir, name));
    for (const other of readdirSync(dir)) {
      if (other !== name && other.startsWith(prefix) && other.endsWith('.json')) rmSync(join(dir, other), { force: true });
    }
  } catch {
    // The cache only saves time.
  }
}
