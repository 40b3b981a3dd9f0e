import type { CountUnit as Unit } from '../../queries/units.js';
import { builder } from '../builder.js';

export const CountUnit = builder.enumType('CountUnit', {
  description:
    'What an aggregate counts: articles, or stories, so that one dispatch carried by ten outlets counts once (see `Story` and the README, "Stories").',
  values: {
    ARTICLE: { description: 'Articles: each article counts once (the default).' },
    STORY: {
      description:
        'Stories: a story counts once in a period, a facet value or a pair of actors when any of its articles counted there does; ' +
        'totals and the association measures are then in stories too.',
    },
  } satisfies Record<Unit, { description: string }>,
});

/** The `unit` argument of an aggregate, ARTICLE by default; `what` names the counts it changes. */
export function unitArgOptions(what: string) {
  return {
    type: CountUnit,
    defaultValue: 'ARTICLE' as const,
    description: `Count articles (ARTICLE, the default) or stories (STORY) in ${what}.`,
  };
}
