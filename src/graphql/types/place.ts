import { articleKeyOf } from '../../queries/article-list.js';
import type { ArticlePlaceRow, PlaceEntityRow, PlaceMentionRow, PlaceRow } from '../../queries/places.js';
import { builder } from '../builder.js';
import { exactlyOne, parseRowId, rowIdOf } from '../ids.js';
import { toConnection } from '../pagination.js';
import { badInput } from '../errors.js';
import { Actor } from './actor.js';
import { Conflict } from './conflict.js';
import { Article, ArticleConnection } from './article.js';
import { articleListArgs, readArticleList } from './article-filter.js';
import { LinkMethod } from './article-links.js';

export const Place = builder.objectRef<PlaceRow>('Place');

export const PlaceKind = builder.enumType('PlaceKind', {
  description: 'What kind of place it is.',
  values: {
    CITY: { description: 'A populated place: a city, town, village or a named district or camp (a GeoNames populated place).' },
    REGION: { description: 'An administrative region of a state: a first-order province, state, oblast or governorate, or a second-order district (key `admin2:`).' },
    AREA: { description: 'A named area that is no region of one state, or spans several: Donbas, the Sahel, Kashmir.' },
    COUNTRY: { description: 'A country.' },
  } satisfies Record<PlaceRow['kind'], { description: string }>,
});

builder.node(Place, {
  description:
    'A place that articles name: a town, region or area, from the GeoNames gazetteer (CC BY 4.0) and the Dutch names of ' +
    '`seeds/places.yaml`. Found by the place linker (see the README, "Places"); stored the first time an article names it.',
  id: { resolve: (place) => place.id, parse: parseRowId('Place') },
  loadMany: (ids, { loaders }) => ids.map((id) => loaders.placeById.load(id)),
  fields: (t) => ({
    key: t.exposeString('key', {
      description: 'The gazetteer key, stable across databases: `geonames:<id>` for a populated place, `admin1:<country.code>` for a region, `admin2:<country.region.code>` for a district, `area:<slug>`.',
    }),
    name: t.exposeString('name', { description: 'The English name, as GeoNames writes it (`Kharkiv`, `Al Ḩudaydah`).' }),
    nameNl: t.exposeString('nameNl', { nullable: true, description: 'The Dutch name where the gazetteer has one (`Charkiv`, `Hodeida`); null otherwise.' }),
    kind: t.expose('kind', { type: PlaceKind, description: 'What kind of place it is.' }),
    country: t.exposeString('country', {
      nullable: true,
      description: 'The ISO 3166-1 alpha-2 code of its country (`UA`); null for an area across borders.',
    }),
    latitude: t.exposeFloat('latitude', {
      description: "Latitude in degrees (WGS84). A region's point is its seat's; a district's its namesake town's or the mean of its towns'; an area's is a point inside it.",
    }),
    longitude: t.exposeFloat('longitude', { description: 'Longitude in degrees (WGS84).' }),
    geonameId: t.exposeInt('geonameId', { nullable: true, description: 'The GeoNames id of a populated place; null for regions and areas.' }),
    population: t.exposeInt('population', {
      description: 'Inhabitants by GeoNames (a region: the sum of its populated places of 1,000 or more); 0 where unknown, as for a district.',
    }),
    articles: t.field({
      type: ArticleConnection,
      description: 'The articles that name this place, newest first (best match first when searching); one a story with `distinctStories`.',
      args: { ...t.arg.connectionArgs(), ...articleListArgs(t.arg) },
      resolve: async (place, args, { loaders }) => {
        const { query, page } = await readArticleList(args, loaders);
        const rows = await loaders.articlesOfPlace(query, page).load(place.id);
        const connection = toConnection(
          rows,
          page,
          (row) => articleKeyOf(query.order, row),
          (row) => ({ node: row }),
          () => (query.distinctStories ? loaders.storyCountOfList('place', query.filter) : loaders.articleCountOfPlace(query.filter)).load(place.id),
        );
        const scope = { places: { any: [place.id] }, and: query.filter ? [query.filter] : null };
        return { ...connection, articleScope: { parent: null, filter: scope } };
      },
    }),
  }),
});

const PlaceMention = builder.objectRef<PlaceMentionRow>('PlaceMention').implement({
  description: 'Where an article names a place: a span of its body, with how it was read.',
  fields: (t) => ({
    start: t.exposeInt('start', { description: 'Offset of the first character in `Article.body` (UTF-16 code units).' }),
    end: t.exposeInt('end', { description: 'Offset just past the last character (exclusive).' }),
    text: t.exposeString('text', { description: 'The words as written (`Charkiv`).' }),
    method: t.expose('method', {
      type: LinkMethod,
      description: 'DICTIONARY for a Dutch name of the gazetteer, RULE for a name read as a place by its context.',
    }),
    confidence: t.exposeFloat('confidence', { description: 'How sure the reading is, from just above 0 to 1.' }),
  }),
});

