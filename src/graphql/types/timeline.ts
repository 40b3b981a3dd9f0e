import type { ArticleFilterSpec } from '../../queries/article-filter.js';
import type { Loaders } from '../../loaders.js';
import { scopeKey } from '../../queries/scoped-articles.js';
import type { TimelineBucketRow, TimelineInterval as Interval, TimelineScope } from '../../queries/timeline.js';
import type { CountUnit as Unit } from '../../queries/units.js';
import { lastDayOf, scopeOf } from '../aggregate-args.js';
import { builder } from '../builder.js';
import { Actor } from './actor.js';
import { ArticleFilter, readFilter, resolveFilter } from './article-filter.js';
import { ArticleConnection } from './article.js';
import { Conflict } from './conflict.js';
import { unitArgOptions } from './count-unit.js';
import { Place } from './place.js';

export const TimelineInterval = builder.enumType('TimelineInterval', {
  description: 'The length of the periods a timeline counts articles in.',
  values: {
    MONTH: { description: 'Calendar months.' },
    YEAR: { description: 'Calendar years.' },
  },
});

interface Bucket extends TimelineBucketRow {
  interval: Interval;
}

const TimelineBucket = builder.objectRef<Bucket>('TimelineBucket').implement({
  description:
    'One period of a timeline: how many articles of the set were published in it, ' +
    'and what share of the whole corpus of that period they are.',
  fields: (t) => ({
    period: t.string({
      description: 'The period, written `YYYY-MM` for a month and `YYYY` for a year.',
      resolve: (bucket) => bucket.from.slice(0, bucket.interval === 'MONTH' ? 7 : 4),
    }),
    from: t.field({ type: 'Date', description: 'The first day of the period.', resolve: (bucket) => bucket.from }),
    to: t.field({
      type: 'Date',
      description: 'The last day of the period (pass `from` and `to` as `publishedFrom` and `publishedTo` to list its articles).',
      resolve: (bucket) => lastDayOf(bucket.from, bucket.interval),
    }),
    articleCount: t.exposeInt('articleCount', {
      description:
        'How many articles of the set were published in the period; 0 for a quiet period. ' +
        'With `unit: STORY`, how many stories have an article of the set in the period.',
    }),
    corpusArticleCount: t.exposeInt('corpusArticleCount', {
      description:
        'How many articles of the whole corpus were published in the period, whatever they are about; ' +
        'with `unit: STORY`, how many stories have an article in the period.',
    }),
    share: t.float({
      description:
        'articleCount / corpusArticleCount, between 0 and 1: the part of all coverage of the period that this set takes, ' +
        'so that a month with more articles overall does not look like more attention; 0 when the corpus has none.',
      resolve: (bucket) => (bucket.corpusArticleCount ? bucket.articleCount / bucket.corpusArticleCount : 0),
    }),
  }),
});

const UNIT = 'the set and in the corpus (a story counts in every period in which it has an article)';

const ORDER =
  'Buckets are in time order, from the first period with articles to the last, quiet periods included with a count of 0; ' +
  'empty when there are no articles.';

async function timeline(
  { kind, id, filter }: { kind: TimelineScope; id: number; filter: ArticleFilterSpec | null },
  interval: Interval | null | undefined,
  unit: Unit | null | undefined,
  loaders: Loaders,
): Promise<Bucket[]> {
  const every = interval ?? 'MONTH';
  const rows = await loaders.timelineOf(kind, filter, every, unit ?? 'ARTICLE').load(id);
  return rows.map((row) => ({ ...row, interval: every }));
}

for (const [type, kind, what] of [
  [Conflict, 'conflict', 'reported on this conflict'],
  [Actor, 'actor', 'mentioned this actor'],
  [Place, 'place', 'named this place'],
] as const) {
  builder.objectField(type, 'timeline', (t) =>
    t.field({
      type: [TimelineBucket],
      description: `How many articles ${what} per month or year (those meeting \`filter\`, when given). ${ORDER}`,
      args: {
        interval: t.arg({ type: TimelineInterval, defaultValue: 'MONTH', description: 'The length of the periods: MONTH (the default) or YEAR.' }),
        filter: t.arg({ type: ArticleFilter, description: 'Only count the articles that meet these conditions.' }),
        unit: t.arg(unitArgOptions(UNIT)),
      },
      resolve: async (parent, args, { loaders }) =>
        timeline(
          { kind, id: parent.id, filter: await resolveFilter(await readFilter(args.filter, loaders, 'filter'), loaders) },
          args.interval,
          args.unit,
          loaders,
        ),
    }),
  );
}

builder.objectField(ArticleConnection, 'timeline', (t) =>
  t.field({
    type: [TimelineBucket],
    description: `How many articles of this whole list (all pages, with its filter) were published per month or year. ${ORDER}`,
    args: {
      interval: t.arg({ type: TimelineInterval, defaultValue: 'MONTH', description: 'The length of the periods: MONTH (the default) or YEAR.' }),
      unit: t.arg(unitArgOptions(UNIT)),
    },
    resolve: (connection, args, { loaders }) => {
      const scope = scopeOf(connection);
      return timeline({ ...scopeKey(scope), filter: scope.filter }, args.interval, args.unit, loaders);
    },
  }),
);
