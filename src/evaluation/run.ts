import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeArticle, parseArticle } from '../corpus/parse.js';
import type { ActorKind, KbActor, KbConflict, LinkInput, LinkResult } from '../linking/types.js';
import { GoldError } from './gold.js';
import { NO_IDENTITY, type Identity } from './reconcile.js';
import { scoreArticle, summarize, type ActorClass, type ArticleScore, type GoldArticle, type KbIndex, type SetSummary } from './score.js';

/** The linker as the evaluation sees it, so that tests can hand in a stub. */
export interface LinkerLike {
  link(input: LinkInput): LinkResult;
}

export interface EvalSetSpec {
  /** Short machine name: `seeds`, `held-out`, `real-style`. */
  name: string;
  /** One line saying what the set is and how far its gold can be trusted. */
  description: string;
  articlesDir: string;
  goldPath: string;
  gold: GoldArticle[];
}

export interface SetReport extends Omit<EvalSetSpec, 'gold'> {
  summary: SetSummary;
  articles: ArticleScore[];
  /** Texts in the folder that have no gold entry; they are not scored. */
  unannotatedTexts: string[];
}

export function indexKnowledgeBase(kb: { actors: readonly KbActor[]; conflicts: readonly KbConflict[] }): KbIndex {
  return {
    actorKinds: new Map(kb.actors.map((actor) => [actor.slug, actor.kind])),
    conflicts: new Set(kb.conflicts.map((conflict) => conflict.slug)),
    conflictSlugs: new Map(kb.conflicts.flatMap((conflict) => (conflict.otherSlugs ?? []).map((other) => [other, conflict.slug] as const))),
  };
}

/**
 * Parses, links and scores every gold article of a set; a gold entry without its text, or with a name form its
 * clean body lacks, is an error, not a skip.
 */
export async function evaluateSet(
  spec: EvalSetSpec,
  linker: LinkerLike,
  kb: KbIndex,
  goldKinds: ReadonlyMap<string, ActorKind>,
  goldClasses: ReadonlyMap<string, ActorClass>,
  identity: Identity = NO_IDENTITY,
): Promise<SetReport> {
  const texts = (await readdir(spec.articlesDir)).filter((file) => file.endsWith('.txt')).map((file) => file.slice(0, -4));
  const goldIds = new Set(spec.gold.map((article) => article.id));
  const articles: ArticleScore[] = [];
  for (const gold of spec.gold) {
    const bytes = await readFile(join(spec.articlesDir, `${gold.id}.txt`));
    const article = parseArticle({ externalId: gold.id, text: decodeArticle(gold.id, bytes) });
    const result = linker.link({ title: article.title, body: article.body, publishedOn: article.publishedOn });
    const score = scoreArticle({ gold, result, body: article.body, kb, goldKinds, goldClasses, identity });
    const lost = score.forms.notInBody.map((form) => `"${form.text}" in "${form.context}"`);
    if (lost.length > 0) throw new GoldError(`${spec.goldPath}, ${gold.id}: forms not in the clean body: ${lost.join(', ')}`);
    articles.push(score);
  }
  const { gold: _gold, ...rest } = spec;
  return {
    ...rest,
    summary: summarize(articles),
    articles,
    unannotatedTexts: texts.filter((id) => !goldIds.has(id)).sort(),
  };
}
