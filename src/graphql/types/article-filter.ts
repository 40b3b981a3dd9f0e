import type { ArgBuilder, SchemaTypes } from '@pothos/core';
import type { ArticleFilterSpec } from '../../queries/article-filter.js';
import { articleKeyShape, type ArticleOrder as Order, type ArticleQuery } from '../../queries/article-list.js';
import type { Loaders } from '../../loaders.js';
import type { ActorKind as ActorKindValue } from '../../queries/rows.js';
import type { Page } from '../../queries/keyset.js';
import { MAX_SEARCH_WORDS, parseSearch, resolveSearch, SearchSyntaxError, textsToLookUp, type SearchMode as Mode, type SearchSpec } from '../../queries/search.js';
import { builder } from '../builder.js';
import { badInput } from '../errors.js';
import { filterTerms, MAX_FILTER_TERMS } from '../filter-size.js';
import { readPage, type ConnectionArgs } from '../pagination.js';
import { rowIdOf } from '../ids.js';
import { refsToRowIds, type RefType } from '../refs.js';
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

export const SearchMode = builder.enumType('SearchMode', {
  description: 'How `filter.search` reads its words.',
  values: {
    ENTITIES: {
      description:
        'The default: a word or "phrase" that names an actor or conflict (one of its names or aliases, or the surname of a person) ' +
        'also finds the articles linked to it, whatever spelling or derived form they use (`Putin` finds `Poetin`, `Soedan` finds `Soedanese`).',
    },
    TEXT: { description: 'Plain full text: only articles whose words match.' },
  },
});

const ActorMatch = builder.inputType('ActorMatch', {
  description: `Conditions on the actors an article mentions, each named by its global id or its slug (\`vladimir-putin\`); each list takes at most ${MAX_LIST}.`,
  fields: (t) => ({
    all: t.idList({ description: 'The article mentions every one of these actors.' }),
    any: t.idList({ description: 'The article mentions at least one of these actors (an empty list matches nothing).' }),
    none: t.idList({ description: 'The article mentions none of these actors.' }),
  }),
});

const ConflictMatch = builder.inputType('ConflictMatch', {
  description: `Conditions on the conflicts an article reports on, each named by its global id or its slug (\`russo-ukrainian-war\`); each list takes at most ${MAX_LIST}.`,
  fields: (t) => ({
    any: t.idList({ description: 'The article reports on at least one of these conflicts (an empty list matches nothing).' }),
    none: t.idList({ description: 'The article reports on none of these conflicts.' }),
  }),
});

const PlaceMatch = builder.inputType('PlaceMatch', {
  description:
    'Conditions on the places an article names, each named by its global id or its gazetteer key (`geonames:1138958` for Kabul, ' +
    `\`admin1:UA.11\` for Crimea, \`admin2:PK.03.1172574\` for the Kurram district, \`area:donbas\`); each list takes at most ${MAX_LIST}. A key no article names matches no article.`,
  fields: (t) => ({
    any: t.idList({ description: 'The article names at least one of these places (an empty list matches nothing).' }),
    none: t.idList({ description: 'The article names none of these places.' }),
  }),
});

/** The largest radius of `near`, in kilometres. */
export const MAX_NEAR_KM = 2000;

const Near = builder.inputType('Near', {
  description: `A circle on the Earth: articles that name a place inside it. At most ${MAX_NEAR_KM} km across the radius.`,
  fields: (t) => ({
    latitude: t.float({ required: true, description: 'Latitude of the centre in degrees, from -90 to 90.' }),
    longitude: t.float({ required: true, description: 'Longitude of the centre in degrees, from -180 to 180.' }),
    km: t.float({ required: true, description: `The radius in kilometres, above 0 and at most ${MAX_NEAR_KM}.` }),
  }),
});

/** A place's gazetteer key as `Place.key` gives it. */
const PLACE_KEY = /^(?:geonames:[1-9]\d{0,9}|admin1:[A-Z]{2}\.[0-9A-Z]{1,20}|admin2:[A-Z]{2}\.[0-9A-Z]{1,20}\.[0-9A-Za-z]{1,20}|area:[a-z0-9]+(?:-[a-z0-9]+)*|country:[A-Z]{2})$/;

async function placeIds(list: RefList, path: string, loaders: Loaders): Promise<number[] | null> {
  if (list == null) return null;
  if (list.length > MAX_LIST) throw badInput(`\`${path}\` takes at most ${MAX_LIST} ids`, { argument: path });
  return Promise.all(
    list.map(async (ref, i) => {
      const text = String(ref);
      // A place no article names yet has no row: it matches no article (0 is no row id).
      if (PLACE_KEY.test(text)) return (await loaders.placeByKey.load(text))?.id ?? 0;
      try {
        return rowIdOf(text, 'Place', `${path}[${i}]`);
      } catch {
        throw badInput(`\`${path}[${i}]\`: give a global id of a Place or its key (such as \`geonames:1138958\`)`, { argument: `${path}[${i}]` });
      }
    }),
  );
}

