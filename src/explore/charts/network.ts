import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import { count, h, href, number, s } from '../dom.js';

export type Measure = 'weight' | 'jaccard' | 'pmi';

export interface NetworkData {
  nodes: readonly { articleCount: number; actor: { id: string; slug: string; name: string; kind: string } }[];
  edges: readonly { weight: number; jaccard: number; pmi: number; source: { id: string }; target: { id: string } }[];
}

interface Point extends SimulationNodeDatum {
  id: string;
  slug: string;
  name: string;
  kind: string;
  articleCount: number;
  r: number;
}

const WIDTH = 900;
const HEIGHT = 520;

/**
 * The co-mention network laid out by d3-force (run to rest before drawing, so the picture is still
 * and drawn once): a node per actor, its area after its articles, a link to its actor view; edges
 * as thick as `measure` says, the strongest three per node (PMI below 0, named together less than
 * chance, is not drawn).
 */
export function networkChart(network: NetworkData, measure: Measure): Element {
  const maxCount = Math.max(1, ...network.nodes.map((node) => node.articleCount));
  const points: Point[] = network.nodes.map((node) => ({
    id: node.actor.id,
    slug: node.actor.slug,
    name: node.actor.name,
    kind: node.actor.kind,
    articleCount: node.articleCount,
    r: 5 + 22 * Math.sqrt(node.articleCount / maxCount),
  }));
  const strength = (edge: NetworkData['edges'][number]) => Math.max(0, edge[measure]);
  const maxStrength = Math.max(1e-9, ...network.edges.map(strength));
  // The strongest edges only (three per node), so a large network stays readable.
  const links: (SimulationLinkDatum<Point> & { value: number })[] = network.edges
    .filter((edge) => strength(edge) > 0)
    .sort((a, b) => strength(b) - strength(a))
    .slice(0, 3 * points.length)
    .map((edge) => ({ source: edge.source.id, target: edge.target.id, value: strength(edge) / maxStrength }));
  const simulation = forceSimulation(points)
    .force('link', forceLink<Point, (typeof links)[number]>(links).id((point) => point.id).distance(90).strength((link) => 0.05 + 0.4 * link.value))
    .force('charge', forceManyBody().strength(-300))
    // Room for the name under each circle.
    .force('collide', forceCollide<Point>((point) => point.r + 12))
    // A weak pull to the middle keeps actors with few edges from drifting to the edges of the picture.
    .force('x', forceX(WIDTH / 2).strength(0.07))
    .force('y', forceY(HEIGHT / 2).strength(0.12))
    .stop();
  simulation.tick(300);
  // Stretched to fill the picture (the layout settles in a tight ball around the centre).
  const pad = 70;
  const xs = points.map((point) => point.x ?? 0);
  const ys = points.map((point) => point.y ?? 0);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scaleX = Math.min(3, (WIDTH - 2 * pad) / Math.max(1, x1 - x0));
  const scaleY = Math.min(3, (HEIGHT - 2 * pad) / Math.max(1, y1 - y0));
  for (const point of points) {
    point.x = WIDTH / 2 + ((point.x ?? 0) - (x0 + x1) / 2) * scaleX;
    point.y = HEIGHT / 2 + ((point.y ?? 0) - (y0 + y1) / 2) * scaleY;
  }
  const edges = links.map((link) => {
    const source = link.source as Point;
    const target = link.target as Point;
    return s('line', { x1: source.x!, y1: source.y!, x2: target.x!, y2: target.y!, 'stroke-width': (0.5 + 5 * link.value).toFixed(2), class: 'edge' });
  });
  const nodes = points.map((point) =>
    s(
      'a',
      { href: href(`/actor/${encodeURIComponent(point.slug)}`), class: `node kind-${point.kind}`, 'data-slug': point.slug, 'aria-label': `${point.name}: ${count(point.articleCount, 'article')}` },
      s('title', {}, `${point.name}: ${count(point.articleCount, 'article')}`),
      s('circle', { cx: point.x!, cy: point.y!, r: point.r.toFixed(1) }),
      s('text', { x: point.x!, y: point.y! + point.r + 11, 'text-anchor': 'middle' }, point.name.length > 24 ? `${point.name.slice(0, 22)}…` : point.name),
    ),
  );
  return h(
    'figure',
    { class: 'network' },
    s('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'group', 'aria-label': 'Co-mention network of the actors' }, s('g', {}, edges), s('g', {}, nodes)),
  );
}
