import type { ArticleScope } from '../../queries/article-filter.js';
import type { EntityFacetRow, FacetQuery, ValueFacetRow } from '../../queries/facets.js';
import type { CountUnit as Unit } from '../../queries/units.js';
import { scopeKey } from '../../queries/scoped-articles.js';
import { lastDayOf, readLimit, scopeOf } from '../aggregate-args.js';
import { builder } from '../builder.js';
import { MAX_PAGE_SIZE } from '../pagination.js';
import { Actor, CURATED_ONLY, readStatuses, statusArg } from './actor.js';
import { ArticleConnection } from './article.js';
import { Conflict } from './conflict.js';
import { unitArgOptions } from './count-unit.js';

const DEFAULT_FACET_SIZE = 10;
const ORDER = 'most articles first, then by name';

/** The articles a list's facets count over, and in which unit. */
interface FacetScope extends ArticleScope {
  unit: Unit;
}

function facetQuery(scope: FacetScope, first: number | null | undefined): { id: number; query: FacetQuery } {
  const { kind, id } = scopeKey(scope);
  return { id, query: { kind, filter: scope.filter, limit: readLimit(first, DEFAULT_FACET_SIZE), unit: scope.unit } };
}

const IN_UNIT = ' (with `facets(unit: STORY)`, how many stories have such an article)';

const ActorFacet = builder.objectRef<EntityFacetRow<'actor'>>('ActorFacet').implement({
  description: 'An actor mentioned in a set of articles, with how many of them mention it.',
  fields: (t) => ({
    actor: t.field({ type: Actor, description: 'The actor.', resolve: (row) => row.entity }),
    articleCount: t.exposeInt('articleCount', { description: `How many articles of the set mention the actor${IN_UNIT}.` }),
  }),
});

const ConflictFacet = builder.objectRef<EntityFacetRow<'conflict'>>('ConflictFacet').implement({
  description: 'A conflict reported on in a set of articles, with how many of them report on it.',
  fields: (t) => ({
    conflict: t.field({ type: Conflict, description: 'The conflict.', resolve: (row) => row.entity }),
    articleCount: t.exposeInt('articleCount', { description: `How many articles of the set report on the conflict${IN_UNIT}.` }),
  }),
});

const SourceFacet = builder.objectRef<ValueFacetRow>('SourceFacet').implement({
  description: 'A source (agency or outlet) credited in a set of articles, with how many of them credit it.',
  fields: (t) => ({
    source: t.string({
      description: 'The source as articles credit it (`Belga`, `AFP` …); use it in `filter.sources`.',
      resolve: (row) => row.value,
    }),
    articleCount: t.exposeInt('articleCount', { description: `How many articles of the set credit the source${IN_UNIT}.` }),
  }),
});

const MonthFacet = builder.objectRef<ValueFacetRow>('MonthFacet').implement({
  description: 'A month in which articles of a set were published, with how many.',
  fields: (t) => ({
    month: t.string({ description: 'The month, written `YYYY-MM`.', resolve: (row) => row.value.slice(0, 7) }),
    from: t.field({ type: 'Date', description: 'The first day of the month.', resolve: (row) => row.value }),
    to: t.field({ type: 'Date', description: 'The last day of the month.', resolve: (row) => lastDayOf(row.value, 'MONTH') }),
    articleCount: t.exposeInt('articleCount', { description: `How many articles of the set were published in the month${IN_UNIT}.` }),
  }),
});

const ArticleFacets = builder.objectRef<FacetScope>('ArticleFacets').implement({
  description:
    'Counts over every article of a list (all pages, with its filter): which actors, conflicts, sources and months it holds most. ' +
    'Each facet is computed only when selected.',
  fields: (t) => {
    const first = () =>
      t.arg.int({
        defaultValue: DEFAULT_FACET_SIZE,
        description: `How many values to return (1 to ${MAX_PAGE_SIZE}; ${DEFAULT_FACET_SIZE} by default).`,
      });
    return {
      actors: t.field({
        type: [ActorFacet],
        description: `The actors the articles mention most, ${ORDER}.`,
        args: { first: first(), status: t.arg(statusArg(CURATED_ONLY)) },
        resolve: (scope, args, { loaders }) => {
          const { id, query } = facetQuery(scope, args.first);
          return loaders.actorFacetOf({ ...query, statuses: readStatuses(args.status, CURATED_ONLY) }).load(id);
        },
      }),
      conflicts: t.field({
        type: [ConflictFacet],
        description: `The conflicts the articles report on most, ${ORDER}.`,
        args: { first: first() },
        resolve: (scope, args, { loaders }) => {
          const { id, query } = facetQuery(scope, args.first);
          return loaders.conflictFacetOf(query).load(id);
        },
      }),
      sources: t.field({
        type: [SourceFacet],
        description: `The sources the articles credit most, ${ORDER}; articles crediting no source are not counted.`,
        args: { first: first() },
        resolve: (scope, args, { loaders }) => {
          const { id, query } = facetQuery(scope, args.first);
          return loaders.sourceFacetOf(query).load(id);
        },
      }),
      months: t.field({
        type: [MonthFacet],
        description: 'The months with the most articles, most articles first, then earliest first (see `timeline` for every month in time order).',
        args: { first: first() },
        resolve: (scope, args, { loaders }) => {
          const { id, query } = facetQuery(scope, args.first);
          return loaders.monthFacetOf(query).load(id);
        },
      }),
    };
  },
});

builder.objectField(ArticleConnection, 'facets', (t) =>
  t.field({
    type: ArticleFacets,
    description:
      'Counts of the actors, conflicts, sources and months over every article of this list (all pages, with its filter), ' +
      'in articles or in stories.',
    args: { unit: t.arg(unitArgOptions('every facet (a story counts once for a value when any of its articles in the list has it)')) },
    resolve: (connection, args) => ({ ...scopeOf(connection), unit: args.unit ?? 'ARTICLE' }),
  }),
);
