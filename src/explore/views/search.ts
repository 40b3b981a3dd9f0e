import { ApiError, execute } from '../api.js';
import { count, empty, h, href, link, number, section } from '../dom.js';
import type { ArticleFilter, ExploreSearchQuery } from '../generated/graphql.js';
import { ExploreSearch, ExploreSuggest } from '../operations.js';
import type { Route, View } from '../route.js';
import { errorBox } from '../errors.js';
import { articleList } from './shared.js';

/** The URL parameters that name conditions; each may repeat, and each value narrows the search. */
const LISTS = ['actor', 'conflict', 'source', 'place'] as const;
/**
 * `stories` is '1' for one article a story (the API's `distinctStories`), '' for every article;
 * `per` the page size ('' for 20; the API refuses one outside 1–100, and the view shows why).
 */
type Terms = Record<(typeof LISTS)[number], string[]> & { q: string; mode: string; from: string; to: string; stories: string; per: string };

const PAGE_SIZE = 20;
const PAGE_SIZES = ['10', '20', '50', '100'];

function termsOf(query: URLSearchParams): Terms {
  const terms = { q: query.get('q') ?? '', mode: query.get('mode') ?? '', from: query.get('from') ?? '', to: query.get('to') ?? '', stories: query.get('stories') === '1' ? '1' : '', per: query.get('per') ?? '' } as Terms;
  for (const name of LISTS) terms[name] = query.getAll(name).filter(Boolean);
  return terms;
}

/** The ArticleFilter of the URL: every condition must hold (a second conflict narrows, as a facet should). */
export function filterOf(terms: Terms): ArticleFilter {
  const and: ArticleFilter[] = [
    ...terms.conflict.map((slug) => ({ conflicts: { any: [slug] } })),
    ...terms.source.map((source) => ({ sources: [source] })),
    ...terms.place.map((key) => ({ places: { any: [key] } })),
  ];
  return {
    ...(terms.q.trim() ? { search: terms.q } : {}),
    ...(terms.mode === 'TEXT' ? { searchMode: 'TEXT' as const } : {}),
    ...(terms.actor.length ? { actors: { all: terms.actor } } : {}),
    ...(terms.from ? { publishedFrom: terms.from } : {}),
    ...(terms.to ? { publishedTo: terms.to } : {}),
    ...(and.length ? { and } : {}),
  };
}

/** The URL of a search: its terms, and the cursor of a page other than the first (`after` forward, `before` backward). */
const searchHref = (terms: Terms, change: Partial<Terms> = {}, page: { after?: string; before?: string } = {}) => {
  const next = { ...terms, ...change };
  return href('/search', { q: next.q, mode: next.mode, from: next.from, to: next.to, stories: next.stories, per: next.per === String(PAGE_SIZE) ? '' : next.per, actor: next.actor, conflict: next.conflict, source: next.source, place: next.place, ...page });
};