function readNear(near: ArticleFilterInput['near'], path: string): ArticleFilterSpec['near'] {
  if (!near) return null;
  const { latitude, longitude, km } = near;
  if (!(latitude >= -90 && latitude <= 90)) throw badInput(`\`${path}.near.latitude\` must be from -90 to 90, got ${latitude}`, { argument: `${path}.near.latitude` });
  if (!(longitude >= -180 && longitude <= 180)) {
    throw badInput(`\`${path}.near.longitude\` must be from -180 to 180, got ${longitude}`, { argument: `${path}.near.longitude` });
  }
  if (!(km > 0 && km <= MAX_NEAR_KM)) throw badInput(`\`${path}.near.km\` must be above 0 and at most ${MAX_NEAR_KM}, got ${km}`, { argument: `${path}.near.km` });
  return { latitude, longitude, km };
}

interface ArticleFilterInput {
  search?: string | null;
  searchMode?: Mode | null;
  actors?: { all?: (string | number)[] | null; any?: (string | number)[] | null; none?: (string | number)[] | null } | null;
  conflicts?: { any?: (string | number)[] | null; none?: (string | number)[] | null } | null;
  places?: { any?: (string | number)[] | null; none?: (string | number)[] | null } | null;
  near?: { latitude: number; longitude: number; km: number } | null;
  actorKinds?: ActorKindValue[] | null;
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
        'By default (`searchMode: ENTITIES`) a word, a run of adjacent words or a "phrase" that names an actor or conflict also matches ' +
        'the articles linked to it: `Putin` finds articles that write `Poetin`, `Hezbollah Libanon` needs both, each as a word or a link. ' +
        `At most ${MAX_SEARCH_LENGTH} characters and ${MAX_SEARCH_WORDS} words; a blank search is ignored. A search of stopwords only ` +
        '(`de het`), an unclosed `"`, a `-` before nothing and an `OR` without a word on each side are refused as BAD_USER_INPUT.',
    }),
    searchMode: t.field({
      type: SearchMode,
      description: 'How `search` reads its words: ENTITIES (the default) or TEXT (plain full text).',
    }),
    actors: t.field({ type: ActorMatch, description: 'Which actors the article mentions.' }),
    conflicts: t.field({ type: ConflictMatch, description: 'Which conflicts the article reports on.' }),
    places: t.field({ type: PlaceMatch, description: 'Which places the article names.' }),
    near: t.field({ type: Near, description: 'The article names a place within a distance of a point.' }),
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

type RefList = (string | number)[] | null | undefined;

async function ids(list: RefList, type: RefType, path: string, loaders: Loaders): Promise<number[] | null> {
  if (list == null) return null;
  if (list.length > MAX_LIST) throw badInput(`\`${path}\` takes at most ${MAX_LIST} ids`, { argument: path });
  return refsToRowIds(list, type, path, loaders);
}

/** The actor and conflict conditions with row ids; `path` is where the filter sits in the arguments (`filter.and[0]`). */
async function links(input: ArticleFilterInput, path: string, loaders: Loaders): Promise<Pick<ArticleFilterSpec, 'actors' | 'conflicts' | 'places'>> {
  const { actors, conflicts, places } = input;
  const [all, any, none, conflictAny, conflictNone, placeAny, placeNone] = await Promise.all([
    ids(actors?.all, 'Actor', `${path}.actors.all`, loaders),
    ids(actors?.any, 'Actor', `${path}.actors.any`, loaders),
    ids(actors?.none, 'Actor', `${path}.actors.none`, loaders),
    ids(conflicts?.any, 'Conflict', `${path}.conflicts.any`, loaders),
    ids(conflicts?.none, 'Conflict', `${path}.conflicts.none`, loaders),
    placeIds(places?.any, `${path}.places.any`, loaders),
    placeIds(places?.none, `${path}.places.none`, loaders),
  ]);
  return {
    actors: actors ? { all, any, none } : null,
    conflicts: conflicts ? { any: conflictAny, none: conflictNone } : null,
    places: places ? { any: placeAny, none: placeNone } : null,
  };
}

/**
 * Checks a filter and turns the global ids and slugs of its actors and conflicts into row ids
 * (slugs through the request's loaders, one statement for all of them).
 */
