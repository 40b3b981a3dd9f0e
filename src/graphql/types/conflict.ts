import { countConflicts, entityKeyOf, entityKeyShape, listConflicts } from '../../queries/entity-list.js';
import type { ConflictKind as ConflictKindValue, ConflictRole as ConflictRoleValue, ConflictRow } from '../../queries/rows.js';
import { builder } from '../builder.js';
import { exactlyOne, parseRowId, rowIdOf } from '../ids.js';
import { readPage, toConnection } from '../pagination.js';

export const Conflict = builder.objectRef<ConflictRow>('Conflict');

export const ConflictKind = builder.enumType('ConflictKind', {
  description: 'The kind of conflict, after the categories of conflict datasets such as UCDP.',
  values: {
    INTERSTATE_WAR: { description: 'Armed conflict between states.' },
    CIVIL_WAR: { description: 'Armed conflict between a government and armed groups within one state.' },
    INTERNATIONALIZED_CIVIL_WAR: { description: 'A civil war in which other states fight on one side or more.' },
    INSURGENCY: { description: 'A campaign of armed groups against one or more states, often across borders.' },
    DIPLOMATIC_CRISIS: { description: 'A confrontation between states short of sustained war: threats, strikes, sanctions.' },
  } satisfies Record<ConflictKindValue, { description: string }>,
});

export const ConflictRole = builder.enumType('ConflictRole', {
  description: 'The part an actor plays in a conflict.',
  values: {
    BELLIGERENT: { description: 'Fights in the conflict.' },
    SUPPORTER: { description: 'Backs a side with arms, money, troops in support or diplomatic cover.' },
    MEDIATOR: { description: 'Mediates between the sides or leads peace efforts.' },
  } satisfies Record<ConflictRoleValue, { description: string }>,
});

builder.node(Conflict, {
  description: 'An armed conflict or international crisis that articles report on.',
  id: { resolve: (conflict) => conflict.id, parse: parseRowId('Conflict') },
  loadMany: (ids, { loaders }) => ids.map((id) => loaders.conflictById.load(id)),
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'A stable, readable key, such as `syrian-civil-war`.' }),
    name: t.exposeString('name', { description: 'The canonical English name, as on English Wikipedia.' }),
    nameNl: t.exposeString('nameNl', { description: 'The Dutch name.' }),
    kind: t.expose('kind', { type: ConflictKind, description: 'The kind of conflict.' }),
    startedOn: t.expose('startedOn', { type: 'Date', description: 'When the conflict began.' }),
    endedOn: t.expose('endedOn', {
      type: 'Date',
      nullable: true,
      description: 'When the conflict ended; null while it goes on.',
    }),
    places: t.exposeStringList('places', {
      description:
        "Where the conflict is fought: regions, cities and front lines, as Dutch news names them, from the knowledge base " +
        '(the words the linker weighs as evidence of the conflict); names only, without coordinates.',
      deprecationReason: 'Names as text only. Use `linkedPlaces`: the places the articles on the conflict name, with coordinates and article counts.',
    }),
  }),
});

export const ConflictOrder = builder.enumType('ConflictOrder', {
  description: 'The order of a list of conflicts. Ties go by name, then by id, so pages never skip or repeat one.',
  values: {
    ARTICLE_COUNT: { description: 'Most articles first: the conflicts the corpus covers best.' },
    RECENT_COVERAGE: { description: 'Latest article first: the conflicts in the news now. Conflicts without articles come last.' },
    NAME: { description: 'By English name, A to Z.' },
    START_DATE: { description: 'Latest start first.' },
  },
});

export const ConflictConnection = builder.connectionObject(
  { type: Conflict, name: 'ConflictConnection', description: 'A page of conflicts.' },
  { name: 'ConflictEdge', description: 'A conflict in a list of conflicts.' },
);

builder.queryFields((t) => ({
  conflict: t.field({
    type: Conflict,
    nullable: true,
    description: 'One conflict, by global id or by slug (exactly one of the two); null when there is no such conflict.',
    args: {
      id: t.arg.id({ description: 'The global id of the conflict.' }),
      slug: t.arg.string({ description: 'The slug of the conflict, such as `war-in-afghanistan-2001-2021`.' }),
    },
    resolve: (_root, args, { loaders }) => {
      exactlyOne(args, ['id', 'slug']);
      return args.id ? loaders.conflictById.load(rowIdOf(args.id, 'Conflict')) : loaders.conflictBySlug.load(args.slug!);
    },
  }),
  conflicts: t.field({
    type: ConflictConnection,
    description:
      'The conflicts of the knowledge base, by name unless `orderBy` says otherwise (`ARTICLE_COUNT`: most covered first). ' +
      'A cursor continues the order it came from: pass the same `orderBy` with it.',
    args: {
      ...t.arg.connectionArgs(),
      orderBy: t.arg({
        type: ConflictOrder,
        defaultValue: 'NAME',
        description: 'The order of the list: NAME (the default), ARTICLE_COUNT, RECENT_COVERAGE or START_DATE.',
      }),
      hasArticles: t.arg.boolean({
        description: 'Only conflicts with at least one article (true) or only those without any (false); all of them when left out.',
      }),
    },
    resolve: async (_root, args, { db }) => {
      const order = args.orderBy ?? 'NAME';
      const query = { hasArticles: args.hasArticles ?? null };
      const page = readPage(args, entityKeyShape(order));
      const rows = await listConflicts(db, query, order, page);
      return toConnection(rows, page, (row) => entityKeyOf(order, row), (row) => ({ node: row }), () => countConflicts(db, query));
    },
  }),
}));
