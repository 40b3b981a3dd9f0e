import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { h, href, number, s } from '../dom.js';

export interface MapPlace {
  articleCount: number;
  place: { key: string; name: string; nameNl: string | null; kind: string; latitude: number; longitude: number };
}

const WIDTH = 900;
const HEIGHT = 460;
const topology = world as unknown as Topology<{ countries: GeometryCollection }>;
let countries: ReturnType<typeof feature> | null = null;

/**
 * The places on an offline world map (Natural Earth 1:110m countries from world-atlas), zoomed to
 * the places with a margin around them; a circle per place, its area after its articles, a link
 * to the place's view.
 */
export function placeMap(all: readonly MapPlace[]): Element {
  countries ??= feature(topology, topology.objects.countries);
  // The gazetteer gives some regions no point yet (0, 0): listed below the map instead of drawn off Africa.
  const places = all.filter((entry) => entry.place.latitude !== 0 || entry.place.longitude !== 0);
  const unplaced = all.filter((entry) => !places.includes(entry));
  if (!places.length) return unplacedList(unplaced) ?? h('p', {});
  const longitudes = places.map((place) => place.place.longitude);
  const latitudes = places.map((place) => place.place.latitude);
  const span = (values: number[], min: number) => {
    const low = Math.min(...values);
    const high = Math.max(...values);
    const pad = Math.max(min - (high - low), 0) / 2 + Math.max(4, (high - low) * 0.08);
    return [low - pad, high + pad] as const;
  };
  const [west, east] = span(longitudes, 24);
  const [south, north] = span(latitudes, 14);
  const corners = {
    type: 'MultiPoint' as const,
    coordinates: [
      [Math.max(-180, west), Math.max(-85, south)],
      [Math.min(180, east), Math.min(85, north)],
      [Math.max(-180, west), Math.min(85, north)],
      [Math.min(180, east), Math.max(-85, south)],
    ],
  };
  const projection = geoNaturalEarth1().fitExtent([[10, 10], [WIDTH - 10, HEIGHT - 10]], corners);
  const path = geoPath(projection);
  const max = Math.max(1, ...places.map((place) => place.articleCount));
  const dots = places.map((entry) => {
    const point = projection([entry.place.longitude, entry.place.latitude]);
    if (!point) return null;
    const name = entry.place.nameNl ?? entry.place.name;
    const title = `${name}: ${number(entry.articleCount)} article${entry.articleCount === 1 ? '' : 's'}`;
    return s(
      'a',
      { href: href(`/place/${encodeURIComponent(entry.place.key)}`), class: 'place', 'data-key': entry.place.key, 'aria-label': title },
      s('title', {}, title),
      s('circle', { cx: point[0].toFixed(1), cy: point[1].toFixed(1), r: (3 + 14 * Math.sqrt(entry.articleCount / max)).toFixed(1) }),
    );
  });
  const labelled = [...places].sort((a, b) => b.articleCount - a.articleCount).slice(0, 8);
  const labels = labelled.map((entry) => {
    const point = projection([entry.place.longitude, entry.place.latitude]);
    if (!point) return null;
    // Near the right edge, the name goes to the left of its circle.
    const left = point[0] > WIDTH * 0.8;
    return s('text', { x: point[0] + (left ? -6 : 6), y: point[1] - 6, 'text-anchor': left ? 'end' : 'start', class: 'place-label' }, entry.place.nameNl ?? entry.place.name);
  });
  return h(
    'figure',
    { class: 'map' },
    s(
      'svg',
      { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'group', 'aria-label': 'Map of the places the articles name' },
      s('rect', { x: 0, y: 0, width: WIDTH, height: HEIGHT, class: 'sea' }),
      s('path', { d: path(countries) ?? '', class: 'land' }),
      dots,
      labels,
    ),
    h('figcaption', {}, 'Circles by number of articles; Natural Earth borders (1:110m), drawn in the browser.'),
    unplacedList(unplaced),
  );
}

function unplacedList(places: readonly MapPlace[]): HTMLElement | null {
  if (!places.length) return null;
  return h(
    'p',
    { class: 'unplaced' },
    'Without coordinates: ',
    places.map((entry, index) => [index ? ', ' : '', h('a', { href: href(`/place/${encodeURIComponent(entry.place.key)}`), 'data-key': entry.place.key }, entry.place.nameNl ?? entry.place.name), ` (${number(entry.articleCount)})`]),
  );
}
