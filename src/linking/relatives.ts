import { STRONG } from './provisional-context.js';
import type { ResolvedMention } from './resolve.js';
import { slugOf } from './states.js';
import { foldKey, isCapitalised, type Token } from './text.js';
import type { KbActor, LinkedMention, ProvisionalActor } from './types.js';

/*
 * `Moebaraks zoon Gamal`, `Kadhafi's zoon Saif al-Islam`: a man named by his given names after a known person's
 * genitive and a word of kinship bears that person's family name. He becomes a provisional person named in full
 * (`Gamal Mubarak`), the family name written as the knowledge base writes the person's (English) name, so that
 * a relative named in any spelling is one actor. Women are left out: a daughter's or a wife's name is not her
 * father's or husband's in many of the cultures named (a Russian daughter's surname is the feminine form), and
 * nor are people whose names have no family name (Ethiopian and Somali names are patronymic, `bin Salman` is a
 * father's name) or put it first (`Kim Jong Un`).
 */

const KIN = new Set(['zoon', 'zonen', 'broer', 'broers', 'vader', 'kleinzoon', 'oom']);

/** States whose people's names carry no family name last: the relatives of their people are not named so. */
const NO_FAMILY_NAME_LAST = new Set([
  'ethiopia', 'eritrea', 'somalia', 'somaliland', 'myanmar', 'indonesia', 'iceland', 'mongolia', 'china', 'taiwan',
  'north-korea', 'south-korea', 'vietnam', 'cambodia',
]);

const PATRONYMIC = new Set(['bin', 'ibn', 'ben', 'bint', 'abu', 'ould', 'ag']);

/** Lowercase words inside a given name: `Saif al-Islam`, `Abd al-Rahman`. */
const PARTICLES = new Set(['al', 'el', 'ad', 'ud', 'ul']);

// A genitive of a surname: `Moebaraks`, `Kadhafi's`, `Assads`, `Abbas'`.
const GENITIVE = /(?:['’]s|s|['’])$/u;

/** The family name of a person as the knowledge base writes it, or null when the name has none last. */
function familyName(person: KbActor): string | null {
  if (person.roles.some((r) => r.for !== null && NO_FAMILY_NAME_LAST.has(r.for))) return null;
  const words = person.name.split(' ');
  if (words.length < 2) return null;
  if (PATRONYMIC.has(words[words.length - 2]!.toLowerCase())) return null;
  return words[words.length - 1]!;
}

/**
 * The end of the given name that starts at `i`: one capitalised word, or more joined by `al-` and the like
 * (`Saif al-Islam`); two capitalised words in a row are a name in full, not given names.
 */
function givenNamesEnd(tokens: Token[], i: number, linked: (i: number) => boolean): number {
  let end = i + 1;
  while (
    end + 1 < tokens.length &&
    PARTICLES.has(tokens[end]!.key) &&
    /^[ \u00a0]$/.test(tokens[end]!.gapBefore) &&
    tokens[end + 1]!.gapBefore === '-' &&
    isCapitalised(tokens[end + 1]!.text) &&
    !linked(end + 1)
  ) {
    end += 2;
  }
  return end;
}

/**
 * The relatives named by their given names after a person of the knowledge base, as provisional people; a
 * provisional person the other rules found for the same words takes the family name instead of being repeated.
 */
export function relativesOf(
  text: string,
  tokens: Token[],
  mentions: ResolvedMention[],
  actors: ReadonlyMap<string, KbActor>,
  provisional: ProvisionalActor[],
): ProvisionalActor[] {
  const linkedAt = new Set<number>();
  for (const m of mentions) for (let i = m.start; i < m.end; i++) linkedAt.add(i);
  let result = provisional;
  for (const m of mentions) {
    const person = actors.get(m.slug);
    if (person?.kind !== 'PERSON' || m.end - m.start !== 1 || !GENITIVE.test(tokens[m.start]!.text)) continue;
    const kin = tokens[m.end];
    if (!kin || !KIN.has(kin.key) || !/^[ \u00a0]+$/.test(kin.gapBefore)) continue;
    const from = m.end + 1;
    if (!tokens[from] || !/^[ \u00a0]+$/.test(tokens[from]!.gapBefore) || !isCapitalised(tokens[from]!.text)) continue;
    const to = givenNamesEnd(tokens, from, (i) => linkedAt.has(i));
    // A capitalised word after the given names is a surname of the relative's own.
    const next = tokens[to];
    if (to === from || (next && /^[ \u00a0]+$/.test(next.gapBefore) && isCapitalised(next.text))) continue;
    const family = familyName(person);
    if (!family) continue;
    const given = text.slice(tokens[from]!.start, tokens[to - 1]!.end);
    if (foldKey(tokens[to - 1]!.text) === foldKey(family)) continue;
    const span = { start: tokens[from]!.start, end: tokens[to - 1]!.end };
    const name = `${given} ${family}`;
    const mention: LinkedMention = { ...span, text: given, method: 'RULE', confidence: STRONG };
    const description = `${kin.text} van ${person.nameNl}`;
    const same = result.find((p) => p.kind === 'PERSON' && p.mentions.some((x) => x.start === span.start && x.end === span.end));
    const others = result.filter((p) => p !== same);
    const merged = others.find((p) => p.key === slugOf(name));
    const later = same ? same.mentions.filter((x) => x.start !== span.start) : [];
    const relative: ProvisionalActor = {
      key: slugOf(name),
      name,
      kind: 'PERSON',
      description: merged?.description ?? description,
      mentions: [...(merged?.mentions ?? []), mention, ...later].sort((a, b) => a.start - b.start),
    };
    result = [...others.filter((p) => p !== merged), relative];
  }
  return result;
}
