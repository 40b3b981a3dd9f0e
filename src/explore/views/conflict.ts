import { execute } from '../api.js';
import { networkChart, type Measure } from '../charts/network.js';
import { placeMap } from '../charts/map.js';
import { timelineChart } from '../charts/timeline.js';
import { count, empty, h, href, label, link, number, section } from '../dom.js';
import { ExploreConflict } from '../operations.js';
import type { Route, View } from '../route.js';
import { articleList } from './shared.js';

const MEASURES: Record<Measure, string> = { weight: 'shared articles', jaccard: 'Jaccard index', pmi: 'PMI' };

export const conflictView: View = async (route: Route, signal) => {
  const slug = route.parts[1] ?? '';
  const from = route.query.get('from');
  const to = route.query.get('to');
  const asked = route.query.get('measure');
  const measure: Measure = asked === 'jaccard' || asked === 'pmi' ? asked : 'weight';
  const { conflict } = await execute(ExploreConflict, { slug, from: from || null, to: to || null }, signal);
  if (!conflict) return { title: 'No such conflict', body: empty(`No conflict has the slug “${slug}”. `, link('/', 'See every conflict.')) };
  const here = (query: Record<string, string | null>) => href(`/conflict/${encodeURIComponent(conflict.slug)}`, { from, to, measure: measure === 'weight' ? null : measure, ...query });
  const windowed = from || to;

  const bySide = new Map<string, typeof conflict.actors.edges>();
  for (const edge of conflict.actors.edges) {
    const key = `${label(edge.role)}${edge.side ? ` · ${edge.side}` : ''}`;
    bySide.set(key, [...(bySide.get(key) ?? []), edge]);
  }

  return {
    title: conflict.name,
    body: h(
      'article',
      { class: 'view conflict' },
      h('header', {}, h('h1', {}, conflict.name), h('p', { class: 'meta' }, `${conflict.nameNl} · ${label(conflict.kind)} · since ${conflict.startedOn}${conflict.endedOn ? ` until ${conflict.endedOn}` : ''} · ${count(conflict.articles.totalCount, 'article')} · `, link('/search', 'search its articles', { conflict: conflict.slug }))),
      section(
        'Coverage',
        conflict.timeline.length
          ? [
              timelineChart(conflict.timeline, conflict.storyTimeline, (bucket) => here({ from: bucket.from, to: bucket.to }), (bucket) => !!windowed && (!from || bucket.from >= from) && (!to || bucket.to <= to)),
              h('p', { class: 'hint' }, 'Choose a month to see its network; ', windowed ? link(`/conflict/${encodeURIComponent(conflict.slug)}`, 'show the whole period') : 'the network shows the whole period now', '.'),
            ]
          : empty('No article reports on this conflict yet.'),
      ),
      section(
        'Parties',
        conflict.actors.edges.length
          ? h(
              'dl',
              { class: 'parties' },
              [...bySide].map(([key, edges]) => [
                h('dt', {}, key),
                h('dd', {}, h('ul', {}, edges.map((edge) => h('li', {}, link(`/actor/${encodeURIComponent(edge.node.slug)}`, edge.node.name), h('span', { class: 'meta' }, ` ${number(edge.articleCount)}`))))),
              ]),
            )
          : empty('The knowledge base names no parties to this conflict.'),
      ),
      section(
        `Who is named with whom${windowed ? ` (${from ?? '…'} to ${to ?? '…'})` : ''}`,
        h(
          'form',
          { class: 'inline', method: 'get', onsubmit: (event: Event) => event.preventDefault() },
          h('label', { for: 'measure' }, 'Edges by '),
          h(
            'select',
            { id: 'measure', onchange: (event: Event) => (location.hash = here({ measure: (event.target as HTMLSelectElement).value })) },
            Object.entries(MEASURES).map(([value, text]) => h('option', { value, selected: value === measure }, text)),
          ),
        ),
        conflict.network.nodes.length ? networkChart(conflict.network, measure) : empty('No actor is named in the articles of this period.'),
      ),
      section(
        'Places',
        conflict.linkedPlaces.length
          ? placeMap(conflict.linkedPlaces)
          : empty('No article on this conflict names a place the place linker knows.'),
      ),
      section(
        'Latest articles',
        conflict.articles.edges.length
          ? [articleList(conflict.articles.edges.map((edge) => edge.node)), link('/search', `All ${count(conflict.articles.totalCount, 'article')}`, { conflict: conflict.slug })]
          : empty('No article reports on this conflict yet.'),
      ),
      section(
        'Latest stories',
        conflict.stories.edges.length
          ? h(
              'ul',
              { class: 'stories' },
              conflict.stories.edges.map(({ node: story }) =>
                h('li', {}, link(`/article/${encodeURIComponent(story.representative.externalId)}`, story.title), h('span', { class: 'meta' }, ` ${count(story.articleCount, 'article')} · ${story.firstPublishedOn}${story.lastPublishedOn !== story.firstPublishedOn ? ` to ${story.lastPublishedOn}` : ''}`)),
              ),
            )
          : empty('No stories yet: articles are grouped into stories as they are ingested (npm run relink groups older ones).'),
        conflict.stories.totalCount > conflict.stories.edges.length ? h('p', { class: 'meta' }, `${count(conflict.stories.totalCount, 'story')} in all.`) : null,
      ),
      conflict.relatedConflicts.length
        ? section('Related conflicts', h('ul', {}, conflict.relatedConflicts.map((related) => h('li', {}, link(`/conflict/${encodeURIComponent(related.conflict.slug)}`, related.conflict.name), h('span', { class: 'meta' }, ` ${related.sharedActorCount} parties in common`)))))
        : null,
    ),
  };
};
