import type { ArgBuilder, SchemaTypes } from '@pothos/core';
import type { ArticleFilterSpec } from '../../loaders/article-filter.js';
import { articleKeyShape, type ArticleOrder as Order, type ArticleQuery } from '../../loaders/article-list.js';
import type { Page } from '../../loaders/keyset.js';
import { builder } from '../builder.js';
import { badInput } from '../errors.js';
import { filterTerms, MAX_FILTER_TERMS } from '../filter-size.js';
import { rowIdOf } from '../ids.js';
import { readPage, type ConnectionArgs } from '../pagination.js';
import { ActorKind } from './actor.js';

type SchemaTypesOf<B> = B extends PothosSchemaTypes.SchemaBuilder<infer T extends SchemaTypes> ? T : never;

const MAX_DEPTH = 5;
const MAX_LIST = 100;
/** Longer searches only cost: Postgres parses a tsquery recursively (deep ones overflow its stack). */
export const MAX_SEARCH_LENGTH = 1000;

export const ArticleOrder = builder.enumType('ArticleOrder', {
  description: 'The order of a list of articles.',
  values: {
    NEWEST: { description: 'Most recently published first (ties: most recently stored first).' },
    OLDEST: { description: 'Earliest published first.' },
    RELEVANCE: { description: 'Best match of `filter.search` first; only together with a search.' },
  },
});

const ActorMatch = builder.inputType('ActorMatch', {
  description: `Conditions on the actors an article mentions, by global id; each list takes at most ${MAX_LIST} ids.`,
  fields: (t) => ({
    all: t.idList({ description: 'The article mentions every one of these actors.' }),
    any: t.idList({ description: 'The article mentions at least one of these actors (an empty list matches nothing).' }),
    none: t.idList({ description: 'The article mentions none of these actors.' }),
  }),
});

const ConflictMatch = builder.inputType('ConflictMatch', {
  description: `Conditions on the conflicts an article reports on, by global id; each list takes at most ${MAX_LIST} ids.`,
  fields: (t) => ({
    any: t.idList({ description: 'The article reports on at least one of these conflicts (an empty list matches nothing).' }),
    none: t.idList({ description: 'The article reports on none of these conflicts.' }),
  }),
});

interface ArticleFilterInput {
  search?: string | null;
  actors?: { all?: (string | number)[] | null; any?: (string | number)[] | null; none?: (string | number)[] | null } | null;
  conflicts?: { any?: (string | number)[] | null; none?: (string | number)[] | null } | null;
  actorKinds?: ('PERSON' | 'STATE' | 'ORGANIZATION' | 'ARMED_GROUP')[] | null;
  sources?: string[] | null;
  publishedFrom?: string | null;
  publishedTo?: string | null;
  language?: string | null;
  and?: ArticleFilterInput[] | null;
  or?: ArticleFilterInput[] | null;
  not?: ArticleFilterInput | null;
}

export const ArticleFilter = builder.inputRef<ArticleFilterInput>('ArticleFilter').implement({
  description:
    'Conditions an article must meet; all given conditions must hold. Combine filters with `and`, `or` and `not` ' +
    `(at most ${MAX_DEPTH} levels deep). A filter holds at most ${MAX_FILTER_TERMS} terms (each condition, each item of a list ` +
    `and each nested filter or match counts one); each list at most ${MAX_LIST} items. Each term adds to the cost of the query. ` +
    'The same filter works on every list of articles.',
  fields: (t) => ({
    search: t.string({
      description:
        'Full-text search in Dutch, stemmed (`gevecht` also finds `gevechten`) and blind to accents (`Oekraine` finds `Oekraïne`), ' +
        'title words weighing more than body words. Web-search syntax: `"exact phrase"`, `taliban OR talibaan`, `-Trump` to exclude. ' +
        `Any text of at most ${MAX_SEARCH_LENGTH} characters is accepted; a blank one is ignored.`,
    }),
    actors: t.field({ type: ActorMatch, description: 'Which actors the article mentions.' }),
    conflicts: t.field({ type: ConflictMatch, description: 'Which conflicts the article reports on.' }),
    actorKinds: t.field({
      type: [ActorKind],
      description: 'The article mentions at least one actor of one of these kinds.',
    }),
    sources: t.stringList({
      description: `The article credits at least one of these sources (\`Belga\`, \`AFP\` …; case does not matter); at most ${MAX_LIST}.`,
    }),
    publishedFrom: t.field({ type: 'Date', description: 'Published on or after this date.' }),
    publishedTo: t.field({ type: 'Date', description: 'Published on or before this date.' }),
    language: t.string({ description: 'Written in this language (ISO 639-1 code, such as `nl`).' }),
    and: t.field({ type: [ArticleFilter], description: 'Every one of these filters holds.' }),
    or: t.field({ type: [ArticleFilter], description: 'At least one of these filters holds (an empty list matches nothing).' }),
    not: t.field({ type: ArticleFilter, description: 'This filter does not hold.' }),
  }),
});

