import { describe, expect, it } from 'vitest';
import { FROM, LATER_ARTICLES, PUTIN, RUW, US } from './helpers/aggregates.js';
import { backends } from './helpers/db.js';
import { useArticles } from './helpers/fixtures.js';

const log2 = (x: number) => Math.log2(x);

describe.each(backends)('conflict network on %s', (backend) => {
  const articles = useArticles(backend, LATER_ARTICLES);

  const network = (args: string) => `network(${args}) {
    nodes { articleCount actor { slug } }
    edges { source { slug } target { slug } weight jaccard pmi } }`;
  const edges = (list: any[]) => list.map((e) => [e.source.slug, e.target.slug, e.weight]);

  it('links the actors named together in the conflict’s articles, with weight, Jaccard and PMI', async () => {
    // From 2030: N = 6 articles; Russia in 5, Ukraine 5, the United States 3, Putin 3.
    const data = await articles.client.query(`{ conflict(slug: "${RUW}") { ${network(`from: "${FROM}"`)} } }`);
    const { nodes, edges: links } = data.conflict.network;
    expect(nodes.map((n: any) => [n.actor.slug, n.articleCount])).toEqual([
      ['russia', 5],
      ['ukraine', 5],
      [US, 3],
      [PUTIN, 3],
    ]);
    expect(edges(links)).toEqual([
      ['russia', 'ukraine', 4],
      ['russia', PUTIN, 3],
      ['ukraine', US, 3],
      ['russia', US, 2],
      ['ukraine', PUTIN, 2],
      [US, PUTIN, 1],
    ]);
    const expected = [
      [4 / 6, log2((4 * 6) / 25)],
      [3 / 5, log2((3 * 6) / 15)],
      [3 / 5, log2((3 * 6) / 15)],
      [2 / 6, log2((2 * 6) / 15)],
      [2 / 6, log2((2 * 6) / 15)],
      [1 / 5, log2(6 / 9)],
    ];
    links.forEach((e: any, i: number) => {
      expect(e.jaccard).toBeCloseTo(expected[i]![0]!, 12);
      expect(e.pmi).toBeCloseTo(expected[i]![1]!, 12);
    });
  });

  it('keeps nodes and edges of at least minArticles, the first N nodes, and the period', async () => {
    const data = await articles.client.query(`{ conflict(slug: "${RUW}") {
      strong: ${network(`from: "${FROM}", minArticles: 3`)}
      top: ${network(`from: "${FROM}", first: 2`)}
      y2030: ${network(`from: "${FROM}", to: "2030-12-31"`)}
      none: ${network(`from: "2040-01-01"`)} } }`);
    const { strong, top, y2030, none } = data.conflict;
    expect(strong.nodes.map((n: any) => n.actor.slug)).toEqual(['russia', 'ukraine', US, PUTIN]);
    expect(edges(strong.edges)).toEqual([
      ['russia', 'ukraine', 4],
      ['russia', PUTIN, 3],
      ['ukraine', US, 3],
    ]);
    expect(top.nodes.map((n: any) => n.actor.slug)).toEqual(['russia', 'ukraine']);
    expect(edges(top.edges)).toEqual([['russia', 'ukraine', 4]]);
    expect(y2030.nodes.map((n: any) => [n.actor.slug, n.articleCount])).toEqual([
      ['ukraine', 4],
      ['russia', 3],
      [US, 2],
      [PUTIN, 1],
    ]);
    expect(edges(y2030.edges)).toEqual([
      ['russia', 'ukraine', 3],
      ['ukraine', US, 2],
      ['russia', US, 1],
      ['russia', PUTIN, 1],
      ['ukraine', PUTIN, 1],
    ]);
    expect(none).toEqual({ nodes: [], edges: [] });
  });

  it('costs two statements for every conflict as for one, one when only nodes are asked for', async () => {
    const one = await articles.statements(`{ conflict(slug: "${RUW}") { ${network(`from: "${FROM}"`)} } }`);
    const all = await articles.statements(`{ conflicts(first: 100) { edges { node { ${network(`from: "${FROM}"`)} } } } }`);
    const nodes = await articles.statements(`{ conflicts(first: 100) { edges { node { network { nodes { articleCount } } } } } }`);
    expect(one.count, one.log).toBe(3);
    expect(all.count, all.log).toBe(3);
    expect(nodes.count, nodes.log).toBe(2);
  });

  it('refuses bad arguments', async () => {
    for (const args of ['minArticles: 0', 'first: 0', 'first: 101', 'from: "2031-01-01", to: "2030-01-01"']) {
      const error = await articles.client.fail(`{ conflict(slug: "${RUW}") { network(${args}) { nodes { articleCount } } } }`);
      expect(error.code, args).toBe('BAD_USER_INPUT');
    }
  });
});
