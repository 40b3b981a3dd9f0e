import type { ObjectFieldBuilder } from '@pothos/core';
import type { Association } from '../loaders/association.js';
import type { builder } from './builder.js';

type Types = (typeof builder)['$inferSchemaTypes'];

/** Whose pairs are measured: an actor's co-actors, or the actors of a conflict's network. */
export type PairScope = 'actor' | 'conflict';

/** How the descriptions name the pair's shared articles and the articles it is measured over. */
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
} satisfies Record<PairScope, { both: string; apart: string; all: string; note: string }>;

/** The `jaccard` and `pmi` fields of a pair of actors, read from its association. */
export function associationFields<Parent>(t: ObjectFieldBuilder<Types, Parent>, scope: PairScope, associationOf: (parent: Parent) => Association) {
  const words = WORDS[scope];
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
