import { execute } from '../api.js';
import { timelineChart } from '../charts/timeline.js';
import { count, empty, h, label, link, number, section } from '../dom.js';
import { ExploreActor } from '../operations.js';
import type { View } from '../route.js';
import { articleList } from './shared.js';

export const actorView: View = async (route, signal) => {
  const slug = route.parts[1] ?? '';
  const { actor } = await execute(ExploreActor, { slug }, signal);
  if (!actor) return { title: 'No such actor', body: empty(`No actor has the slug “${slug}”. `, link('/search', 'Search the articles instead.')) };
  return {
    title: actor.name,
    body: h(
      'article',
      { class: 'view actor' },
      h(
        'header',
        {},
        h('h1', {}, actor.name),
        h('p', { class: 'meta' }, `${actor.nameNl} · ${label(actor.kind)}${actor.status === 'PROVISIONAL' ? ' · provisional (not curated yet)' : ''} · ${count(actor.articles.totalCount, 'article')} · `, link('/search', 'search its articles', { actor: actor.slug })),
        actor.description ? h('p', {}, actor.description) : null,
        actor.aliases.length ? h('p', { class: 'meta' }, `Also: ${actor.aliases.join(', ')}`) : null,
      ),
      section(
        'Coverage',
        actor.timeline.length
          ? timelineChart(actor.timeline, actor.storyTimeline, (bucket) => `#/search?actor=${encodeURIComponent(actor.slug)}&from=${bucket.from}&to=${bucket.to}`)
          : empty('No article mentions this actor yet.'),
      ),
      section(
        'Roles',
        actor.roles.length
          ? h('ul', { class: 'roles' }, actor.roles.map((role) => h('li', {}, `${role.title}`, role.for ? [' (', link(`/actor/${encodeURIComponent(role.for.slug)}`, role.for.name), ')'] : null, h('span', { class: 'meta' }, ` ${role.code} · ${role.validFrom ?? '?'} – ${role.validTo ?? 'now'}`))))
          : empty('No office or role known.'),
      ),
      section(
        'Conflicts',
        actor.conflicts.edges.length
          ? h('ul', {}, actor.conflicts.edges.map((edge) => h('li', {}, link(`/conflict/${encodeURIComponent(edge.node.slug)}`, edge.node.name), h('span', { class: 'meta' }, ` ${label(edge.role)}${edge.side ? ` · ${edge.side}` : ''}`))))
          : empty('Party to no conflict of the knowledge base.'),
      ),
      section(
        'Named together with',
        actor.coActors.length
          ? h('ul', { class: 'co-actors' }, actor.coActors.map((co) => h('li', {}, link(`/actor/${encodeURIComponent(co.actor.slug)}`, co.actor.name), h('span', { class: 'meta' }, ` ${count(co.articleCount, 'article')} · Jaccard ${co.jaccard.toFixed(2)}`))))
          : empty('No other actor is named in its articles.'),
      ),
      section(
        'Places named with it',
        actor.places.length
          ? h('ul', { class: 'places' }, actor.places.map((entry) => h('li', {}, link(`/place/${encodeURIComponent(entry.place.key)}`, entry.place.nameNl ?? entry.place.name), h('span', { class: 'meta' }, ` ${label(entry.place.kind)} · ${count(entry.articleCount, 'article')}`))))
          : empty('No article on this actor names a place the place linker knows.'),
      ),
      section(
        'Latest articles',
        actor.articles.edges.length ? [articleList(actor.articles.edges.map((edge) => edge.node)), link('/search', `All ${count(actor.articles.totalCount, 'article')}`, { actor: actor.slug })] : empty('No article mentions this actor yet.'),
      ),
    ),
  };
};
