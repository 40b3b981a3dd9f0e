import './style.css';
import { errorBox } from './errors.js';
import { h, link } from './dom.js';
import { routeOf, type View } from './route.js';
import { actorView } from './views/actor.js';
import { articleView } from './views/article.js';
import { conflictView } from './views/conflict.js';
import { landingView } from './views/landing.js';
import { placeView } from './views/place.js';
import { searchView } from './views/search.js';

const VIEWS: Record<string, View> = {
  '': landingView,
  conflict: conflictView,
  actor: actorView,
  article: articleView,
  place: placeView,
  search: searchView,
};

const app = document.getElementById('app')!;
const main = h('main', { id: 'content', tabindex: -1 });
app.append(
  h('a', { class: 'skip', href: '#content', onclick: (event: Event) => (event.preventDefault(), main.focus()) }, 'Skip to content'),
  h('header', { class: 'top' }, h('nav', { 'aria-label': 'Explorer' }, link('/', 'Conflicts'), link('/search', 'Search'), h('a', { href: '/graphql' }, 'API'))),
  main,
);

let inFlight: AbortController | null = null;

/** Shows the view of the URL: a loading state, then its content or the error. */
async function show(): Promise<void> {
  if (location.hash === '#content') return;
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  const route = routeOf(location.hash);
  const view = VIEWS[route.parts[0] ?? ''];
  main.setAttribute('aria-busy', 'true');
  const loading = setTimeout(() => main.replaceChildren(h('p', { class: 'loading' }, 'Loading…')), 150);
  try {
    const rendered = view ? await view(route, controller.signal) : { title: 'Not found', body: h('p', { class: 'empty' }, 'No such page. ', link('/', 'See the conflicts.')) };
    if (controller.signal.aborted) return;
    document.title = `${rendered.title} · Conflict news explorer`;
    main.replaceChildren(rendered.body);
    // What `npm run bench:explore` reads: from the start of the page load (or the click) to the view drawn.
    performance.mark('explore:ready', { detail: location.hash });
  } catch (error) {
    if (controller.signal.aborted) return;
    document.title = 'Error · Conflict news explorer';
    main.replaceChildren(errorBox(error));
  } finally {
    clearTimeout(loading);
    if (!controller.signal.aborted) {
      main.removeAttribute('aria-busy');
      document.body.dataset.ready = 'true';
    }
  }
}

window.addEventListener('hashchange', () => {
  document.body.dataset.ready = 'false';
  void show().then(() => main.focus({ preventScroll: false }));
});
void show();
