import { execute } from '../api.js';
import { empty, h, href, label, link, section } from '../dom.js';
import { ExploreArticle } from '../operations.js';
import type { View } from '../route.js';
import type { ExploreArticleQuery } from '../generated/graphql.js';
import { articleList } from './shared.js';

type Article = NonNullable<ExploreArticleQuery['article']>;

interface Span {
  start: number;
  end: number;
  kind: string;
  href: string | null;
  /** What the reader sees on hover or focus: what the words link to, and how the link was made. */
  provenance: string;
}

const confidence = (value: number) => value.toFixed(2);

/** Every linked or unlinked name of the body, in reading order, overlaps dropped (the longer one kept). */
function spansOf(article: Article): Span[] {
  const spans: Span[] = [];
  for (const link of article.actors) {
    for (const mention of link.mentions) {
      spans.push({
        start: mention.start,
        end: mention.end,
        kind: link.actor.kind,
        href: href(`/actor/${encodeURIComponent(link.actor.slug)}`),
        provenance: `${link.actor.name} (${label(link.actor.kind)}${link.actor.status === 'PROVISIONAL' ? ', provisional' : ''}) — linked by ${label(mention.method)}, confidence ${confidence(mention.confidence)} — in: “${mention.sentence}”`,
      });
    }
  }
  for (const link of article.places) {
    for (const mention of link.mentions) {
      spans.push({
        start: mention.start,
        end: mention.end,
        kind: 'PLACE',
        href: href(`/place/${encodeURIComponent(link.place.key)}`),
        provenance: `${link.place.nameNl ?? link.place.name} (${label(link.place.kind)}, ${link.place.key}) — read by ${label(mention.method)}, confidence ${confidence(mention.confidence)}`,
      });
    }
  }
  for (const mention of article.unlinkedMentions) {
    spans.push({ start: mention.start, end: mention.end, kind: 'UNLINKED', href: null, provenance: `“${mention.text}”: a name not in the knowledge base` });
  }
  spans.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Span[] = [];
  for (const span of spans) if (!kept.length || span.start >= kept[kept.length - 1]!.end) kept.push(span);
  return kept;
}

const KINDS: [string, string][] = [
  ['PERSON', 'person'],
  ['STATE', 'state'],
  ['ORGANIZATION', 'organisation'],
  ['ARMED_GROUP', 'armed group'],
  ['PLACE', 'place'],
  ['UNLINKED', 'name not linked'],
];

export const articleView: View = async (route, signal) => {
  const externalId = route.parts[1] ?? '';
  const { article } = await execute(ExploreArticle, { externalId }, signal);
  if (!article) return { title: 'No such article', body: empty(`No article has the id “${externalId}”. `, link('/search', 'Search the articles.')) };

  const provenance = h('p', { class: 'provenance', 'aria-live': 'polite' }, 'Point at or tab to a highlighted name to see how it was linked.');
  const text = h('div', { class: 'body' });
  let at = 0;
  for (const span of spansOf(article)) {
    text.append(article.body.slice(at, span.start));
    const words = article.body.slice(span.start, span.end);
    const attributes = { class: `mention kind-${span.kind}`, title: span.provenance, 'data-provenance': span.provenance, 'data-kind': span.kind };
    text.append(span.href ? h('a', { href: span.href, ...attributes }, words) : h('span', { tabindex: 0, ...attributes }, words));
    at = span.end;
  }
  text.append(article.body.slice(at));
  const show = (event: Event) => {
    const target = (event.target as Element).closest?.('.mention');
    if (target) provenance.textContent = target.getAttribute('data-provenance');
  };
  text.addEventListener('focusin', show);
  text.addEventListener('mouseover', show);

  return {
    title: article.title,
    body: h(
      'article',
      { class: 'view article' },
      h('header', {}, h('h1', {}, article.title), h('p', { class: 'meta' }, `${article.datePrecision === 'MONTH' ? article.publishedOn.slice(0, 7) : article.publishedOn}${article.sources.length ? ` · ${article.sources.join(', ')}` : ''} · ${article.externalId}`)),
      h('div', { class: 'columns' },
        h(
          'div',
          { class: 'main' },
          h('p', { class: 'legend' }, KINDS.map(([kind, text]) => h('span', { class: `mention kind-${kind}` }, text))),
          text,
        ),
        h(
          'aside',
          {},
          section('Provenance', provenance),
          section(
            'Conflicts',
            article.conflicts.length
              ? h('ul', {}, article.conflicts.map((link) => {
                  const bar = h('span', { class: 'count-bar' });
                  bar.style.width = `${Math.round(link.score * 100)}%`;
                  return h('li', {}, h('a', { href: href(`/conflict/${encodeURIComponent(link.conflict.slug)}`) }, link.conflict.name), h('span', { class: 'meta' }, ` score ${link.score.toFixed(2)} (${label(link.method)})`), h('span', { class: 'count-track' }, bar));
                }))
              : empty('The linker found no conflict in this article.'),
          ),
          section(
            'Actors',
            article.actors.length
              ? h('ul', {}, article.actors.map((link) => h('li', {}, h('a', { href: href(`/actor/${encodeURIComponent(link.actor.slug)}`) }, link.actor.name), h('span', { class: 'meta' }, ` ×${link.mentionCount}${link.role ? ` · ${link.role.title}` : ''} · ${label(link.method)} ${confidence(link.confidence)}`))))
              : empty('No actor linked.'),
          ),
          section(
            'Story',
            article.story
              ? [
                  h('p', {}, `${article.story.title} — ${article.story.articleCount} article${article.story.articleCount === 1 ? '' : 's'}, ${article.story.firstPublishedOn} to ${article.story.lastPublishedOn}`),
                  articleList(article.story.articles.edges.map((edge) => edge.node).filter((other) => other.externalId !== article.externalId)),
                ]
              : empty('Not grouped into a story yet (npm run relink groups older articles).'),
          ),
          section(
            'Copies',
            article.copies.length
              ? articleList(article.copies.map((copy) => copy.article), (_copy, index) => h('span', { class: 'meta' }, ` similarity ${article.copies[index]!.similarity.toFixed(2)}`))
              : empty('No other article carries this text.'),
          ),
        ),
      ),
    ),
  };
};
