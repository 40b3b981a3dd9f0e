import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { cacheName, defaultCacheDir, readCached, rememberCacheOf, writeCached } from './kb-cache.js';
import {
  actorEntrySchema,
  actorFileSchema,
  conflictEntrySchema,
  conflictFileSchema,
  nonActorEntrySchema,
  nonActorFileSchema,
  stateEntrySchema,
  type ActorEntry,
  type ActorLexicon,
  type ConflictEntry,
  type LinkingKnowledgeBase,
  type NonActor,
  type PackageSelection,
} from './kb-schema.js';
import { derivedStateBodies } from './state-forces.js';
import { mergeStates, type LocatedState } from './states.js';
import type { ActorKind, KbActor, KbConflict, KbRole } from './types.js';

export type { ActorLexicon, ConflictLexicon, KbLexicon, LinkingKnowledgeBase, NonActor } from './kb-schema.js';

export const defaultKnowledgeBaseDir = fileURLToPath(new URL('../../seeds/kb/', import.meta.url));

export interface KnowledgeBaseProblem {
  /** Path of the file, relative to the knowledge base directory. */
  file: string;
  /** `"slug"` or `#index` of the entry; null for a problem with the file itself. */
  entry: string | null;
  /** Dotted path of the field (`roles[0].from`); null when the whole entry or file is wrong. */
  field: string | null;
  message: string;
}

/** The knowledge base does not load; the message names every file, entry and field that is wrong. */
export class KnowledgeBaseError extends Error {
  override name = 'KnowledgeBaseError';
  readonly problems: KnowledgeBaseProblem[];

  constructor(problems: KnowledgeBaseProblem[]) {
    const lines = problems.map(formatProblem);
    super(lines.length === 1 ? lines[0] : `${lines.length} problems in the knowledge base:\n${lines.join('\n')}`);
    this.problems = problems;
  }
}

function formatProblem(p: KnowledgeBaseProblem): string {
  return [p.file, p.entry && `entry ${p.entry}`, p.field && `field ${p.field}`, p.message].filter(Boolean).join(': ');
}

interface Located<T> {
  file: string;
  entry: string;
  value: T;
  /** From a generated file (one with a `source`): a curated entry of the same slug or Wikidata id wins. */
  imported?: boolean;
}

export interface LoadOptions {
  /** Whether to read the generated files (those with a `source` header); the importer reads the curated ones only. */
  imported?: boolean;
  /**
   * Where to keep the loaded knowledge base for the next load (see kb-cache.ts), or false for nowhere. By default
   * `.data/cache/` for the default directory, and nowhere for any other.
   */
  cache?: string | false;
}

/**
 * Reads every `.yaml` and `.json` file under `dir` (recursively, in name order), validates it and normalises it.
 * JSON is read for the generated files of `npm run kb:import`: thousands of entries parse far faster than YAML.
 * What loads is kept for the next load under a hash of the files and the loader's code (`options.cache`).
 */
export function loadKnowledgeBase(dir: string = defaultKnowledgeBaseDir, options: LoadOptions = {}): LinkingKnowledgeBase {
  const sources = kbFiles(dir).map((path): Source => {
    try {
      return { path, file: relative(dir, path), content: readFileSync(path, 'utf8') };
    } catch (error) {
      return { path, file: relative(dir, path), error: error as Error };
    }
  });
  const cacheDir = options.cache ?? (resolve(dir) === resolve(defaultKnowledgeBaseDir) ? defaultCacheDir : false);
  const variant = options.imported === false ? 'curated' : 'all';
  const readable = sources.every((s): s is Source & { content: string } => s.content !== undefined);
  const name = cacheDir !== false && readable ? cacheName(variant, sources) : null;
  const cached = name && cacheDir !== false ? readCached(cacheDir, name) : null;
  const kb = cached ?? readKnowledgeBase(sources, options);
  if (name && cacheDir !== false && !cached) writeCached(cacheDir, name, variant, kb);
  if (cacheDir !== false) rememberCacheOf(kb, { dir: cacheDir, variant });
  return kb;
}

/** A file of the knowledge base as read: its text, or why it could not be read. */
interface Source {
  path: string;
  file: string;
  content?: string;
  error?: Error;
}

