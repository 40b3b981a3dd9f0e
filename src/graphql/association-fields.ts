import type { ObjectFieldBuilder } from '@pothos/core';
import type { Kind } from '../kinds.js';
import type { Association } from '../queries/association.js';
import type { builder } from './builder.js';

type Types = (typeof builder)['$inferSchemaTypes'];

/**
 * How the descriptions name a pair's shared articles and the articles it is measured over, by the
 * kind of entity whose articles they are: an actor's (its co-actors) or a conflict's (its network).
 */
const WORDS = {
  actor: {
    both: 'articleCount',
    apart: 'the other actor is mostly named without this one',
    all: 'all articles, each within the restriction of `coActors`',
    note: '',
  },
  conflict: {
    both: 'weight',
    apart: 'one is named far more often without the other',
    all: 'all the network’s articles',
    note: ' Favors rare pairs.',
  },
} satisfies Record<Kind, { both: string; apart: string; all: string; note: string }>;

/** The `jaccard` and `pmi` fields of a pair of actors named in the articles of an entity of `kind`, read from its association. */
export function associationFields<Parent>(t: ObjectFieldBuilder<Types, Parent>, kind: Kind, associationOf: (parent: Parent) => Association) {
  const words = WORDS[kind];
  return {
    jaccard: t.float({
      description: `${words.both} / (articles naming either actor): 1 when the two are always named together, near 0 when ${words.apart}.`,
      resolve: (parent) => associationOf(parent).jaccard,
    }),
    pmi: t.float({
      description:
        `Pointwise mutual information, log2(${words.both} × N / (a × b)) with a and b the articles naming each actor and N ${words.all}: ` +
        `above 0 when the two are named together more often than chance, 0 when as often, below 0 when less.${words.note}`,
      resolve: (parent) => associationOf(parent).pmi,
    }),
  };
}
