import { countActors, entityKeyOf, entityKeyShape, listActors } from '../../queries/entity-list.js';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { ActorFields, ActorKind as ActorKindValue, ActorRow, ActorStatus as ActorStatusValue, ListedStatus } from '../../queries/rows.js';
import { builder } from '../builder.js';
import { badInput } from '../errors.js';
import { exactlyOne, parseRowId, rowIdOf } from '../ids.js';
import { readPage, toConnection } from '../pagination.js';
import { selectedFieldsAt } from '../selection.js';

export const Actor = builder.objectRef<ActorRow>('Actor');

export const ActorKind = builder.enumType('ActorKind', {
  description: 'What kind of actor this is.',
  values: {
    PERSON: { description: 'A person: a head of state, minister, commander, envoy …' },
    STATE: { description: 'A state, also when named by its capital or seat of power (`het Kremlin`, `Washington`).' },
    ORGANIZATION: { description: 'An international or governmental organisation: the UN, NATO, a ministry, a service.' },
    ARMED_GROUP: { description: 'A non-state armed group: a militia, rebel movement or terrorist organisation.' },
  } satisfies Record<ActorKindValue, { description: string }>,
});

export const ActorStatus = builder.enumType('ActorStatus', {
  description: 'Whether an actor is curated, or only named in articles so far.',
  values: {
    CURATED: { description: 'In the knowledge base, or promoted by a curator: names, kind and slug are checked.' },
    PROVISIONAL: {
      description:
        'A person or organisation named in full in articles but not (yet) in the knowledge base: name and kind as the linker read them. ' +
        'Curators promote, merge or reject it (see `curationQueue`).',
    },
    REJECTED: { description: 'Found not to be an actor by a curator: never listed, never linked again. Only in filters’ errors and mutation answers.' },
  } satisfies Record<ActorStatusValue, { description: string }>,
});

/** Analysts see every named actor of an article; rankings and lists are curated only unless asked. */
export const EVERY_NAMED: ListedStatus[] = ['CURATED', 'PROVISIONAL'];
export const CURATED_ONLY: ListedStatus[] = ['CURATED'];

/** The options of the `status` argument of an actor list (`t.arg(statusArg(…))`), with its default in the description. */
export function statusArg(defaults: ListedStatus[]) {
  return {
    type: [ActorStatus] as [typeof ActorStatus],
    description:
      `Only actors with these statuses (${defaults.join(' and ')} by default). ` +
      'PROVISIONAL adds people and organisations named in articles that are not curated yet; REJECTED actors are never listed.',
  };
}

/** The statuses a list shows: the given ones, else its default; asking for REJECTED is a mistake worth telling. */
export function readStatuses(value: readonly string[] | null | undefined, defaults: ListedStatus[]): ListedStatus[] {
  if (value == null) return defaults;
  if (value.includes('REJECTED')) throw badInput('`status`: rejected actors are never listed; ask for CURATED or PROVISIONAL', { argument: 'status' });
  if (value.length === 0) throw badInput('`status` must name at least one status (or be left out)', { argument: 'status' });
  return [...new Set(value as ListedStatus[])].sort();
}

builder.node(Actor, {
  description: 'A person, state, organisation or armed group that articles mention and conflicts involve.',
  id: { resolve: (actor) => actor.id, parse: parseRowId('Actor') },
  loadMany: (ids, { loaders }) => ids.map((id) => loaders.actorById.load(id)),
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'A stable, readable key, such as `vladimir-putin`; use it with `Query.actor(slug:)`.' }),
    name: t.exposeString('name', { description: 'The canonical English name, as on English Wikipedia.' }),
    nameNl: t.exposeString('nameNl', { description: 'The Dutch name.' }),
    kind: t.expose('kind', { type: ActorKind, description: 'What kind of actor this is.' }),
    aliases: t.exposeStringList('aliases', {
      description: 'Other names it goes by in Dutch and English news: spellings, short forms and acronyms.',
    }),
    wikidataId: t.exposeString('wikidataId', {
      nullable: true,
      description: 'The Wikidata item (`Q…`); null when not known.',
    }),
    status: t.expose('status', {
      type: ActorStatus,
      description: 'CURATED, or PROVISIONAL: named in articles, not in the knowledge base yet (name and kind as the linker read them).',
    }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'Who or what the actor is, in a few words, as articles or a curator describe it (`Afghanistanspecialist`); null when none is known.',
    }),
  }),
});