function ids(list: (string | number)[] | null | undefined, typename: string, field: string): number[] | null {
  if (list == null) return null;
  if (list.length > MAX_LIST) throw badInput(`\`${field}\` takes at most ${MAX_LIST} ids`, { argument: 'filter' });
  return list.map((id) => rowIdOf(String(id), typename));
}

/** Checks a filter and turns its global ids into row ids. */
export function readFilter(input: ArticleFilterInput | null | undefined, depth = 1): ArticleFilterSpec | null {
  if (!input) return null;
  if (depth === 1) {
    const terms = filterTerms(input, MAX_FILTER_TERMS);
    if (terms > MAX_FILTER_TERMS) {
      throw badInput(`a filter holds at most ${MAX_FILTER_TERMS} terms (conditions, list items and nested filters); this one holds more`, {
        argument: 'filter',
        limit: MAX_FILTER_TERMS,
      });
    }
  }
  if (depth > MAX_DEPTH) throw badInput(`filters nest at most ${MAX_DEPTH} levels deep`, { argument: 'filter' });
  for (const list of [input.sources, input.and, input.or, input.actorKinds]) {
    if (list && list.length > MAX_LIST) throw badInput(`a filter list takes at most ${MAX_LIST} items`, { argument: 'filter' });
  }
  if (input.search && input.search.length > MAX_SEARCH_LENGTH) {
    throw badInput(`\`search\` takes at most ${MAX_SEARCH_LENGTH} characters, got ${input.search.length}`, { argument: 'filter' });
  }
  for (const [field, value] of [['search', input.search], ['language', input.language], ...(input.sources ?? []).map((v) => ['sources', v])]) {
    // Postgres text cannot hold NUL.
    if (value?.includes('\u0000')) throw badInput(`\`${field}\` must not contain NUL characters`, { argument: 'filter' });
  }
  if (input.publishedFrom && input.publishedTo && input.publishedFrom > input.publishedTo) {
    throw badInput('`publishedFrom` is after `publishedTo`', { argument: 'filter' });
  }
  return {
    // A run of "-" is a chain of negations, each a level of the tsquery parser's stack: one is enough.
    search: input.search?.replace(/-(?:\s*-)+/g, '-') ?? null,
    actors: input.actors
      ? {
          all: ids(input.actors.all, 'Actor', 'actors.all'),
          any: ids(input.actors.any, 'Actor', 'actors.any'),
          none: ids(input.actors.none, 'Actor', 'actors.none'),
        }
      : null,
    conflicts: input.conflicts
      ? { any: ids(input.conflicts.any, 'Conflict', 'conflicts.any'), none: ids(input.conflicts.none, 'Conflict', 'conflicts.none') }
      : null,
    actorKinds: input.actorKinds ?? null,
    sources: input.sources ?? null,
    publishedFrom: input.publishedFrom ?? null,
    publishedTo: input.publishedTo ?? null,
    language: input.language ?? null,
    and: input.and?.map((f) => readFilter(f, depth + 1)!) ?? null,
    or: input.or?.map((f) => readFilter(f, depth + 1)!) ?? null,
    not: readFilter(input.not, depth + 1),
  };
}

export interface ArticleListArgs extends ConnectionArgs {
  filter?: ArticleFilterInput | null;
  orderBy?: Order | null;
}

/** The validated query and page of a list of articles: RELEVANCE by default when searching, else NEWEST. */
export function readArticleList(args: ArticleListArgs): { query: ArticleQuery; page: Page } {
  const filter = readFilter(args.filter);
  const searching = Boolean(filter?.search?.trim());
  const order = args.orderBy ?? (searching ? 'RELEVANCE' : 'NEWEST');
  if (order === 'RELEVANCE' && !searching) {
    throw badInput('`orderBy: RELEVANCE` needs a `filter.search`', { argument: 'orderBy' });
  }
  return { query: { filter, order }, page: readPage(args, articleKeyShape(order)) };
}

/** The arguments of every list of articles. */
export const articleListArgs = (arg: ArgBuilder<SchemaTypesOf<typeof builder>>) => ({
  filter: arg({ type: ArticleFilter, description: 'Only articles that meet these conditions.' }),
  orderBy: arg({
    type: ArticleOrder,
    description: 'The order of the list; RELEVANCE when `filter.search` is given, NEWEST otherwise.',
  }),
});