export async function readFilter(
  input: ArticleFilterInput | null | undefined,
  loaders: Loaders,
  path = 'filter',
  depth = 1,
): Promise<ArticleFilterSpec | null> {
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
  const nested = (filters: ArticleFilterInput[] | null | undefined, key: 'and' | 'or') =>
    filters ? Promise.all(filters.map(async (f, i) => (await readFilter(f, loaders, `${path}.${key}[${i}]`, depth + 1))!)) : null;
  const [linked, and, or, not] = await Promise.all([
    links(input, path, loaders),
    nested(input.and, 'and'),
    nested(input.or, 'or'),
    readFilter(input.not, loaders, `${path}.not`, depth + 1),
  ]);
  return {
    search: readSearch(input.search, input.searchMode ?? 'ENTITIES'),
    ...linked,
    near: readNear(input.near, path),
    actorKinds: input.actorKinds ?? null,
    sources: input.sources ?? null,
    publishedFrom: input.publishedFrom ?? null,
    publishedTo: input.publishedTo ?? null,
    language: input.language ?? null,
    and,
    or,
    not,
  };
}

function readSearch(text: string | null | undefined, mode: Mode): SearchSpec | null {
  if (!text?.trim()) return null;
  try {
    return parseSearch(text, mode);
  } catch (error) {
    if (error instanceof SearchSyntaxError) throw badInput(`\`search\` ${error.message}`, { argument: 'filter' });
    throw error;
  }
}

function searchesOf(filter: ArticleFilterSpec | null | undefined): SearchSpec[] {
  if (!filter) return [];
  return [
    ...(filter.search ? [filter.search] : []),
    ...(filter.and ?? []).flatMap(searchesOf),
    ...(filter.or ?? []).flatMap(searchesOf),
    ...searchesOf(filter.not),
  ];
}

/**
 * Looks up the words of every search in a checked filter (one statement for all the searches
 * of the request) and fills them in; refuses a search that holds no word to look for.
 */
export async function resolveFilter(filter: ArticleFilterSpec | null, loaders: Loaders): Promise<ArticleFilterSpec | null> {
  const searches = searchesOf(filter);
  if (!filter || searches.length === 0) return filter;
  const texts = [...new Set(searches.flatMap(textsToLookUp))];
  const infos = await loaders.searchTerm.loadMany(texts);
  const byText = new Map(texts.map((text, n) => [text, infos[n]!]));
  const info = (text: string) => {
    const found = byText.get(text);
    if (!found || found instanceof Error) throw found ?? new Error(`search text not looked up: ${text}`);
    return found;
  };
  const resolve = (spec: ArticleFilterSpec): ArticleFilterSpec => {
    const search = spec.search ? resolveSearch(spec.search, info) : null;
    if (search && search.alternatives.length === 0) {
      throw badInput(
        `\`search\` has no word to look for in ${JSON.stringify(spec.search!.text)}: stopwords such as \`de\` and \`het\` and punctuation are left out`,
        { argument: 'filter' },
      );
    }
    return {
      ...spec,
      search,
      and: spec.and?.map(resolve) ?? null,
      or: spec.or?.map(resolve) ?? null,
      not: spec.not ? resolve(spec.not) : null,
    };
  };
  return resolve(filter);
}

export interface ArticleListArgs extends ConnectionArgs {
  filter?: ArticleFilterInput | null;
  orderBy?: Order | null;
  distinctStories?: boolean | null;
}

/** The validated query and page of a list of articles: RELEVANCE by default when searching, else NEWEST. */
export async function readArticleList(args: ArticleListArgs, loaders: Loaders): Promise<{ query: ArticleQuery; page: Page }> {
  const filter = await resolveFilter(await readFilter(args.filter, loaders), loaders);
  const searching = Boolean(filter?.search);
  const order = args.orderBy ?? (searching ? 'RELEVANCE' : 'NEWEST');
  if (order === 'RELEVANCE' && !searching) {
    throw badInput('`orderBy: RELEVANCE` needs a `filter.search`', { argument: 'orderBy' });
  }
  return { query: { filter, order, distinctStories: args.distinctStories ?? false }, page: readPage(args, articleKeyShape(order)) };
}

/** The arguments of every list of articles. */
export const articleListArgs = (arg: ArgBuilder<SchemaTypesOf<typeof builder>>) => ({
  filter: arg({ type: ArticleFilter, description: 'Only articles that meet these conditions.' }),
  orderBy: arg({
    type: ArticleOrder,
    description: 'The order of the list; RELEVANCE when `filter.search` is given, NEWEST otherwise.',
  }),
  distinctStories: arg.boolean({
    defaultValue: false,
    description:
      'One article a story: true lists, for every story with an article in the list, only its representative, the earliest of ' +
      'its articles in the list (first published, then first stored), placed by its own date or relevance; `totalCount` then ' +
      'counts stories. An article without a story stands for itself. False (the default) lists every article.',
  }),
});