/** The fields of Actor that each show one column of its row, of the same name (the global `id` shows `id`). */
const COLUMN_FIELDS = ['id', 'slug', 'name', 'nameNl', 'kind', 'aliases', 'wikidataId', 'status', 'description'] as const satisfies readonly (keyof ActorRow)[];
const SHOWN_ALONE = new Set<string>([...COLUMN_FIELDS, '__typename']);

/**
 * The columns of its row an actor's selection (the names of the Actor fields it selects) reads:
 * those of its column fields, or all of them (null) once it selects any other field, which may
 * read any column.
 */
export function actorColumnsOf(selected: ReadonlySet<string>): (keyof ActorRow & string)[] | null {
  for (const name of selected) if (!SHOWN_ALONE.has(name)) return null;
  return COLUMN_FIELDS.filter((name) => selected.has(name));
}

const columnsOfField = new WeakMap<readonly FieldNode[], ActorFields>();

/**
 * The columns the actors selected at `path` below the field being resolved read (see actorColumnsOf), worked out
 * once per field of a document: a list's statement reads those alone.
 */
export function actorColumnsAt(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): ActorFields {
  let fields = columnsOfField.get(info.fieldNodes);
  if (fields === undefined) columnsOfField.set(info.fieldNodes, (fields = actorColumnsOf(selectedFieldsAt(info, path))));
  return fields;
}

export const ActorOrder = builder.enumType('ActorOrder', {
  description: 'The order of a list of actors. Ties go by name, then by id, so pages never skip or repeat one.',
  values: {
    ARTICLE_COUNT: { description: 'Most articles first: the actors the corpus mentions most.' },
    RECENT_COVERAGE: { description: 'Latest article first: the actors in the news now. Actors without articles come last.' },
    NAME: { description: 'By English name, A to Z.' },
  },
});

export const ActorConnection = builder.connectionObject(
  { type: Actor, name: 'ActorConnection', description: 'A page of actors.' },
  { name: 'ActorEdge', description: 'An actor in a list of actors.' },
);

builder.queryFields((t) => ({
  actor: t.field({
    type: Actor,
    nullable: true,
    description: 'One actor, by global id or by slug (exactly one of the two); null when there is no such actor.',
    args: {
      id: t.arg.id({ description: 'The global id of the actor.' }),
      slug: t.arg.string({ description: 'The slug of the actor, such as `united-states`.' }),
    },
    resolve: (_root, args, { loaders }) => {
      exactlyOne(args, ['id', 'slug']);
      return args.id ? loaders.actorById.load(rowIdOf(args.id, 'Actor')) : loaders.actorBySlug.load(args.slug!);
    },
  }),
  actors: t.field({
    type: ActorConnection,
    description:
      'The actors of the knowledge base and promoted ones (provisional ones too when `status` asks for them), by name ' +
      'unless `orderBy` says otherwise (`ARTICLE_COUNT`: most mentioned first). A cursor continues the order it came from: pass the same `orderBy` with it.',
    args: {
      ...t.arg.connectionArgs(),
      kinds: t.arg({ type: [ActorKind], description: 'Only actors of these kinds.' }),
      status: t.arg(statusArg(CURATED_ONLY)),
      orderBy: t.arg({
        type: ActorOrder,
        defaultValue: 'NAME',
        description: 'The order of the list: NAME (the default), ARTICLE_COUNT or RECENT_COVERAGE.',
      }),
      hasArticles: t.arg.boolean({
        description: 'Only actors with at least one article (true) or only those without any (false); all of them when left out.',
      }),
    },
    resolve: async (_root, args, { db }) => {
      const order = args.orderBy ?? 'NAME';
      const query = { kinds: args.kinds ?? null, statuses: readStatuses(args.status, CURATED_ONLY), hasArticles: args.hasArticles ?? null };
      const page = readPage(args, entityKeyShape(order));
      const rows = await listActors(db, query, order, page);
      return toConnection(rows, page, (row) => entityKeyOf(order, row), (row) => ({ node: row }), () => countActors(db, query));
    },
  }),
}));
