import type { ActorLexicon, KbLexicon } from './kb-schema.js';
import { foldKey, tokenize } from './text.js';
import { TokenTrie } from './trie.js';
import type { KnowledgeBase } from './types.js';

/** How a name refers to its actor; the rules for linking differ per way. */
export type AliasType = 'name' | 'surname' | 'adjective' | 'demonym' | 'metonym' | 'capital';

export type ActorHit = { kind: 'actor'; slug: string; type: AliasType } | { kind: 'block'; name: string };

export type EvidenceHit =
  | { kind: 'alias' | 'signal'; conflict: string }
  /** `conflict` is null for a place that is only known as a place; `capital` when it also stands for a state. */
  | { kind: 'place'; conflict: string | null; capital: boolean };

export interface Lexicon {
  actors: TokenTrie<ActorHit>;
  evidence: TokenTrie<EvidenceHit>;
}

// Dutch genitive of a name: `Poetins`, `Bidens`, `Rohani's`.
const GENITIVES = ['s', "'s", '’s'];

/** Builds both tries once; every later `link` call only walks them. */
export function buildLexicon(kb: KnowledgeBase, lexicon: KbLexicon): Lexicon {
  const actors = new TokenTrie<ActorHit>();
  const byActor = new Map(lexicon.actors.map((a) => [a.slug, a]));
  const add = (phrase: string, hit: ActorHit, genitive: boolean) => {
    actors.add(phrase, hit);
    if (genitive) for (const suffix of GENITIVES) actors.add(phrase, hit, suffix);
  };

  for (const actor of kb.actors) {
    const extra = byActor.get(actor.slug) ?? inferLexicon(actor);
    const surnames = new Set(extra.surnames.map(foldKey));
    const hit = (type: AliasType): ActorHit => ({ kind: 'actor', slug: actor.slug, type });
    for (const name of unique([actor.name, actor.nameNl, ...actor.aliases])) {
      if (!surnames.has(foldKey(name))) add(name, hit('name'), true);
    }
    for (const name of extra.surnames) add(name, hit('surname'), true);
    for (const word of extra.adjectives) add(word, hit('adjective'), false);
    for (const word of extra.demonyms) add(word, hit('demonym'), false);
    for (const word of extra.metonyms) add(word, hit('metonym'), true);
    for (const city of extra.capitals) add(city, hit('capital'), false);
  }
  for (const nonActor of lexicon.nonActors) {
    for (const name of [nonActor.name, ...nonActor.aliases]) actors.add(name, { kind: 'block', name: nonActor.name });
  }

  const capitals = new Set(
    lexicon.actors.flatMap((a) => a.capitals).map((city) => tokenize(city).map((t) => t.key).join(' ')),
  );
  const isCapital = (place: string) => capitals.has(tokenize(place).map((t) => t.key).join(' '));
  const evidence = new TokenTrie<EvidenceHit>();
  for (const conflict of lexicon.conflicts) {
    for (const alias of unique(conflict.aliases)) evidence.add(alias, { kind: 'alias', conflict: conflict.slug });
    for (const place of unique(conflict.places)) {
      evidence.add(place, { kind: 'place', conflict: conflict.slug, capital: isCapital(place) });
    }
    for (const signal of unique(conflict.signals)) evidence.add(signal, { kind: 'signal', conflict: conflict.slug });
  }
  for (const nonActor of lexicon.nonActors) {
    if (nonActor.kind !== 'place') continue;
    for (const name of [nonActor.name, ...nonActor.aliases]) {
      evidence.add(name, { kind: 'place', conflict: null, capital: false });
    }
  }
  return { actors, evidence };
}

/**
 * For a knowledge base built in code without the YAML extras: a person's one-word aliases are taken as surnames,
 * so they get the surname rule instead of linking everywhere.
 */
function inferLexicon(actor: KnowledgeBase['actors'][number]): ActorLexicon {
  const surnames =
    actor.kind === 'PERSON' ? actor.aliases.filter((a) => tokenize(a).length === 1 && a !== actor.name) : [];
  return { slug: actor.slug, kind: actor.kind, surnames, adjectives: [], demonyms: [], metonyms: [], capitals: [] };
}

export function emptyLexicon(): KbLexicon {
  return { actors: [], conflicts: [], nonActors: [] };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