function readKnowledgeBase(sources: Source[], options: LoadOptions): LinkingKnowledgeBase {
  const problems: KnowledgeBaseProblem[] = [];
  const actors: Located<ActorEntry & { kind: ActorKind }>[] = [];
  const conflicts: Located<ConflictEntry>[] = [];
  const nonActors: NonActor[] = [];
  const states: LocatedState[] = [];
  const includes: { file: string; selection: PackageSelection }[] = [];

  for (const { path, file, content, error } of sources) {
    const json = path.endsWith('.json');
    let doc: unknown;
    try {
      if (content === undefined) throw error;
      doc = json ? JSON.parse(content) : parseYaml(content);
    } catch (error) {
      problems.push({ file, entry: null, field: null, message: `not valid ${json ? 'JSON' : 'YAML'}: ${(error as Error).message}` });
      continue;
    }
    const shape = doc !== null && typeof doc === 'object' ? Object.keys(doc) : [];
    const imported = shape.includes('source');
    if (imported && options.imported === false) continue;
    if (shape.includes('actors') || shape.includes('include')) {
      const parsed = check(actorFileSchema, doc, file, null, problems);
      if (parsed?.include && parsed.kind !== 'STATE') {
        problems.push({ file, entry: null, field: 'include', message: 'only a file of kind STATE includes states from a package' });
      } else if (parsed?.include) {
        includes.push({ file, selection: parsed.include });
      }
      for (const [i, raw] of (parsed?.actors ?? []).entries()) {
        const entry = entryLabel(raw, 'slug', i);
        if (parsed?.kind === 'STATE') {
          const value = check(stateEntrySchema, raw, file, entry, problems);
          if (value) states.push({ file, entry, value });
          continue;
        }
        const value = check(actorEntrySchema, raw, file, entry, problems);
        if (value && parsed) actors.push({ file, entry, value: { ...value, kind: parsed.kind }, imported });
      }
    } else if (shape.includes('conflicts')) {
      const parsed = check(conflictFileSchema, doc, file, null, problems);
      for (const [i, raw] of (parsed?.conflicts ?? []).entries()) {
        const entry = entryLabel(raw, 'slug', i);
        const value = check(conflictEntrySchema, raw, file, entry, problems);
        if (value) conflicts.push({ file, entry, value });
      }
    } else if (shape.includes('nonActors')) {
      const parsed = check(nonActorFileSchema, doc, file, null, problems);
      for (const [i, raw] of (parsed?.nonActors ?? []).entries()) {
        const value = check(nonActorEntrySchema, raw, file, entryLabel(raw, 'name', i), problems);
        if (value) nonActors.push(value);
      }
    } else {
      problems.push({ file, entry: null, field: null, message: 'must hold a list under `actors`, `conflicts` or `nonActors`' });
    }
  }

  const merged = mergeStates(includes, states, problems);
  actors.push(...merged.entries.map((e) => ({ ...e, value: { ...e.value, kind: 'STATE' as const } })));
  const asked = (flag: 'armedForces' | 'parliaments') => includes.some(({ selection }) => selection[flag]);
  const forces = [
    ...(asked('armedForces') ? derivedStateBodies('armedForcesOf', merged.entries, merged.codes, actors) : []),
    ...(asked('parliaments') ? derivedStateBodies('parliamentOf', merged.entries, merged.codes, actors) : []),
  ];
  actors.push(...forces.map((value) => ({ file: 'seeds/kb/states.yaml', entry: `"${value.slug}"`, value: { ...value, kind: 'ORGANIZATION' as const }, imported: true })));
  const kept = curatedFirst(actors);
  crossCheck(kept, conflicts, problems);
  if (problems.length > 0) throw new KnowledgeBaseError(problems);
  actors.length = 0;
  actors.push(...kept);

  return {
    actors: actors.map(({ value }) => toKbActor(value)),
    conflicts: conflicts.map(({ value }) => toKbConflict(value)),
    lexicon: {
      actors: actors.map(({ value, imported = false }): ActorLexicon => ({
        slug: value.slug,
        kind: value.kind,
        surnames: value.surnames,
        adjectives: value.adjectives,
        demonyms: value.demonyms,
        metonyms: value.metonyms,
        capitals: value.capitals,
        unlinkedNames: value.unlinkedNames,
        contextNames: value.contextNames,
        country: value.country,
        surnamesAfterFullName: imported,
        armedForcesOf: value.armedForcesOf,
        parliamentOf: value.parliamentOf,
      })),
      conflicts: conflicts.map(({ value }) => ({
        slug: value.slug,
        aliases: [value.name, value.nameNl, ...value.aliases],
        places: value.places,
        signals: value.signals,
      })),
      nonActors,
    },
    states: merged.codes,
  };
}

function kbFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return kbFiles(path);
      return /\.(ya?ml|json)$/.test(entry.name) ? [path] : [];
    });
}

/**
 * Curated entries win: a generated entry whose slug or Wikidata id a curated entry has is left out, and the roles
 * that named it name the curated entry instead. So a person added by hand never clashes with an import.
 */
function curatedFirst<T extends ActorEntry>(actors: Located<T>[]): Located<T>[] {
  const curated = actors.filter((a) => !a.imported);
  const bySlug = new Set(curated.map((a) => a.value.slug));
  const byWikidata = new Map(curated.flatMap((a) => (a.value.wikidata ? [[a.value.wikidata, a.value.slug] as const] : [])));
  const renamed = new Map<string, string>();
  const kept = actors.filter((a) => {
    if (!a.imported) return true;
    const twin = a.value.wikidata ? byWikidata.get(a.value.wikidata) : undefined;
    if (twin) renamed.set(a.value.slug, twin);
    return !twin && !bySlug.has(a.value.slug);
  });
  if (renamed.size === 0) return kept;
  return kept.map((a) =>
    a.imported && a.value.roles.some((r) => r.for !== null && renamed.has(r.for))
      ? { ...a, value: { ...a.value, roles: a.value.roles.map((r) => ({ ...r, for: (r.for && renamed.get(r.for)) ?? r.for })) } }
      : a,
  );
}

function entryLabel(raw: unknown, key: string, index: number): string {
  const value = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? `"${value}"` : `#${index + 1}`;
}

function check<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  file: string,
  entry: string | null,
  problems: KnowledgeBaseProblem[],
): z.output<S> | null {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [null];
    for (const key of keys) {
      const path = key === null ? issue.path : [...issue.path, key];
      problems.push({
        file,
        entry,
        field: path.length > 0 ? formatPath(path) : null,
        message: key === null ? issue.message : 'is not a known field',
      });
    }
  }
  return null;
}

function formatPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}

