import type { RelatedConflictRow } from '../../queries/related-conflicts.js';
import type { ActorRow } from '../../queries/rows.js';
import { builder } from '../builder.js';
import { badInput } from '../errors.js';
import { MAX_PAGE_SIZE } from '../pagination.js';
import { Actor } from './actor.js';
import { Conflict } from './conflict.js';

const RelatedConflict = builder.objectRef<RelatedConflictRow>('RelatedConflict').implement({
  description: 'A conflict that shares parties with another one.',
  fields: (t) => ({
    conflict: t.field({ type: Conflict, description: 'The related conflict.', resolve: (row) => row.conflict }),
    sharedActorCount: t.int({ description: 'How many parties the two conflicts share.', resolve: (row) => row.sharedActorIds.length }),
    sharedActors: t.field({
      type: [Actor],
      description: 'The parties the two conflicts share.',
      resolve: async (row, _args, { loaders }) =>
        (await loaders.actorById.loadMany(row.sharedActorIds)).filter((actor): actor is ActorRow => actor !== null && !(actor instanceof Error)),
    }),
  }),
});

builder.objectField(Conflict, 'relatedConflicts', (t) =>
  t.field({
    type: [RelatedConflict],
    description: 'Other conflicts with parties in common (Russia in Syria, Libya and Ukraine), most shared parties first.',
    args: { first: t.arg.int({ defaultValue: 10, description: `How many to return (1 to ${MAX_PAGE_SIZE}).` }) },
    resolve: (conflict, { first }, { loaders }) => {
      const limit = first ?? 10;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
        throw badInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}, got ${limit}`, { argument: 'first' });
      }
      return loaders.relatedConflictsOf(limit).load(conflict.id);
    },
  }),
);