function form(terms: Terms, facets: ExploreSearchQuery['articles']['facets'] | null): HTMLFormElement {
  const field = (name: string, text: string, input: HTMLElement) => h('p', { class: 'field' }, h('label', { for: `search-${name}` }, text), input);
  const element = h(
    'form',
    { class: 'search-form', role: 'search' },
    field('q', 'Words', h('input', { id: 'search-q', name: 'q', type: 'search', value: terms.q, placeholder: 'taliban, "staakt-het-vuren", -Trump' })),
    field('mode', 'Reading', h('select', { id: 'search-mode', name: 'mode' }, h('option', { value: '', selected: terms.mode !== 'TEXT' }, 'names find linked articles'), h('option', { value: 'TEXT', selected: terms.mode === 'TEXT' }, 'plain words only'))),
    field('actor', 'Add an actor (type a name)', h('input', { id: 'search-actor', name: 'actor', list: 'actor-options', placeholder: 'vladimir-putin' })),
    field('conflict', 'Add a conflict (type a name)', h('input', { id: 'search-conflict', name: 'conflict', list: 'conflict-options', placeholder: 'russo-ukrainian-war' })),
    field('source', 'Add a source', h('input', { id: 'search-source', name: 'source', list: 'source-options', placeholder: 'Belga' })),
    field('from', 'Published from', h('input', { id: 'search-from', name: 'from', type: 'date', value: terms.from })),
    field('to', 'to', h('input', { id: 'search-to', name: 'to', type: 'date', value: terms.to })),
    field('per', 'Per page', h('select', { id: 'search-per', name: 'per' }, [...new Set([...PAGE_SIZES, terms.per || String(PAGE_SIZE)])].map((size) => h('option', { value: size, selected: size === (terms.per || String(PAGE_SIZE)) }, size)))),
    h('p', { class: 'field check' }, h('label', {}, h('input', { id: 'search-stories', name: 'stories', type: 'checkbox', value: '1', checked: terms.stories === '1' }), ' one article per story')),
    h('p', {}, h('button', { type: 'submit' }, 'Search')),
    // Suggestions from the facets of the current results: refining needs no request of its own.
    h('datalist', { id: 'actor-options' }, (facets?.actors ?? []).map((facet) => h('option', { value: facet.actor.slug }, facet.actor.name))),
    h('datalist', { id: 'conflict-options' }, (facets?.conflicts ?? []).map((facet) => h('option', { value: facet.conflict.slug }, facet.conflict.name))),
    h('datalist', { id: 'source-options' }, (facets?.sources ?? []).map((facet) => h('option', { value: facet.source }))),
  );
  const stopSuggesting = suggestions(element);
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    stopSuggesting();
    const data = new FormData(element);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const add = (name: (typeof LISTS)[number]) => (value(name) ? [...terms[name], value(name)] : terms[name]);
    location.hash = searchHref(terms, { q: value('q'), mode: value('mode'), from: value('from'), to: value('to'), stories: value('stories'), per: value('per'), actor: add('actor'), conflict: add('conflict'), source: add('source') });
  });
  return element;
}

/**
 * Autocomplete for the actor and conflict fields: after a pause in typing, one ExploreSuggest
 * request fills the field's list with the names that start with what was typed (the slug is the
 * value the form sends). The lists start with the facets of the results.
 */
function suggestions(form: HTMLFormElement): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | null = null;
  const fill = (list: string, options: { value: string; label: string }[]) => {
    const datalist = form.querySelector(`#${list}`);
    if (options.length) datalist?.replaceChildren(...options.map((option) => h('option', { value: option.value }, option.label)));
  };
  form.addEventListener('input', (event) => {
    const input = event.target as HTMLInputElement;
    if (input.name !== 'actor' && input.name !== 'conflict') return;
    const prefix = input.value.trim();
    clearTimeout(timer);
    if (prefix.length < 2 || prefix.length > 100) return;
    timer = setTimeout(() => {
      inFlight?.abort();
      inFlight = new AbortController();
      execute(ExploreSuggest, { prefix }, inFlight.signal).then(
        (found) => {
          if (input.name === 'actor') fill('actor-options', found.actorSuggest.map((s) => ({ value: s.actor.slug, label: `${s.actor.name} (${s.matchedName})` })));
          else fill('conflict-options', found.conflictSuggest.map((s) => ({ value: s.conflict.slug, label: `${s.conflict.name} (${s.matchedName})` })));
          form.dataset.suggested = prefix;
        },
        // A suggestion that fails or is overtaken changes nothing: typing the slug still works.
        () => {},
      );
    }, 200);
  });
  return () => {
    clearTimeout(timer);
    inFlight?.abort();
  };
}

function chips(terms: Terms): HTMLElement | null {
  const active = LISTS.flatMap((name) => terms[name].map((value) => ({ name, value })));
  if (!active.length) return null;
  return h(
    'p',
    { class: 'chips' },
    'Only articles with: ',
    active.map(({ name, value }) =>
      h('a', { class: 'chip', href: searchHref(terms, { [name]: terms[name].filter((other) => other !== value) }), 'aria-label': `Remove ${name} ${value}` }, `${name}: ${value} ✕`),
    ),
  );
}

