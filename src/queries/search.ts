import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { foldName } from '../db/name-keys.js';
import { alias } from 'drizzle-orm/pg-core';
import { column, enumValue, table } from '../db/raw-sql.js';
import { col, selectRows } from '../db/rows.js';
import { actorKind, actors, actorStatus, articleActors, articleConflicts, articles, entityKind, nameKeys } from '../db/schema.js';
import { intArray } from './rows.js';

export const SEARCH_CONFIG = sql.raw(`'public.dutch_unaccent'`);

/** Words a search may hold (each word of a phrase counts): each is a lookup, and a tsquery is parsed recursively. */
export const MAX_SEARCH_WORDS = 50;
/** The longest run of words looked up as one name (`Verenigde Arabische Emiraten`). */
const MAX_NAME_WORDS = 4;

/** ENTITIES: a word or phrase that names an actor or conflict also finds the articles linked to it; TEXT: the words only. */
export type SearchMode = 'ENTITIES' | 'TEXT';

/** One group of a search: a quoted phrase, or one or more adjacent words looked up together. */
export interface SearchGroup {
  /** The text as websearch_to_tsquery reads it (a phrase in quotes). */
  text: string;
  negated: boolean;
  /** Set by resolution: the lexemes of the text (0 for stopwords and punctuation) and the entities it names. */
  lexemes?: number;
  actorIds?: number[];
  conflictIds?: number[];
  names?: string[];
}

/**
 * A parsed search: alternatives (`OR`) of conjunctions of terms, as websearch_to_tsquery reads it.
 * `text` is the same search written out again with one `-` per excluded term, so no input can
 * nest negations deeper than one level (Postgres's tsquery parser has a small stack).
 */
export interface SearchSpec {
  text: string;
  mode: SearchMode;
  alternatives: SearchGroup[][];
  /** Set by resolution: whether the search holds any lexeme at all. */
  lexemes?: number;
}

export class SearchSyntaxError extends Error {}

interface Term {
  negated: boolean;
  phrase: boolean;
  words: string[];
  /** The term as typed, for the phrase's text. */
  text: string;
}

// What websearch_to_tsquery takes as operators or separators between words; `-` inside a word is part of it.
const SEPARATOR = /[\s!&|()<>:]/u;
const isOr = (term: Term) => !term.phrase && !term.negated && term.words.length === 1 && term.words[0]!.toLowerCase() === 'or';

function tokenize(input: string): Term[] {
  const terms: Term[] = [];
  let negated = false;
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c === '-') {
      // Several `-` before one term (`- - x`, `-!-x`) exclude it once.
      negated = true;
      i += 1;
    } else if (c === '"') {
      const end = input.indexOf('"', i + 1);
      if (end < 0) throw new SearchSyntaxError('has a `"` that is not closed: put a `"` at the end of the phrase');
      const inner = input.slice(i + 1, end);
      terms.push({ negated, phrase: true, words: inner.split(/[\s!&|()<>:]+/u).filter(Boolean), text: inner });
      negated = false;
      i = end + 1;
    } else if (SEPARATOR.test(c)) {
      i += 1;
    } else {
      let end = i;
      while (end < input.length && !SEPARATOR.test(input[end]!) && input[end] !== '"') end += 1;
      const word = input.slice(i, end);
      terms.push({ negated, phrase: false, words: [word], text: word });
      negated = false;
      i = end;
    }
  }
  if (negated) throw new SearchSyntaxError('ends in a `-`: put it right before the word or "phrase" to exclude');
  return terms;
}

/**
 * Reads a search in web-search syntax (`"phrase"`, `OR`, `-word`) into alternatives of terms.
 * Throws SearchSyntaxError for what websearch_to_tsquery would read otherwise than meant:
 * an unclosed quote, a `-` before nothing, an `OR` without a term on each side.
 */
export function parseSearch(input: string, mode: SearchMode): SearchSpec {
  const terms = tokenize(input);
  const words = terms.reduce((n, term) => n + term.words.length, 0);
  if (words > MAX_SEARCH_WORDS) throw new SearchSyntaxError(`takes at most ${MAX_SEARCH_WORDS} words, got ${words}`);
  const alternatives: Term[][] = [[]];
  terms.forEach((term, n) => {
    if (term.negated && !term.phrase && term.words[0]!.toLowerCase() === 'or') {
      throw new SearchSyntaxError('has a `-` before `OR`: put it right before the word or "phrase" to exclude');
    }
    if (!isOr(term)) {
      alternatives.at(-1)!.push(term);
      return;
    }
    const before = terms[n - 1];
    const after = terms[n + 1];
    if (!before || !after || isOr(before) || isOr(after)) {
      throw new SearchSyntaxError('has an `OR` without a word or "phrase" on each side');
    }
    alternatives.push([]);
  });
  const groups = alternatives.map(groupsOf);
  return {
    text: groups.map((groups) => groups.map(written).join(' ')).join(' or '),
    mode,
    alternatives: groups,
  };
}