function crossCheck(
  actors: Located<ActorEntry & { kind: ActorKind }>[],
  conflicts: Located<ConflictEntry>[],
  problems: KnowledgeBaseProblem[],
): void {
  const actorSlugs = new Map<string, string>();
  for (const { file, entry, value } of actors) {
    const first = actorSlugs.get(value.slug);
    if (first) problems.push({ file, entry, field: 'slug', message: `duplicate slug, first defined in ${first}` });
    else actorSlugs.set(value.slug, file);
  }
  const stateSlugs = new Set(actors.filter((a) => (a.value as { kind?: string }).kind === 'STATE').map((a) => a.value.slug));
  for (const { file, entry, value } of actors) {
    if (value.country !== null && !stateSlugs.has(value.country)) {
      problems.push({ file, entry, field: 'country', message: `unknown state slug "${value.country}"` });
    }
    if (value.contextNames.length > 0 && value.country === null) {
      problems.push({ file, entry, field: 'contextNames', message: 'context names need the `country` whose naming they wait for' });
    }
    if (value.branchOf !== null && !actorSlugs.has(value.branchOf)) {
      problems.push({ file, entry, field: 'branchOf', message: `unknown actor slug "${value.branchOf}"` });
    }
    for (const field of ['armedForcesOf', 'parliamentOf'] as const) {
      const of = value[field];
      if (of !== null && !stateSlugs.has(of)) problems.push({ file, entry, field, message: `"${of}" is not the slug of a state` });
    }
    value.roles.forEach((role, i) => {
      if (role.for !== null && !actorSlugs.has(role.for)) {
        problems.push({ file, entry, field: `roles[${i}].for`, message: `unknown actor slug "${role.for}"` });
      }
      if (role.from && role.to && startOf(role.from) > endOf(role.to)) {
        problems.push({ file, entry, field: `roles[${i}].to`, message: `ends (${role.to}) before it starts (${role.from})` });
      }
    });
  }

  // A person's name is not a word of a conflict: a person who matters to it is one of its parties, which the
  // scorer weighs as such (and which a provisional reading of the name cannot shadow).
  const personByName = new Map<string, string>();
  for (const { value } of actors) {
    if (value.kind !== 'PERSON') continue;
    for (const name of [value.name, value.nameNl, ...value.aliases, ...value.surnames]) {
      if (name) personByName.set(name.toLowerCase(), value.slug);
    }
  }

  const conflictSlugs = new Map<string, string>();
  for (const { file, entry, value } of conflicts) {
    value.signals.forEach((signal, i) => {
      const person = personByName.get(signal.toLowerCase());
      if (person) {
        problems.push({ file, entry, field: `signals[${i}]`, message: `"${signal}" names the person ${person}: list the person as a party instead` });
      }
    });
    const first = conflictSlugs.get(value.slug);
    if (first) problems.push({ file, entry, field: 'slug', message: `duplicate slug, first defined in ${first}` });
    else conflictSlugs.set(value.slug, file);
    if (value.endedOn && startOf(value.startedOn) > endOf(value.endedOn)) {
      problems.push({ file, entry, field: 'endedOn', message: `ends (${value.endedOn}) before it starts (${value.startedOn})` });
    }
    if (value.partOf !== null && !conflicts.some((c) => c.value.slug === value.partOf)) {
      problems.push({ file, entry, field: 'partOf', message: `unknown conflict slug "${value.partOf}"` });
    }
    if (value.partOf === value.slug) problems.push({ file, entry, field: 'partOf', message: 'a conflict is not a part of itself' });
    value.otherSlugs.forEach((other, i) => {
      const taken = conflicts.find((c) => c.value !== value && (c.value.slug === other || c.value.otherSlugs.includes(other)));
      if (other === value.slug || taken) {
        problems.push({ file, entry, field: `otherSlugs[${i}]`, message: `"${other}" is already the slug of ${taken ? `conflict ${taken.value.slug}` : 'this conflict'}` });
      }
    });
    const seen = new Set<string>();
    value.parties.forEach((party, i) => {
      if (!actorSlugs.has(party.actor)) {
        problems.push({ file, entry, field: `parties[${i}].actor`, message: `unknown actor slug "${party.actor}"` });
      }
      const key = `${party.actor} ${party.role}`;
      if (seen.has(key)) {
        problems.push({ file, entry, field: `parties[${i}]`, message: `${party.actor} is listed twice as ${party.role}` });
      }
      seen.add(key);
    });
  }
}

function toKbActor(entry: ActorEntry & { kind: ActorKind }): KbActor {
  const aliases = [...new Set([...entry.aliases, ...entry.surnames, ...entry.contextNames])].filter(
    (alias) => alias !== entry.name && alias !== entry.nameNl,
  );
  return {
    slug: entry.slug,
    name: entry.name,
    nameNl: entry.nameNl,
    kind: entry.kind,
    aliases,
    wikidataId: entry.wikidata,
    ...(entry.country === null ? {} : { country: entry.country }),
    ...(entry.branchOf === null ? {} : { branchOf: entry.branchOf }),
    roles: entry.roles.map(
      (role): KbRole => ({
        title: role.title,
        for: role.for,
        code: role.code,
        from: role.from === null ? null : startOf(role.from),
        to: role.to === null ? null : endOf(role.to),
      }),
    ),
  };
}

function toKbConflict(entry: ConflictEntry): KbConflict {
  return {
    slug: entry.slug,
    name: entry.name,
    nameNl: entry.nameNl,
    kind: entry.kind,
    startedOn: startOf(entry.startedOn),
    endedOn: entry.endedOn === null ? null : endOf(entry.endedOn),
    parties: entry.parties.map((p) => ({ actor: p.actor, role: p.role, side: p.side })),
    partOf: entry.partOf,
    ...(entry.otherSlugs.length === 0 ? {} : { otherSlugs: entry.otherSlugs }),
  };
}

/** `2019` → `2019-01-01`, `2019-09` → `2019-09-01`. */
function startOf(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** `2019` → `2019-12-31`, `2019-02` → `2019-02-28`. */
function endOf(date: string): string {
  if (date.length === 10) return date;
  const [y, m] = date.length === 4 ? [Number(date), 12] : date.split('-').map(Number);
  const last = new Date(Date.UTC(y!, m!, 0));
  return last.toISOString().slice(0, 10);
}
