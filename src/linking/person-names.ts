import { previousWord } from './context.js';
import type { AliasType } from './lexicon.js';
import { isAllCaps, isCapitalised, type Token } from './text.js';

type Hit = { slug: string; type: AliasType };

/**
 * "Sergej Shoigu", "Aleksandr Lukashenko", "Wolodymyr Zelenskyj": a surname right after one of the person's own
 * given names, in any spelling, is the person's full name, however the two are spelled together. Returns the span
 * from the given name and the people it fits, or null. A word another name of the knowledge base takes is no
 * given name here.
 */
export function withGivenName(
  tokens: Token[],
  match: { start: number; end: number },
  hits: Hit[],
  givenNames: Map<string, Set<string>>,
  known: (i: number) => boolean,
): { start: number; hits: Hit[] } | null {
  const prev = previousWord(tokens, match.start);
  if (prev < 0 || known(prev) || !/^[ \u00a0]+$/.test(tokens[match.start]!.gapBefore)) return null;
  const word = tokens[prev]!;
  if (!isCapitalised(word.text) || isAllCaps(word.text)) return null;
  const people = givenNames.get(word.key);
  if (!people) return null;
  const fitting = hits.filter((h) => (h.type === 'surname' || h.type === 'weak-surname') && people.has(h.slug));
  if (fitting.length === 0) return null;
  return { start: prev, hits: fitting.map((h) => ({ slug: h.slug, type: 'name' as const })) };
}

/** Lowercase words inside Arabic, Dutch and German names: `bin Salman`, `al-Assad`, `van der Bellen`. */
const PARTICLES = new Set(['bin', 'ibn', 'ben', 'al', 'el', 'abu', 'van', 'von', 'de', 'der', 'den', 'ter', 'ten']);

/**
 * Particles of Spanish, Portuguese and Filipino names before a surname: `Leila de Lima`, `Kian delos Santos`,
 * `Ronald dela Rosa`. Dutch `van` and `voor` are left out: `het akkoord van Parijs` names the city's state.
 */
const NAME_PARTICLES_BEFORE = new Set(['de', 'del', 'dela', 'delos', 'de la', 'los', 'da', 'das', 'do', 'dos', 'di', 'du']);

/**
 * Whether the name at `match` follows a particle that follows a capitalised word which no name of the knowledge
 * base takes (`Leila de Lima` is no mention of Lima, nor `Kian delos Santos` of Juan Manuel Santos): the words
 * make one person's name. A title or a sentence's first word before the particle says nothing.
 */
export function followsNameParticle(tokens: Token[], start: number, known: (i: number) => boolean, titles: Set<string>): boolean {
  const particle = previousWord(tokens, start);
  if (particle < 0 || !NAME_PARTICLES_BEFORE.has(tokens[particle]!.text) || !/^[ \u00a0]+$/.test(tokens[start]!.gapBefore)) return false;
  let word = previousWord(tokens, particle);
  // `Maria de la Cruz`: two particles.
  if (word >= 0 && NAME_PARTICLES_BEFORE.has(tokens[word]!.text)) word = previousWord(tokens, word);
  if (word < 0 || !/^[ \u00a0]+$/.test(tokens[particle]!.gapBefore) || previousWord(tokens, word) < 0) return false;
  const name = tokens[word]!;
  return isCapitalised(name.text) && !isAllCaps(name.text) && !known(word) && !titles.has(name.key);
}

/**
 * Whether a bare surname at `match` is part of the full name of someone else (after `withGivenName` found it is
 * not the person's own): it opens with a particle right after a capitalised word (`Abdullah bin Zayed` is not
 * Mohammed bin Zayed), or it is a single word followed by a person's surname: a given name of the knowledge base
 * (`Abbas Araghchi` is not Mahmoud Abbas, `Ali Larijani` is no `Ali`), or, with `anyWord` (none of the surname's
 * people named in full before), any one-word surname, which another person's surname right after makes a given name
 * (`Rashid Khan` is not Abdul Latif Rashid, `Basil Rajapaksa` no Bassil; but `verklaarde Pence Biden …` names two).
 */
export function isPartOfAnotherName(
  tokens: Token[],
  match: { start: number; end: number },
  givenNames: Map<string, Set<string>>,
  personAt: (i: number) => boolean,
  titles: Set<string>,
  afterTitle: boolean,
  anyWord = false,
): boolean {
  const first = tokens[match.start]!;
  const prev = previousWord(tokens, match.start);
  if (!afterTitle && PARTICLES.has(first.text) && prev >= 0 && /^[ \u00a0]+$/.test(first.gapBefore)) {
    const word = tokens[prev]!;
    if (isCapitalised(word.text) && !isAllCaps(word.text) && !titles.has(word.key)) return true;
  }
  const next = tokens[match.end];
  return (
    match.end - match.start === 1 &&
    (anyWord || givenNames.has(first.key)) &&
    next !== undefined &&
    /^[ \u00a0]+$/.test(next.gapBefore) &&
    isCapitalised(next.text) &&
    personAt(match.end)
  );
}