function facetList<T>(title: string, items: readonly T[], text: (item: T) => string, count: (item: T) => number, next: (item: T) => string): HTMLElement | null {
  if (!items.length) return null;
  return section(title, h('ul', { class: 'facet' }, items.map((item) => h('li', {}, h('a', { href: next(item) }, text(item)), h('span', { class: 'meta' }, ` ${number(count(item))}`)))));
}

export const searchView: View = async (route: Route, signal) => {
  const terms = termsOf(route.query);
  const after = route.query.get('after') || null;
  // `before` pages backward: the 20 articles before that cursor, in the same order.
  const before = after ? null : route.query.get('before') || null;
  const distinct = terms.stories === '1';
  const size = terms.per ? Math.trunc(Number(terms.per)) || PAGE_SIZE : PAGE_SIZE;
  let articles: ExploreSearchQuery['articles'];
  try {
    ({ articles } = await execute(
      ExploreSearch,
      {
        filter: filterOf(terms),
        ...(before ? { last: size, before } : { first: size, after }),
        distinctStories: distinct,
        unit: distinct ? 'STORY' : 'ARTICLE',
      },
      signal,
    ));
  } catch (error) {
    if (!(error instanceof ApiError) || !error.expected) throw error;
    // A filter the API refuses: the form stays, to mend it.
    return { title: 'Search', body: h('div', { class: 'view search' }, h('h1', {}, 'Search'), form(terms, null), chips(terms), errorBox(error)) };
  }
  const { facets, pageInfo } = articles;
  const noun = distinct ? 'story' : 'article';
  const more = (name: (typeof LISTS)[number], value: string) => (terms[name].includes(value) ? terms[name] : [...terms[name], value]);
  return {
    title: terms.q ? `Search: ${terms.q}` : 'Search',
    body: h(
      'div',
      { class: 'view search' },
      h('h1', {}, 'Search'),
      form(terms, facets),
      chips(terms),
      h(
        'div',
        { class: 'columns' },
        h(
          'div',
          { class: 'main' },
          h('p', { class: 'count', role: 'status' }, count(articles.totalCount, noun), distinct ? h('span', { class: 'meta' }, ' (one article each)') : null),
          articles.edges.length
            ? articleList(articles.edges.map((edge) => edge.node))
            : empty(after || before ? 'No more articles. ' : 'No article meets all these conditions; remove one above, or ', link('/search', 'start again'), '.'),
          h(
            'nav',
            { class: 'pager', 'aria-label': 'Pages' },
            after || before ? h('a', { href: searchHref(terms) }, '⇤ First page') : null,
            pageInfo.hasPreviousPage && pageInfo.startCursor ? h('a', { href: searchHref(terms, {}, { before: pageInfo.startCursor }), rel: 'prev' }, '← Previous page') : null,
            pageInfo.hasNextPage && pageInfo.endCursor ? h('a', { href: searchHref(terms, {}, { after: pageInfo.endCursor }), rel: 'next' }, 'Next page →') : null,
          ),
        ),
        h(
          'aside',
          { class: 'facets' },
          facetList('Conflicts', facets.conflicts, (f) => f.conflict.name, (f) => f.articleCount, (f) => searchHref(terms, { conflict: more('conflict', f.conflict.slug) })),
          facetList('Actors', facets.actors, (f) => f.actor.name, (f) => f.articleCount, (f) => searchHref(terms, { actor: more('actor', f.actor.slug) })),
          facetList('Sources', facets.sources, (f) => f.source, (f) => f.articleCount, (f) => searchHref(terms, { source: more('source', f.source) })),
          facetList('Months', [...facets.months].sort((a, b) => a.month.localeCompare(b.month)), (f) => f.month, (f) => f.articleCount, (f) => searchHref(terms, { from: f.from, to: f.to })),
        ),
      ),
    ),
  };
};
