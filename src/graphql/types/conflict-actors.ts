import type { ActorConflictRow, ConflictActorRow } from '../../queries/conflict-actors.js';
import { ACTOR_CONFLICT_KEY, CONFLICT_ACTOR_KEY } from '../../queries/conflict-actors.js';
import { builder } from '../builder.js';
import { readPage, toConnection } from '../pagination.js';
import { Actor, actorColumnsAt } from './actor.js';
import { Conflict, ConflictRole } from './conflict.js';

builder.objectField(Conflict, 'actors', (t) =>
  t.connection(
    {
      type: Actor,
      description: 'The parties to this conflict with their role: belligerents first, then supporters and mediators, each by name.',
      args: {
        role: t.arg({ type: ConflictRole, description: 'Only parties in this role.' }),
        side: t.arg.string({ description: 'Only parties on this side (as `side` gives it; case does not matter).' }),
      },
      resolve: async (conflict, args, { loaders }, info) => {
        const page = readPage(args, CONFLICT_ACTOR_KEY);
        const filter = { role: args.role ?? null, side: args.side ?? null };
        const rows = await loaders.actorsOfConflict(page, filter, actorColumnsAt(info, ['edges', 'node'])).load(conflict.id);
        return toConnection(
          rows,
          page,
          (row) => [row.role, row.actor.name, row.actor.id],
          (row: ConflictActorRow) => ({ ...row, node: row.actor }),
          () => loaders.actorCountOfConflict(filter).load(conflict.id),
        );
      },
    },
    { name: 'ConflictActorConnection', description: 'A page of the parties to a conflict.' },
    {
      name: 'ConflictActorEdge',
      description: 'A party to a conflict and its part in it.',
      fields: (edge) => ({
        role: edge.field({ type: ConflictRole, description: 'The part the actor plays in this conflict.', resolve: (e) => e.role }),
        side: edge.string({
          nullable: true,
          description: 'The side the actor is on (for example `government` or `opposition`); null when it stands between the sides.',
          resolve: (e) => e.side,
        }),
        articleCount: edge.int({
          description: 'How many articles on this conflict mention the actor.',
          resolve: (e) => e.articleCount,
        }),
        mentionCount: edge.int({
          description: 'How often the articles on this conflict name the actor, all mentions together.',
          resolve: (e) => e.mentionCount,
        }),
        firstArticleOn: edge.field({
          type: 'Date',
          nullable: true,
          description: 'Publication date of the first article on this conflict that mentions the actor; null when none does.',
          resolve: (e) => e.firstArticleOn,
        }),
        lastArticleOn: edge.field({
          type: 'Date',
          nullable: true,
          description: 'Publication date of the latest article on this conflict that mentions the actor; null when none does.',
          resolve: (e) => e.lastArticleOn,
        }),
      }),
    },
  ),
);

builder.objectField(Actor, 'conflicts', (t) =>
  t.connection(
    {
      type: Conflict,
      description: 'The conflicts this actor is a party to, by name, with its role in each.',
      resolve: async (actor, args, { loaders }) => {
        const page = readPage(args, ACTOR_CONFLICT_KEY);
        const rows = await loaders.conflictsOfActor(page).load(actor.id);
        return toConnection(
          rows,
          page,
          (row) => [row.conflict.name, row.conflict.id, row.role],
          (row: ActorConflictRow) => ({ node: row.conflict, role: row.role, side: row.side }),
          () => loaders.conflictCountOfActor.load(actor.id),
        );
      },
    },
    { name: 'ActorConflictConnection', description: 'A page of the conflicts an actor is a party to.' },
    {
      name: 'ActorConflictEdge',
      description: 'A conflict and the part one actor plays in it.',
      fields: (edge) => ({
        role: edge.field({ type: ConflictRole, description: 'The part the actor plays in this conflict.', resolve: (e) => e.role }),
        side: edge.string({
          nullable: true,
          description: 'The side the actor is on; null when it stands between the sides.',
          resolve: (e) => e.side,
        }),
      }),
    },
  ),
);
