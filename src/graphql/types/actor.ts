import { countActors, listActors, NAME_KEY } from '../../loaders/entity-list.js';
import type { ActorRow } from '../../loaders/rows.js';
import { builder } from '../builder.js';
import { exactlyOne, parseRowId, rowIdOf } from '../ids.js';
import { readPage, toConnection } from '../pagination.js';

export const Actor = builder.objectRef<ActorRow>('Actor');

export const ActorKind = builder.enumType('ActorKind', {
  description: 'What kind of actor this is.',
  values: {
    PERSON: { description: 'A person: a head of state, minister, commander, envoy …' },
    STATE: { description: 'A state, also when named by its capital or seat of power (`het Kremlin`, `Washington`).' },
    ORGANIZATION: { description: 'An international or governmental organisation: the UN, NATO, a ministry, a service.' },
    ARMED_GROUP: { description: 'A non-state armed group: a militia, rebel movement or terrorist organisation.' },
  },
});

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
  }),
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
    description: 'All actors of the knowledge base, by name.',
    args: {
      ...t.arg.connectionArgs(),
      kinds: t.arg({ type: [ActorKind], description: 'Only actors of these kinds.' }),
    },
    resolve: async (_root, args, { db }) => {
      const query = { kinds: args.kinds ?? null };
      const page = readPage(args, NAME_KEY);
      const rows = await listActors(db, query, page);
      return toConnection(rows, page, (row) => [row.name, row.id], (row) => ({ node: row }), () => countActors(db, query));
    },
  }),
}));
