import type { CoActorRow } from '../../loaders/co-actors.js';
import { builder } from '../builder.js';
import { badInput } from '../errors.js';
import { MAX_PAGE_SIZE } from '../pagination.js';
import { Actor } from './actor.js';

const CoActor = builder.objectRef<CoActorRow>('CoActor').implement({
  description: 'An actor named in the same articles as another actor.',
  fields: (t) => ({
    actor: t.field({ type: Actor, description: 'The other actor.', resolve: (row) => row.actor }),
    articleCount: t.exposeInt('articleCount', { description: 'How many articles name both actors.' }),
  }),
});

builder.objectField(Actor, 'coActors', (t) =>
  t.field({
    type: [CoActor],
    description: 'The actors most often named in the same articles as this one, most shared articles first.',
    args: {
      first: t.arg.int({ defaultValue: 10, description: `How many to return (1 to ${MAX_PAGE_SIZE}).` }),
    },
    resolve: (actor, { first }, { loaders }) => {
      const limit = first ?? 10;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
        throw badInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}, got ${limit}`, { argument: 'first' });
      }
      return loaders.coActorsOf(limit).load(actor.id);
    },
  }),
);
