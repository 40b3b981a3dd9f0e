import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from './helpers/chromium.js';
import { lowContrastTexts } from './helpers/contrast.js';
import { postGraphQL, servingAt, spawnServer, type ServerProcess } from './helpers/server.js';

const chromiumThere = hasChromium('the explorer browser test');

const artifacts = new URL('./artifacts/', import.meta.url).pathname;

describe.skipIf(!chromiumThere)('the explorer in headless Chromium', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cng-explore-'));
  const emptyDir = mkdtempSync(join(tmpdir(), 'cng-explore-empty-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'cng-chromium-'));
  let server: ServerProcess;
  let base: string;
  /** A second server, on a corpus without articles, that runs persisted operations only. */
  let emptyServer: ServerProcess;
  let emptyBase: string;
  let browser: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const foreignRequests: string[] = [];
  /** The GraphQL requests since the last view was opened, by operation name. */
  let graphqlRequests: string[] = [];
  /** The variables of the last GraphQL request. */
  let lastVariables: Record<string, unknown> = {};
  /** The bodies of the GraphQL requests to the second server. */
  const persistedBodies: Record<string, unknown>[] = [];

  beforeAll(async () => {
    server = spawnServer({ PGLITE_DIR: dataDir });
    emptyServer = spawnServer({ PGLITE_DIR: emptyDir, SEED_ON_START: 'false', PERSISTED_OPERATIONS: 'only' });
    [base, emptyBase, browser] = await Promise.all([
      servingAt(server),
      servingAt(emptyServer),
      chromium.launchPersistentContext(profileDir, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1280, height: 900 },
      }),
    ]);
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(base) && !url.startsWith(emptyBase) && !/^(blob|data):/.test(url)) foreignRequests.push(url);
      if (url === `${base}/graphql`) {
        const body = request.postDataJSON() as { operationName?: string; variables?: Record<string, unknown> } | null;
        graphqlRequests.push(String(body?.operationName));
        lastVariables = body?.variables ?? {};
      }
      if (url === `${emptyBase}/graphql`) persistedBodies.push(request.postDataJSON() as Record<string, unknown>);
    });
    mkdirSync(artifacts, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGKILL');
    emptyServer?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  });

  /** Opens a view by its URL and waits until it has drawn its content (or its error). */
  async function open(hash: string, screenshot: string): Promise<void> {
    // A fresh load each time, as a shared link opens it.
    await page.goto('about:blank');
    graphqlRequests = [];
    await page.goto(`${base}/explore${hash}`);
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(artifacts, `explore-${screenshot}.png`), fullPage: true });
  }

  /** The stories per month the timeline draws, as { period: count }. */
  const storiesDrawn = () =>
    page.locator('.timeline rect.story').evaluateAll((rects) => Object.fromEntries(rects.map((rect) => [rect.getAttribute('data-story-period'), Number(rect.getAttribute('data-count'))])));
  const storiesOf = (buckets: { period: string; articleCount: number }[]) =>
    Object.fromEntries(buckets.filter((bucket) => bucket.articleCount > 0).map((bucket) => [bucket.period, bucket.articleCount]));

  async function api(query: string, variables: Record<string, unknown> = {}) {
    const answer = await postGraphQL(base, query, variables);
    expect(answer.body.errors, JSON.stringify(answer.body.errors)).toBeUndefined();
    return answer.body.data;
  }

  it('lists the conflicts on the landing page, most covered first', async () => {
    const data = await api('{ articles(first: 1) { totalCount facets { conflicts(first: 1) { conflict { name } } } } }');
    expect(data.articles.totalCount).toBeGreaterThan(0);
    await open('', 'landing');
    expect(graphqlRequests).toEqual(['ExploreConflicts']);
    const first = page.locator('table.conflicts tbody tr').first().locator('a');
    expect(await first.innerText()).toBe(data.articles.facets.conflicts[0].conflict.name);
    const covered = await api('{ conflicts(hasArticles: true, first: 100) { totalCount } }');
    expect(await page.locator('table.conflicts tbody tr').count()).toBe(Math.min(100, covered.conflicts.totalCount));
    expect(await page.locator('.error').count()).toBe(0);
  });

  let actorSlug = '';
  it('shows a conflict: its name, a bar per month with articles and its stories, a node per actor of its network, its places', async () => {
    const data = await api(`{ conflicts(first: 1, orderBy: ARTICLE_COUNT) { edges { node { slug name
      timeline { period from to articleCount }
      storyTimeline: timeline(unit: STORY) { period articleCount }
      network(first: 40) { nodes { actor { slug } } }
      linkedPlaces(first: 60) { place { key } } } } } }`);
    const conflict = data.conflicts.edges[0].node;
    await open(`#/conflict/${conflict.slug}`, 'conflict');
    expect(graphqlRequests).toEqual(['ExploreConflict']);
    expect(await page.locator('h1').innerText()).toBe(conflict.name);

    const months = conflict.timeline.filter((bucket: { articleCount: number }) => bucket.articleCount > 0).map((bucket: { period: string }) => bucket.period);
    expect(months.length).toBeGreaterThan(0);
    expect(await page.locator('.timeline rect[data-period]').evaluateAll((rects) => rects.map((rect) => rect.getAttribute('data-period')))).toEqual(months);
    expect(await storiesDrawn()).toEqual(storiesOf(conflict.storyTimeline));
    expect(Object.keys(storiesOf(conflict.storyTimeline)).length).toBeGreaterThan(0);

    const actors = conflict.network.nodes.map((node: { actor: { slug: string } }) => node.actor.slug);
    expect(actors.length).toBeGreaterThan(1);
    const drawn = await page.locator('.network a.node').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-slug')));
    expect(drawn.sort()).toEqual([...actors].sort());

    const places = conflict.linkedPlaces.map((entry: { place: { key: string } }) => entry.place.key);
    // On the map, or listed below it when the gazetteer has no point for it.
    expect((await page.locator('.map [data-key]').evaluateAll((dots) => dots.map((dot) => dot.getAttribute('data-key')))).sort()).toEqual([...places].sort());
    expect(await page.locator('.map a.place').count()).toBeGreaterThan(0);

    // A month of the timeline narrows the network to the articles of that month.
    const month = conflict.timeline.find((bucket: { articleCount: number }) => bucket.articleCount > 0);
    const windowed = await api('query ($slug: String!, $from: Date, $to: Date) { conflict(slug: $slug) { network(first: 40, from: $from, to: $to) { nodes { actor { slug } } } } }', {
      slug: conflict.slug,
      from: month.from,
      to: month.to,
    });
    graphqlRequests = [];
    await page.evaluate(() => (document.body.dataset.ready = 'false'));
    await page.locator(`.timeline a.bar:has(rect[data-period="${month.period}"])`).click();
    await page.locator('body[data-ready="true"]').waitFor();
    expect(graphqlRequests).toEqual(['ExploreConflict']);
    expect(new URL(page.url()).hash).toBe(`#/conflict/${conflict.slug}?from=${month.from}&to=${month.to}`);
    const inMonth = windowed.conflict.network.nodes.map((node: { actor: { slug: string } }) => node.actor.slug);
    expect((await page.locator('.network a.node').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-slug')))).sort()).toEqual([...inMonth].sort());
    expect(await page.locator('.timeline a.bar.selected').count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'explore-conflict-month.png'), fullPage: true });

    // A node leads to its actor's view.
    actorSlug = actors[0];
    graphqlRequests = [];
    await page.evaluate(() => (document.body.dataset.ready = 'false'));
    await page.locator(`.network a.node[data-slug="${actorSlug}"]`).click();
    await page.locator('body[data-ready="true"]').waitFor();
    expect(page.url()).toBe(`${base}/explore#/actor/${actorSlug}`);
    expect(graphqlRequests).toEqual(['ExploreActor']);
  });

  it('shows an actor: name, conflicts, the places named with it and a bar per month with articles and its stories', async () => {
    const { actor } = await api(
      'query ($slug: String!) { actor(slug: $slug) { name timeline { period articleCount } storyTimeline: timeline(unit: STORY) { period articleCount } conflicts(first: 50) { totalCount } places(first: 15) { place { key } } } }',
      { slug: actorSlug },
    );
    await open(`#/actor/${actorSlug}`, 'actor');
    expect(graphqlRequests).toEqual(['ExploreActor']);
    expect(await page.locator('h1').innerText()).toBe(actor.name);
    const months = actor.timeline.filter((bucket: { articleCount: number }) => bucket.articleCount > 0).length;
    expect(await page.locator('.timeline rect[data-period]').count()).toBe(months);
    expect(await storiesDrawn()).toEqual(storiesOf(actor.storyTimeline));
    expect(actor.places.length).toBeGreaterThan(0);
    expect(await page.locator('ul.places a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual(
      actor.places.map((entry: { place: { key: string } }) => `#/place/${encodeURIComponent(entry.place.key)}`),
    );
  });

  it('opens a place from the conflict map: its name, a bar per month with articles and its conflicts', async () => {
    const data = await api('{ conflicts(first: 1, orderBy: ARTICLE_COUNT) { edges { node { slug linkedPlaces(first: 1) { place { key } } } } } }');
    const conflict = data.conflicts.edges[0].node;
    const { key } = conflict.linkedPlaces[0].place;
    const { place } = await api(
      `query ($key: String!) { place(key: $key) { name timeline { period articleCount } storyTimeline: timeline(unit: STORY) { period articleCount }
        conflicts(first: 20) { conflict { slug } } } }`,
      { key },
    );
    await open(`#/conflict/${conflict.slug}`, 'conflict-for-place');
    graphqlRequests = [];
    await page.evaluate(() => (document.body.dataset.ready = 'false'));
    // By keyboard: circles of nearby places overlap, and a keyboard user reaches each of them.
    await page.locator(`.map a[data-key="${key}"]`).first().press('Enter');
    await page.locator('body[data-ready="true"]').waitFor();
    expect(new URL(page.url()).hash).toBe(`#/place/${encodeURIComponent(key)}`);
    expect(graphqlRequests).toEqual(['ExplorePlace']);
    expect(await page.locator('h1').innerText()).toBe(place.name);
    const months = place.timeline.filter((bucket: { articleCount: number }) => bucket.articleCount > 0).map((bucket: { period: string }) => bucket.period);
    expect(months.length).toBeGreaterThan(0);
    expect(await page.locator('.timeline rect[data-period]').evaluateAll((rects) => rects.map((rect) => rect.getAttribute('data-period')))).toEqual(months);
    expect(await storiesDrawn()).toEqual(storiesOf(place.storyTimeline));
    expect(await page.locator('.map a.place').count()).toBe(1);
    const conflicts = await page.locator('section', { hasText: 'Conflicts reported here' }).locator('li a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(conflicts).toEqual(place.conflicts.map((entry: { conflict: { slug: string } }) => `#/conflict/${entry.conflict.slug}`));
    expect(conflicts).toContain(`#/conflict/${conflict.slug}`);
    await page.screenshot({ path: join(artifacts, 'explore-place.png'), fullPage: true });
  });

  it('shows an article with its mentions highlighted; a mention tells how it was linked and leads to its actor or place', async () => {
    const data = await api(`{ articles(first: 20) { edges { node { externalId title body
      actors { actor { slug name } mentions { start end method sentence } } places { place { key } } } } } }`);
    const article = data.articles.edges.map((edge: any) => edge.node).find((node: any) => node.actors.length > 0 && node.places.length > 0);
    expect(article).toBeDefined();
    await open(`#/article/${encodeURIComponent(article.externalId)}`, 'article');
    expect(graphqlRequests).toEqual(['ExploreArticle']);
    expect(await page.locator('h1').innerText()).toBe(article.title);

    const link = article.actors[0];
    const mention = link.mentions[0];
    const highlighted = page.locator(`.body a.mention[href="#/actor/${link.actor.slug}"]`).first();
    expect(await highlighted.innerText()).toBe(article.body.slice(mention.start, mention.end));
    // Provenance on focus, as a keyboard user reaches it.
    await highlighted.focus();
    const provenance = await page.locator('.provenance').innerText();
    expect(provenance).toContain(link.actor.name);
    expect(provenance).toContain(mention.method.toLowerCase());
    expect(provenance).toContain(mention.sentence);
    await page.screenshot({ path: join(artifacts, 'explore-article-provenance.png') });
    const placeLinks = await page.locator('.body a.mention.kind-PLACE').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    // Each highlighted place leads to its place's view.
    expect(placeLinks.length).toBeGreaterThan(0);
    const placeViews = article.places.map((entry: { place: { key: string } }) => `#/place/${encodeURIComponent(entry.place.key)}`);
    for (const href of placeLinks) expect(placeViews).toContain(href);

    graphqlRequests = [];
    await page.evaluate(() => (document.body.dataset.ready = 'false'));
    await highlighted.press('Enter');
    await page.locator('body[data-ready="true"]').waitFor();
    expect(page.url()).toBe(`${base}/explore#/actor/${link.actor.slug}`);
    expect(await page.locator('h1').innerText()).toBe(link.actor.name);
    expect(graphqlRequests).toEqual(['ExploreActor']);
  });

  it('searches, and a facet narrows the results to its count', async () => {
    const data = await api('{ articles(first: 1) { totalCount facets { conflicts(first: 1) { articleCount conflict { slug } } } } }');
    const facet = data.articles.facets.conflicts[0];
    await open('#/search', 'search');
    expect(graphqlRequests).toEqual(['ExploreSearch']);
    const count = () => page.locator('.count').innerText().then((text) => Number(text.replace(/\D/g, '')));
    expect(await count()).toBe(data.articles.totalCount);
    expect(await page.locator('ol.articles > li').count()).toBe(Math.min(20, data.articles.totalCount));

    graphqlRequests = [];
    await page.evaluate(() => (document.body.dataset.ready = 'false'));
    await page.locator('aside.facets section', { hasText: 'Conflicts' }).locator('a').first().click();
    await page.locator('body[data-ready="true"]').waitFor();
    expect(graphqlRequests).toEqual(['ExploreSearch']);
    expect(new URL(page.url()).hash).toContain(`conflict=${facet.conflict.slug}`);
    expect(await count()).toBe(facet.articleCount);
    expect(facet.articleCount).toBeLessThan(data.articles.totalCount);
    expect(await page.locator('.chips .chip').count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'explore-search-facet.png'), fullPage: true });
  });

  it('pages forward and back by cursor, and lists one article per story when asked, keeping both in the URL', async () => {
    const { all, distinct } = await api(`{ all: articles(first: 100) { totalCount edges { node { title } } }
      distinct: articles(first: 1, distinctStories: true) { totalCount } }`);
    const titles: string[] = all.edges.map((edge: { node: { title: string } }) => edge.node.title);
    expect(titles.length).toBeGreaterThanOrEqual(5);
    const shown = () => page.locator('ol.articles > li a.title').allInnerTexts();
    const follow = async (rel: 'next' | 'prev') => {
      graphqlRequests = [];
      await page.evaluate(() => (document.body.dataset.ready = 'false'));
      await page.locator(`.pager a[rel="${rel}"]`).click();
      await page.locator('body[data-ready="true"]').waitFor();
      expect(graphqlRequests).toEqual(['ExploreSearch']);
    };
    // Two a page, so that the five seed articles make three pages.
    await open('#/search?per=2', 'search-pages');
    expect(await shown()).toEqual(titles.slice(0, 2));
    expect(await page.locator('.pager a[rel="prev"]').count()).toBe(0);
    await follow('next');
    await follow('next');
    expect(await shown()).toEqual(titles.slice(4, 6));
    await follow('prev');
    expect(new URL(page.url()).hash).toMatch(/^#\/search\?per=2&before=/);
    expect(lastVariables).toMatchObject({ last: 2, before: expect.any(String) });
    expect(await shown()).toEqual(titles.slice(2, 4));
    await follow('prev');
    expect(await shown()).toEqual(titles.slice(0, 2));
    // Reached backward, the first page knows it is the first.
    expect(await page.locator('.pager a[rel="prev"]').count()).toBe(0);
    expect(await page.locator('.pager a[rel="next"]').count()).toBe(1);

    graphqlRequests = [];
    await page.evaluate(() => (document.body.dataset.ready = 'false'));
    await page.locator('#search-stories').check();
    await page.locator('.search-form button[type="submit"]').click();
    await page.locator('body[data-ready="true"]').waitFor();
    expect(graphqlRequests).toEqual(['ExploreSearch']);
    expect(new URL(page.url()).hash).toBe('#/search?stories=1&per=2');
    expect(lastVariables).toMatchObject({ distinctStories: true, unit: 'STORY', first: 2 });
    expect(await page.locator('.count').innerText()).toContain(`${distinct.totalCount} stor`);
    expect(await page.locator('#search-stories').isChecked()).toBe(true);
    expect(await page.locator('.pager a[rel="next"]').getAttribute('href')).toMatch(/^#\/search\?stories=1&per=2&after=/);
  });

  it('suggests actors by name as one types, and searches for the one chosen', async () => {
    const { actorSuggest, articles } = await api(`{ actorSuggest(prefix: "tali", first: 8) { actor { slug } }
      articles(first: 1, filter: { actors: { all: ["taliban"] } }) { totalCount } }`);
    expect(actorSuggest.map((s: { actor: { slug: string } }) => s.actor.slug)).toContain('taliban');
    await open('#/search', 'search-suggest');
    graphqlRequests = [];
    await page.locator('#search-actor').fill('tali');
    await page.locator('form[data-suggested="tali"]').waitFor();
    expect(graphqlRequests).toEqual(['ExploreSuggest']);
    const offered = await page.locator('#actor-options option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(offered).toEqual(actorSuggest.map((s: { actor: { slug: string } }) => s.actor.slug));

    graphqlRequests = [];
    await page.evaluate(() => (document.body.dataset.ready = 'false'));
    await page.locator('#search-actor').fill('taliban');
    await page.locator('#search-actor').press('Enter');
    await page.locator('body[data-ready="true"]').waitFor();
    expect(new URL(page.url()).hash).toContain('actor=taliban');
    expect(graphqlRequests).toEqual(['ExploreSearch']);
    expect(Number((await page.locator('.count').innerText()).replace(/\D/g, ''))).toBe(articles.totalCount);
  });

  it('shows a refused search with its reason and keeps the form', async () => {
    await open(`#/search?q=${encodeURIComponent('"niet gesloten')}`, 'search-error');
    expect(graphqlRequests).toEqual(['ExploreSearch']);
    expect(await page.locator('.error').innerText()).toContain('BAD_USER_INPUT');
    expect(await page.locator('#search-q').inputValue()).toBe('"niet gesloten');
  });

  it('says how to ingest when the corpus has no articles yet, asking by hash of a server that runs persisted operations only', async () => {
    await page.goto('about:blank');
    graphqlRequests = [];
    await page.goto(`${emptyBase}/explore`);
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(artifacts, 'explore-empty.png'), fullPage: true });
    expect(await page.locator('.empty').innerText()).toContain('npm run ingest');
    expect(persistedBodies).toHaveLength(1);
    expect(persistedBodies[0]).toMatchObject({ operationName: 'ExploreConflicts', extensions: { persistedQuery: { version: 1, sha256Hash: expect.stringMatching(/^[0-9a-f]{64}$/) } } });
    expect(persistedBodies[0]).not.toHaveProperty('query');
    expect(await page.locator('table.conflicts').count()).toBe(0);
    expect(await page.locator('.error').count()).toBe(0);
  });

  it('draws every text of every view with at least the contrast WCAG AA asks for', async () => {
    const data = await api(`{ conflicts(first: 1, orderBy: ARTICLE_COUNT) { edges { node { slug linkedPlaces(first: 1) { place { key } } } } }
      actors(first: 1, orderBy: ARTICLE_COUNT) { edges { node { slug } } }
      articles(first: 1) { edges { node { externalId } } } }`);
    const views = {
      landing: '',
      conflict: `#/conflict/${data.conflicts.edges[0].node.slug}`,
      actor: `#/actor/${data.actors.edges[0].node.slug}`,
      article: `#/article/${encodeURIComponent(data.articles.edges[0].node.externalId)}`,
      place: `#/place/${encodeURIComponent(data.conflicts.edges[0].node.linkedPlaces[0].place.key)}`,
      search: '#/search',
      error: `#/search?q=${encodeURIComponent('"niet gesloten')}`,
    };
    const failures: Record<string, unknown> = {};
    for (const [name, hash] of Object.entries(views)) {
      await open(hash, `contrast-${name}`);
      const low = await lowContrastTexts(page);
      if (low.length > 0) failures[name] = low;
    }
    expect(failures).toEqual({});
  });

  it('loads everything from the server itself, without errors in the page', () => {
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