const written = (group: SearchGroup) => `${group.negated ? '-' : ''}${group.text}`;

/** One group per phrase or excluded word; runs of plain words stay one group each word until resolution joins them. */
function groupsOf(terms: Term[]): SearchGroup[] {
  return terms.map((term) => ({
    negated: term.negated,
    text: term.phrase ? `"${term.text}"` : term.words[0]!,
  }));
}

/** What the database says about one text: its lexemes, and the actors and conflicts it names. */
export interface TermInfo {
  lexemes: number;
  actorIds: number[];
  conflictIds: number[];
  names: string[];
}

const k = alias(nameKeys, 'k');
const named = alias(actors, 'a');
const x = alias(articleActors, 'x');
const y = alias(articleConflicts, 'y');
const matched = alias(articles, 's');

/**
 * Looks up many texts in one statement: the lexemes of each (as the search configuration reads
 * it) and the entities it names. A text names an entity when, folded, it is one of the entity's
 * names or aliases, or the end of a person's name (`Poetin`, `al-Assad`); it does not name
 * `Zuid-Soedan` by `Soedan`, nor a conflict by a word of its name. Rejected actors name nothing.
 */
export async function termInfos(db: Db, texts: readonly string[]): Promise<TermInfo[]> {
  // Postgres's json refuses a lone surrogate's escape; as a plain parameter it would arrive as U+FFFD, so it does here.
  const items = texts.map(wellFormed).map((text, n) => ({ n, t: text, k: foldName(text) }));
  const rows = await selectRows(
    db,
    sql`select i.n as "n", numnode(websearch_to_tsquery(${SEARCH_CONFIG}, i.t)) as "lexemes", e.actors as "actors",
               c.conflicts as "conflicts", coalesce(nm.names, '{}') as "names"
        from json_to_recordset(${JSON.stringify(items)}::json) as i(n int, t text, k text)
        cross join lateral (
          select coalesce(array_agg(distinct ${k.entityId} order by ${k.entityId}), '{}') as actors
          from ${table(nameKeys)} k join ${table(actors)} a on ${named.id} = ${k.entityId}
          where i.k <> '' and ${k.entityKind} = ${enumValue(entityKind, 'ACTOR')} and ${k.key} = i.k and ${named.status} <> ${enumValue(actorStatus, 'REJECTED')}
            and (${k.position} = 0 or ${named.kind} = ${enumValue(actorKind, 'PERSON')})
        ) e
        cross join lateral (
          select coalesce(array_agg(distinct ${k.entityId} order by ${k.entityId}), '{}') as conflicts
          from ${table(nameKeys)} k where i.k <> '' and ${k.entityKind} = ${enumValue(entityKind, 'CONFLICT')} and ${k.key} = i.k and ${k.position} = 0
        ) c
        cross join lateral (
          select array_agg(distinct ${k.name}) as names from ${table(nameKeys)} k
          where ${k.position} = 0
            and ((${k.entityKind} = ${enumValue(entityKind, 'ACTOR')} and ${k.entityId} = any(e.actors)) or (${k.entityKind} = ${enumValue(entityKind, 'CONFLICT')} and ${k.entityId} = any(c.conflicts)))
        ) nm
        order by i.n`,
    { n: col.int, lexemes: col.int, actors: col.ints, conflicts: col.ints, names: col.texts },
  );
  return rows.map((row) => ({ lexemes: row.lexemes, actorIds: row.actors, conflictIds: row.conflicts, names: row.names }));
}

const wellFormed = (text: string) => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** The texts a search needs looked up: the whole search, each group, and runs of adjacent plain words (possible names). */
export function textsToLookUp(search: SearchSpec): string[] {
  const texts = new Set([search.text]);
  for (const groups of search.alternatives) {
    groups.forEach((group, start) => {
      texts.add(group.text);
      if (search.mode === 'TEXT') return;
      for (const run of runsFrom(groups, start)) texts.add(run.map((g) => g.text).join(' '));
    });
  }
  return [...texts];
}

const plainWord = (group: SearchGroup) => !group.negated && !group.text.startsWith('"');

/** The runs of two or more adjacent plain words starting at `start`, longest first. */
function runsFrom(groups: SearchGroup[], start: number): SearchGroup[][] {
  const runs: SearchGroup[][] = [];
  let end = start;
  while (end < groups.length && end - start < MAX_NAME_WORDS && plainWord(groups[end]!)) end += 1;
  for (let stop = end; stop - start >= 2; stop -= 1) runs.push(groups.slice(start, stop));
  return runs;
}