const ArticlePlace = builder.objectRef<ArticlePlaceRow>('ArticlePlace').implement({
  description: 'A place an article names.',
  fields: (t) => ({
    place: t.field({ type: Place, description: 'The place.', resolve: (row) => row.place }),
    mentionCount: t.exposeInt('mentionCount', { description: 'How often the article names it.' }),
    confidence: t.exposeFloat('confidence', { description: 'How sure the surest of its mentions is.' }),
    mentions: t.field({ type: [PlaceMention], description: 'Where the article names it, in order.', resolve: (row) => row.mentions }),
  }),
});

builder.objectFields(Article, (t) => ({
  places: t.field({
    type: [ArticlePlace],
    description:
      'The towns, regions and areas the article names, most named first. A capital that stands for its government ' +
      '(`Teheran reageerde`) is the state among `actors`, not a place; where the text places it (`in Teheran`) it is both.',
    resolve: (article, _args, { loaders }) => loaders.placesOfArticle.load(article.id),
  }),
}));

builder.queryFields((t) => ({
  place: t.field({
    type: Place,
    nullable: true,
    description: 'One place, by global id or by gazetteer key (exactly one of the two); null when no article names it.',
    args: {
      id: t.arg.id({ description: 'The global id of the place.' }),
      key: t.arg.string({ description: 'The gazetteer key (`geonames:1138958`, `admin1:UA.11`, `admin2:PK.03.1172574`, `area:donbas`).' }),
    },
    resolve: async (_root, args, { loaders }) => {
      exactlyOne(args, ['id', 'key']);
      if (args.id) return loaders.placeById.load(rowIdOf(args.id, 'Place'));
      if (args.key!.length > 100 || args.key!.includes('\u0000')) return null;
      return loaders.placeByKey.load(args.key!);
    },
  }),
}));

/** The most pairs of place and conflict one list gives. */
const MAX_PAIRS = 100;

function pairLimit(first: number | null | undefined): number {
  const limit = first ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAIRS) {
    throw badInput(`\`first\` must be between 1 and ${MAX_PAIRS}, got ${limit}`, { argument: 'first' });
  }
  return limit;
}

const PlaceConflict = builder.objectRef<PlaceEntityRow>('PlaceConflict').implement({
  description: 'A conflict that articles naming a place report on.',
  fields: (t) => ({
    conflict: t.field({ type: Conflict, description: 'The conflict.', resolve: (row, _args, { loaders }) => loaders.conflictById.load(row.entityId).then((c) => c!) }),
    articleCount: t.exposeInt('articleCount', { description: 'How many articles both name the place and report on the conflict.' }),
  }),
});

const ConflictPlace = builder.objectRef<PlaceEntityRow>('ConflictPlace').implement({
  description: 'A place that articles on a conflict name.',
  fields: (t) => ({
    place: t.field({ type: Place, description: 'The place.', resolve: (row, _args, { loaders }) => loaders.placeById.load(row.placeId).then((p) => p!) }),
    articleCount: t.exposeInt('articleCount', { description: 'How many articles both report on the conflict and name the place.' }),
  }),
});

const ActorPlace = builder.objectRef<PlaceEntityRow>('ActorPlace').implement({
  description: 'A place that articles mentioning an actor name.',
  fields: (t) => ({
    place: t.field({ type: Place, description: 'The place.', resolve: (row, _args, { loaders }) => loaders.placeById.load(row.placeId).then((p) => p!) }),
    articleCount: t.exposeInt('articleCount', { description: 'How many articles both mention the actor and name the place.' }),
  }),
});

builder.objectFields(Place, (t) => ({
  conflicts: t.field({
    type: [PlaceConflict],
    description: `The conflicts the articles naming this place report on, most articles first (then by id); at most \`first\` (1–${MAX_PAIRS}, 10 by default).`,
    args: { first: t.arg.int({ description: `How many, from 1 to ${MAX_PAIRS}; 10 by default.` }) },
    resolve: (place, args, { loaders }) => loaders.placeEntitiesOf('conflict', 'place', pairLimit(args.first)).load(place.id),
  }),
}));

builder.objectFields(Conflict, (t) => ({
  linkedPlaces: t.field({
    type: [ConflictPlace],
    description:
      'The places the articles on this conflict name, as the place linker found them, most articles first (then by id); ' +
      `at most \`first\` (1–${MAX_PAIRS}, 10 by default). \`places\` is the knowledge base's list of names instead.`,
    args: { first: t.arg.int({ description: `How many, from 1 to ${MAX_PAIRS}; 10 by default.` }) },
    resolve: (conflict, args, { loaders }) => loaders.placeEntitiesOf('conflict', 'entity', pairLimit(args.first)).load(conflict.id),
  }),
}));

builder.objectFields(Actor, (t) => ({
  places: t.field({
    type: [ActorPlace],
    description:
      'The places named in the articles that mention this actor, as the place linker found them: where the actor is in the news. ' +
      `Most articles first (then by id); at most \`first\` (1–${MAX_PAIRS}, 10 by default).`,
    args: { first: t.arg.int({ description: `How many, from 1 to ${MAX_PAIRS}; 10 by default.` }) },
    resolve: (actor, args, { loaders }) => loaders.placeEntitiesOf('actor', 'entity', pairLimit(args.first)).load(actor.id),
  }),
}));
