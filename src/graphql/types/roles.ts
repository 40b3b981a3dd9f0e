import { roleAt, type ActorRoleRow } from '../../queries/roles.js';
import { builder } from '../builder.js';
import { Actor } from './actor.js';
import { ArticleActor } from './article-links.js';

const ActorRole = builder.objectRef<ActorRoleRow>('ActorRole').implement({
  description: 'An office or role an actor held, with its dates: President of the United States from 2017-01-20 to 2021-01-20.',
  fields: (t) => ({
    title: t.exposeString('title', { description: 'The office or role, in English.' }),
    for: t.field({
      type: Actor,
      nullable: true,
      description: 'The state or organisation the role is held for; null when it is not held for one.',
      resolve: (role, _args, { loaders }) => (role.forActorId ? loaders.actorById.load(role.forActorId) : null),
    }),
    code: t.exposeString('code', {
      description:
        'Role code in the spirit of CAMEO: GOV (head of state or government, minister), DIP (diplomat, envoy), ' +
        'MIL (military commander), REB (leader of a non-state armed group), IGO (official of an international organisation), ' +
        'LEG (member or presiding officer of a parliament, held for the chamber), OPP (opposition leader), ' +
        'PTY (member of a political party or its parliamentary group, held for the party).',
    }),
    validFrom: t.expose('validFrom', { type: 'Date', nullable: true, description: 'When the role began; null when not known.' }),
    validTo: t.expose('validTo', { type: 'Date', nullable: true, description: 'When the role ended; null while it lasts.' }),
  }),
});

builder.objectFields(Actor, (t) => ({
  roles: t.field({
    type: [ActorRole],
    description: 'Every office or role the actor held, earliest first (empty for states and most organisations).',
    resolve: (actor, _args, { loaders }) => loaders.rolesOfActor.load(actor.id),
  }),
  roleAt: t.field({
    type: ActorRole,
    nullable: true,
    description: 'The role the actor held on a date (the most recently begun when several overlap); null when it held none then.',
    args: { date: t.arg({ type: 'Date', required: true, description: 'The date to look at.' }) },
    resolve: async (actor, { date }, { loaders }) => roleAt(await loaders.rolesOfActor.load(actor.id), date),
  }),
}));

builder.objectField(ArticleActor, 'role', (t) =>
  t.field({
    type: ActorRole,
    nullable: true,
    description: 'The role the actor held on the day the article was published; null when it held none then.',
    resolve: async (link, _args, { loaders }) => roleAt(await loaders.rolesOfActor.load(link.actor.id), link.publishedOn),
  }),
);