/**
 * The search with the looked-up facts filled in: in ENTITIES mode, adjacent plain words that
 * together name an entity (longest run first, left to right) become one group. Groups without
 * lexemes or entities (stopwords, punctuation) are dropped, as websearch_to_tsquery drops them.
 */
export function resolveSearch(search: SearchSpec, info: (text: string) => TermInfo): SearchSpec {
  const fill = (group: SearchGroup): SearchGroup => {
    const found = info(group.text);
    if (search.mode === 'TEXT') return { ...group, lexemes: found.lexemes, actorIds: [], conflictIds: [], names: [] };
    return { ...group, lexemes: found.lexemes, actorIds: found.actorIds, conflictIds: found.conflictIds, names: found.names };
  };
  const alternatives = search.alternatives
    .map((groups) => {
      const out: SearchGroup[] = [];
      for (let i = 0; i < groups.length; ) {
        const run =
          search.mode === 'ENTITIES'
            ? runsFrom(groups, i).find((run) => names(info(run.map((g) => g.text).join(' '))))
            : undefined;
        const joined = run ? { negated: false, text: run.map((g) => g.text).join(' ') } : groups[i]!;
        out.push(fill(joined));
        i += run ? run.length : 1;
      }
      return out.filter((group) => group.lexemes! > 0 || names(group));
    })
    .filter((groups) => groups.length > 0);
  return { ...search, alternatives, lexemes: info(search.text).lexemes };
}

const names = (found: { actorIds?: number[]; conflictIds?: number[] }) =>
  Boolean(found.actorIds?.length || found.conflictIds?.length);

export function tsquery(text: string): SQL {
  return sql`websearch_to_tsquery(${SEARCH_CONFIG}, ${text})`;
}

function linkedSet(group: SearchGroup): SQL[] {
  const sets: SQL[] = [];
  if (group.actorIds?.length) sets.push(sql`select ${x.articleId} from ${table(articleActors)} x where ${x.actorId} = any(${intArray(group.actorIds)})`);
  if (group.conflictIds?.length) {
    sets.push(sql`select ${y.articleId} from ${table(articleConflicts)} y where ${y.conflictId} = any(${intArray(group.conflictIds)})`);
  }
  return sets;
}

/**
 * The condition an article row (under `a`) meets when it matches the search. Text alone is one
 * tsquery through the full-text index. A group that names entities is the union of its text
 * matches and the articles linked to them (an IN over a union, which Postgres joins as a set
 * rather than testing per row); an excluded one rules out both.
 */
export function searchCondition(search: SearchSpec, a: SQL): SQL {
  const resolved = search.lexemes !== undefined;
  const anyEntity = search.alternatives.some((groups) => groups.some(names));
  if (!resolved || search.mode === 'TEXT' || !anyEntity) return sql`${a}.${column(articles.search)} @@ ${tsquery(search.text)}`;
  const conjunctions = search.alternatives.map((groups) => {
    const parts: SQL[] = [];
    const plain = groups.filter((group) => !names(group));
    if (plain.length) parts.push(sql`${a}.${column(articles.search)} @@ ${tsquery(plain.map(written).join(' '))}`);
    for (const group of groups.filter(names)) {
      const text = group.lexemes! > 0 ? [sql`select ${matched.id} from ${table(articles)} s where ${matched.search} @@ ${tsquery(group.text)}`] : [];
      if (!group.negated) {
        parts.push(sql`${a}.${column(articles.id)} in (${sql.join([...text, ...linkedSet(group)], sql` union all `)})`);
      } else {
        if (group.lexemes! > 0) parts.push(sql`not (${a}.${column(articles.search)} @@ ${tsquery(group.text)})`);
        for (const set of linkedSet(group)) parts.push(sql`${a}.${column(articles.id)} not in (${set})`);
      }
    }
    return sql.join(parts, sql` and `);
  });
  return conjunctions.length === 1 ? conjunctions[0]! : sql`(${sql.join(conjunctions.map((c) => sql`(${c})`), sql` or `)})`;
}

/**
 * The tsquery that ranks matches and marks them in snippets: the search's words, and in
 * ENTITIES mode the names of the entities it names (so `Putin` ranks and marks `Poetin`).
 */
export function rankQuery(search: SearchSpec): SQL {
  const names = search.mode === 'ENTITIES' ? [...new Set(search.alternatives.flat().filter((g) => !g.negated).flatMap((g) => g.names ?? []))] : [];
  const spoken = names.map((name) => `"${name.replaceAll('"', ' ')}"`).join(' or ');
  if (!spoken) return tsquery(search.text);
  return sql`(${tsquery(search.text)} || ${tsquery(spoken)})`;
}
