import { execute } from '../api.js';
import { count, h, label, link, number, section } from '../dom.js';
import { ExploreConflicts } from '../operations.js';
import type { View } from '../route.js';
import { articleList, howToIngest } from './shared.js';

export const landingView: View = async (_route, signal) => {
  const { covered, all, articles } = await execute(ExploreConflicts, {}, signal);
  const counts = new Map(articles.facets.conflicts.map((facet) => [facet.conflict.slug, facet.articleCount]));
  const max = Math.max(1, ...counts.values());
  // Asked for most covered first; the counts come from the facet of all articles.
  const rows = covered.edges.map((edge) => edge.node);
  const uncovered = all.totalCount - covered.totalCount;
  return {
    title: 'Conflicts',
    body: h(
      'div',
      { class: 'view landing' },
      h('h1', {}, 'Conflicts in the news'),
      h(
        'p',
        { class: 'meta' },
        articles.totalCount === 0
          ? `${count(all.totalCount, 'conflict')} in the knowledge base, no articles yet. `
          : `${count(articles.totalCount, 'article')} on ${count(covered.totalCount, 'conflict')}${uncovered > 0 ? ` (${number(uncovered)} more in the knowledge base have no articles yet)` : ''}. `,
        link('/search', 'Search the articles'),
        ' · ',
        h('a', { href: '/graphql' }, 'the API'),
      ),
      articles.totalCount === 0 ? howToIngest() : null,
      rows.length ? section(
        'Conflicts, most covered first',
        h(
          'table',
          { class: 'conflicts' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Conflict'), h('th', { scope: 'col' }, 'Kind'), h('th', { scope: 'col' }, 'Since'), h('th', { scope: 'col', class: 'num' }, 'Articles'))),
          h(
            'tbody',
            {},
            rows.map((conflict) => {
              const articleCount = counts.get(conflict.slug) ?? 0;
              const bar = h('span', { class: 'count-bar' });
              bar.style.width = `${(100 * articleCount) / max}%`;
              return h(
                'tr',
                {},
                h('td', {}, link(`/conflict/${encodeURIComponent(conflict.slug)}`, conflict.name), h('div', { class: 'meta' }, conflict.nameNl)),
                h('td', {}, label(conflict.kind)),
                h('td', {}, conflict.startedOn.slice(0, 4), conflict.endedOn ? `–${conflict.endedOn.slice(0, 4)}` : ''),
                h('td', { class: 'num' }, number(articleCount), h('span', { class: 'count-track' }, bar)),
              );
            }),
          ),
        ),
        covered.totalCount > rows.length ? h('p', { class: 'meta' }, `The ${number(rows.length)} most covered of ${number(covered.totalCount)}; `, link('/search', 'search'), ' finds the others.') : null,
      ) : null,
      articles.edges.length ? section('Latest articles', articleList(articles.edges.map((edge) => edge.node))) : null,
    ),
  };
};
