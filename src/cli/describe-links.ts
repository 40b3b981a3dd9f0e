import type { ParsedArticle } from '../corpus/types.js';
import type { ArticleLinks } from '../ingest/store.js';
import type { DroppedName } from '../linking/linker.js';
import type { KnowledgeBase } from '../linking/types.js';

const CONTEXT = 32;

/** The words around a span of the body, with the span in brackets, on one line. */
function inContext(body: string, start: number, end: number): string {
  const before = body.slice(Math.max(0, start - CONTEXT), start).replace(/\s+/g, ' ');
  const after = body.slice(end, end + CONTEXT).replace(/\s+/g, ' ');
  return `${start > CONTEXT ? '…' : ''}${before}[${body.slice(start, end)}]${after}${end + CONTEXT < body.length ? '…' : ''}`;
}

/** What ingest would store for an article, for a curator to read on a terminal. */
export function describeLinks(
  article: ParsedArticle,
  links: ArticleLinks & { dropped?: DroppedName[] },
  kb: KnowledgeBase,
  { mentionsPerActor = 3 } = {},
): string {
  const actors = new Map(kb.actors.map((a) => [a.slug, a]));
  const conflicts = new Map(kb.conflicts.map((c) => [c.slug, c]));
  const words = article.body.split(/\s+/).filter(Boolean).length;
  const lines = [
    `${article.externalId}: ${JSON.stringify(article.title)}`,
    `  published ${article.publishedOn} (${article.datePrecision === 'DAY' ? 'day known' : 'month only'}) · ` +
      `sources: ${article.sources.join(', ') || 'none credited'} · ${words} words · content hash ${article.contentHash.slice(0, 12)}`,
  ];
  const linked = links.actors.filter((a) => a.mentions.length > 0).sort((a, b) => b.mentions.length - a.mentions.length);
  lines.push(`  Actors (${linked.length}):`);
  for (const link of linked) {
    const actor = actors.get(link.slug);
    const label = actor ? `${actor.name} (${actor.kind.toLowerCase().replace('_', ' ')}, ${link.slug})` : link.slug;
    lines.push(`    ${label}: ${link.mentions.length} mention${link.mentions.length === 1 ? '' : 's'}`);
    for (const m of link.mentions.slice(0, mentionsPerActor)) {
      lines.push(`      ${m.method.toLowerCase()} ${m.confidence.toFixed(2)}  ${inContext(article.body, m.start, m.end)}`);
    }
    if (link.mentions.length > mentionsPerActor) lines.push(`      … and ${link.mentions.length - mentionsPerActor} more`);
  }
  lines.push(`  Conflicts (${links.conflicts.length}):`);
  for (const c of links.conflicts) {
    lines.push(`    ${c.score.toFixed(2)}  ${conflicts.get(c.slug)?.name ?? c.slug} (${c.slug})`);
  }
  const { provisional } = links;
  lines.push(`  Provisional actors, named in full but not in the knowledge base (${provisional.length}):${provisional.length === 0 ? ' none' : ''}`);
  for (const p of provisional) {
    const about = [p.kind.toLowerCase().replace('_', ' '), p.key, p.description].filter(Boolean).join(', ');
    lines.push(`    ${p.name} (${about}): ${p.mentions.length} mention${p.mentions.length === 1 ? '' : 's'}`);
    for (const m of p.mentions.slice(0, mentionsPerActor)) {
      lines.push(`      ${m.method.toLowerCase()} ${m.confidence.toFixed(2)}  ${inContext(article.body, m.start, m.end)}`);
    }
    if (p.mentions.length > mentionsPerActor) lines.push(`      … and ${p.mentions.length - mentionsPerActor} more`);
  }
  const unknown = new Map<string, number>();
  for (const m of links.unlinked) unknown.set(m.text.replace(/\s+/g, ' '), (unknown.get(m.text.replace(/\s+/g, ' ')) ?? 0) + 1);
  lines.push(`  Names not in the knowledge base (${unknown.size}):${unknown.size === 0 ? ' none' : ''}`);
  for (const [name, n] of [...unknown].sort((a, b) => b[1] - a[1])) lines.push(`    ${name}${n > 1 ? ` ×${n}` : ''}`);
  if (links.dropped) {
    lines.push(`  Names of the knowledge base found but not linked (${links.dropped.length}):${links.dropped.length === 0 ? ' none' : ''}`);
    for (const d of links.dropped) {
      lines.push(`    ${inContext(article.body, d.start, d.end)}`);
      lines.push(`      could be ${d.slugs.join(', ')}: ${d.reason}`);
    }
  }
  return lines.join('\n');
}
