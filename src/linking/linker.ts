import { createConflictScorer, type ConflictEvidence } from './conflicts.js';
import { isShouted, isUsedAsPlace, type PlaceIndex } from './context.js';
import type { LinkingKnowledgeBase } from './kb-schema.js';
import { buildLexicon, emptyLexicon, type EvidenceHit, type Lexicon } from './lexicon.js';
import { anchorsOf, resolveMentions, type ActorCandidate, type ResolvedMention } from './resolve.js';
import { isAllCaps, tokenize, type Token } from './text.js';
import type { TrieMatch } from './trie.js';
import type { KnowledgeBase, LinkedActor, LinkInput, LinkResult, MentionSpan } from './types.js';
import { findUnknownNames } from './unknown-names.js';

export interface Linker {
  link(input: LinkInput): LinkResult;
  /** Capitalised names of two words or more in `body` that the knowledge base does not know: work for curators. */
  unlinkedCandidates(body: string): MentionSpan[];
}

/** A title mention weighs as much as two early body mentions. */
const TITLE_WEIGHT = 2;

/**
 * Builds the name tries once. `kb` is what `loadKnowledgeBase` returns; a plain `KnowledgeBase` (built in code)
 * works too, matching names and aliases only.
 */
export function createLinker(kb: KnowledgeBase | LinkingKnowledgeBase): Linker {
  const lexicon = buildLexicon(kb, 'lexicon' in kb ? kb.lexicon : emptyLexicon());
  const actors = new Map(kb.actors.map((a) => [a.slug, a]));
  const scoreConflicts = createConflictScorer(kb);

  return {
    link(input) {
      const body = readText(lexicon, input.body);
      const title = readText(lexicon, input.title);
      const ctx = { actors, publishedOn: input.publishedOn };
      const anchors = anchorsOf(body.candidates);
      const bodyMentions = resolveMentions(body.candidates, ctx, anchors);
      const titleMentions = resolveMentions(title.candidates, ctx, new Set([...anchors, ...anchorsOf(title.candidates)]));

      const evidence: ConflictEvidence = { actors: new Map(), words: new Map() };
      const bodyWeight = (token: Token) => 1.5 - token.start / Math.max(1, input.body.length);
      addActorEvidence(evidence, body.tokens, bodyMentions, bodyWeight);
      addActorEvidence(evidence, title.tokens, titleMentions, () => TITLE_WEIGHT);
      addWordEvidence(evidence, body.tokens, body.evidence, bodyWeight);
      addWordEvidence(evidence, title.tokens, title.evidence, () => TITLE_WEIGHT);

      return {
        actors: groupMentions(input.body, body.tokens, bodyMentions),
        conflicts: scoreConflicts(evidence, input.publishedOn),
      };
    },
    unlinkedCandidates(text) {
      const read = readText(lexicon, text);
      const known = [...read.matched, ...read.evidence];
      return findUnknownNames(text, read.tokens, known);
    },
  };
}

interface ReadText {
  tokens: Token[];
  candidates: ActorCandidate[];
  evidence: TrieMatch<EvidenceHit>[];
  /** Every span the actor trie matched, blocked names and places included. */
  matched: { start: number; end: number }[];
}

function readText(lexicon: Lexicon, text: string): ReadText {
  const tokens = tokenize(text);
  const evidence = lexicon.evidence.scan(tokens);
  const placeEnds = new Set<number>();
  const placeStarts = new Set<number>();
  for (const match of evidence) {
    if (match.values.some((hit) => hit.kind === 'place' && !hit.capital)) {
      placeStarts.add(match.start);
      placeEnds.add(match.end - 1);
    }
  }
  const places: PlaceIndex = { endsAt: (i) => placeEnds.has(i), startsAt: (i) => placeStarts.has(i) };

  const candidates: ActorCandidate[] = [];
  const matched = lexicon.actors.scan(tokens);
  for (const match of matched) {
    const hits = match.values.flatMap((hit) => (hit.kind === 'actor' ? [{ slug: hit.slug, type: hit.type }] : []));
    if (hits.length < match.values.length) continue;
    const allCaps = tokens.slice(match.start, match.end).every((t) => isAllCaps(t.text));
    if (allCaps && isShouted(tokens, match.start, match.end)) continue;
    // A capital is dropped when used as a place, unless the same words also name an actor outright.
    const onlyCapital = new Set(hits.map((h) => h.slug));
    for (const hit of hits) if (hit.type !== 'capital') onlyCapital.delete(hit.slug);
    let kept = hits;
    if (onlyCapital.size > 0 && isUsedAsPlace(tokens, match.start, match.end, places)) {
      kept = hits.filter((h) => !onlyCapital.has(h.slug));
      if (kept.length === 0) placeEnds.add(match.end - 1);
    }
    if (kept.length > 0) candidates.push({ start: match.start, end: match.end, hits: kept });
  }
  return { tokens, candidates, evidence, matched };
}

function addActorEvidence(
  evidence: ConflictEvidence,
  tokens: Token[],
  mentions: ResolvedMention[],
  weight: (token: Token) => number,
): void {
  for (const mention of mentions) {
    const w = weight(tokens[mention.start]!);
    evidence.actors.set(mention.slug, (evidence.actors.get(mention.slug) ?? 0) + w);
  }
}

function addWordEvidence(
  evidence: ConflictEvidence,
  tokens: Token[],
  matches: TrieMatch<EvidenceHit>[],
  weight: (token: Token) => number,
): void {
  for (const match of matches) {
    const key = tokens
      .slice(match.start, match.end)
      .map((t) => t.key)
      .join(' ');
    const w = weight(tokens[match.start]!);
    for (const hit of match.values) {
      if (hit.conflict === null) continue;
      let words = evidence.words.get(hit.conflict);
      if (!words) {
        words = { alias: new Map(), place: new Map(), signal: new Map() };
        evidence.words.set(hit.conflict, words);
      }
      words[hit.kind].set(key, (words[hit.kind].get(key) ?? 0) + w);
    }
  }
}

function groupMentions(body: string, tokens: Token[], mentions: ResolvedMention[]): LinkedActor[] {
  const bySlug = new Map<string, MentionSpan[]>();
  for (const mention of mentions) {
    const start = tokens[mention.start]!.start;
    const end = tokens[mention.end - 1]!.end;
    const spans = bySlug.get(mention.slug) ?? [];
    spans.push({ start, end, text: body.slice(start, end) });
    bySlug.set(mention.slug, spans);
  }
  return [...bySlug].map(([slug, spans]) => ({ slug, mentions: spans }));
}
