import { execute } from '../api.js';
import { placeMap } from '../charts/map.js';
import { timelineChart } from '../charts/timeline.js';
import { count, empty, h, label, link, number, section } from '../dom.js';
import { ExplorePlace } from '../operations.js';
import type { View } from '../route.js';
import { articleList } from './shared.js';

/** `50.45° N, 30.52° E`. */
const coordinates = (latitude: number, longitude: number) =>
  `${Math.abs(latitude).toFixed(2)}° ${latitude < 0 ? 'S' : 'N'}, ${Math.abs(longitude).toFixed(2)}° ${longitude < 0 ? 'W' : 'E'}`;

export const placeView: View = async (route, signal) => {
  const key = route.parts[1] ?? '';
  const { place } = await execute(ExplorePlace, { key }, signal);
  if (!place) return { title: 'No such place', body: empty(`No article names a place with the key “${key}”. `, link('/search', 'Search the articles instead.')) };
  const search = { place: place.key };
  return {
    title: place.nameNl ?? place.name,
    body: h(
      'article',
      { class: 'view place' },
      h(
        'header',
        {},
        h('h1', {}, place.name),
        h(
          'p',
          { class: 'meta' },
          [place.nameNl && place.nameNl !== place.name ? `Dutch: ${place.nameNl}` : null, label(place.kind), place.country ? `country ${place.country}` : 'across borders', coordinates(place.latitude, place.longitude), place.population ? `${number(place.population)} inhabitants` : null, count(place.articles.totalCount, 'article')]
            .filter(Boolean)
            .join(' · '),
          ' · ',
          link('/search', 'search its articles', search),
        ),
      ),
      section(
        'Coverage',
        place.timeline.length
          ? timelineChart(place.timeline, place.storyTimeline, (bucket) => `#/search?place=${encodeURIComponent(place.key)}&from=${bucket.from}&to=${bucket.to}`)
          : empty('No article names this place yet.'),
      ),
      section('On the map', placeMap([{ articleCount: place.articles.totalCount, place }])),
      section(
        'Conflicts reported here',
        place.conflicts.length
          ? h('ul', {}, place.conflicts.map((entry) => h('li', {}, link(`/conflict/${encodeURIComponent(entry.conflict.slug)}`, entry.conflict.name), h('span', { class: 'meta' }, ` ${count(entry.articleCount, 'article')}`))))
          : empty('The articles naming this place report on no conflict of the knowledge base.'),
      ),
      section(
        'Latest articles',
        place.articles.edges.length
          ? [articleList(place.articles.edges.map((edge) => edge.node)), link('/search', `All ${count(place.articles.totalCount, 'article')}`, search)]
          : empty('No article names this place yet.'),
      ),
    ),
  };
};
