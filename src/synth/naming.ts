import type { ActorLexicon, LinkingKnowledgeBase } from '../linking/kb.js';
import type { KbActor, KbRole } from '../linking/types.js';
import type { Random } from './random.js';

/** The ways Dutch news names one actor, worked out once per knowledge base. */
export interface ActorNames {
  actor: KbActor;
  /** Later mentions: a surname, an acronym, or the name again. */
  short: string;
  /** Inflected adjective of a state (`Russische`), for `de Russische regering`. */
  adjective: string | null;
  /** Plural demonym (`Russen`). */
  demonym: string | null;
  /** Capital used as a metonym (`Moskou`). */
  capital: string | null;
  /** The article the name takes (`de VN`, `de Verenigde Staten`, `het Verenigd Koninkrijk`), if any. */
  article: 'de' | 'het' | null;
}

export type NameIndex = Map<string, ActorNames>;

const ACRONYM = /^[A-Z][A-Z0-9-]{1,6}$/;

export function buildNameIndex(kb: LinkingKnowledgeBase): NameIndex {
  const lexicon = new Map<string, ActorLexicon>(kb.lexicon.actors.map((l) => [l.slug, l]));
  const index: NameIndex = new Map();
  for (const actor of kb.actors) {
    const lex = lexicon.get(actor.slug);
    const acronym = actor.aliases.filter((a) => ACRONYM.test(a)).sort((a, b) => a.length - b.length)[0] ?? null;
    const surnames = lex?.surnames ?? [];
    const surname =
      actor.kind === 'PERSON'
        ? (surnames.find((s) => actor.nameNl.endsWith(s)) ?? surnames.find((s) => actor.nameNl.includes(s)) ??
          surnames[0] ?? actor.nameNl.split(' ').pop()!)
        : null;
    index.set(actor.slug, {
      actor,
      short: surname ?? acronym ?? actor.nameNl,
      adjective: lex?.adjectives.find((a) => a.endsWith('e')) ?? null,
      demonym: lex?.demonyms.find((d) => /(en|s)$/.test(d) && d !== lex.demonyms[0]) ?? null,
      capital: lex?.capitals[0] ?? null,
      article: articleOf(actor),
    });
  }
  return index;
}

const PLURAL_STATE = /^(Verenigde|Democratische|Centraal|Dominicaanse|Republiek|Volksrepubliek|Filipijnen|Malediven|Seychellen|Comoren|Bahama's|\S+eilanden)/;
const GROUP_NOUN = /(^\p{Ll}|Leger|leger|Strijdkrachten|eenheden|front|Beweging|Groep|groep|netwerk|Houthi|Alliantie|alliantie|Forces|Army|Union|Volks|Raad|Overgangsraad|Jihad)/u;

function articleOf(actor: KbActor): 'de' | 'het' | null {
  if (/^(de|het) /i.test(actor.nameNl) || /^al-/.test(actor.nameNl)) return null;
  if (actor.kind === 'ORGANIZATION') return 'de';
  if (actor.kind === 'STATE') return /^(Verenigd Koninkrijk|Vaticaan)/.test(actor.nameNl) ? 'het' : PLURAL_STATE.test(actor.nameNl) ? 'de' : null;
  if (actor.kind === 'ARMED_GROUP') return GROUP_NOUN.test(actor.nameNl) ? 'de' : null;
  return null;
}

/** The role an actor holds on `date` (ISO), if any. */
export function roleOn(actor: KbActor, date: string): KbRole | null {
  return actor.roles.find((r) => (r.from === null || r.from <= date) && (r.to === null || r.to >= date)) ?? null;
}

const TITLES: [RegExp, string][] = [
  [/^Vice President/, 'vicepresident'],
  [/^(Transitional )?President/, 'president'],
  [/^(Prime Minister|Premier)/, 'premier'],
  [/Foreign (Affairs|Minister|Secretary)|Secretary of State/, 'minister van Buitenlandse Zaken'],
  [/Defen[cs]e/, 'minister van Defensie'],
  [/^Minister/, 'minister'],
  [/Secretary[- ]General/, 'secretaris-generaal'],
  [/Envoy|Special Representative|Special Coordinator/, 'gezant'],
  [/Ambassador|Permanent Representative/, 'ambassadeur'],
  [/^King/, 'koning'],
  [/^Emir/, 'emir'],
  [/Supreme Leader/, 'opperste leider'],
  [/^Chancellor/, 'bondskanselier'],
  [/Commander|^Chief/, 'bevelhebber'],
  [/Spokes/, 'woordvoerder'],
  [/^(Leader|Head|Chairman)/, 'leider'],
];

function dutchTitle(role: KbRole): string | null {
  return TITLES.find(([pattern]) => pattern.test(role.title))?.[1] ?? null;
}

/** A named thing in a sentence: `de VN`, `Rusland`, `Poetin`. */
export function shortPhrase(names: ActorNames): string {
  return names.article ? `${names.article} ${names.short}` : names.short;
}

/**
 * The first mention: a person with office and full name (`de Russische president Vladimir Poetin`),
 * an organisation by its full name with the acronym after it.
 */
export function firstPhrase(names: ActorNames, index: NameIndex, date: string, random: Random): string {
  const { actor } = names;
  if (actor.kind === 'PERSON') {
    const role = roleOn(actor, date);
    const title = role && dutchTitle(role);
    const holder = role?.for ? index.get(role.for) : undefined;
    if (!title || !holder || random.chance(0.2)) return actor.nameNl;
    if (holder.adjective && holder.actor.kind === 'STATE') return `de ${holder.adjective} ${title} ${actor.nameNl}`;
    return `${title} ${actor.nameNl} van ${shortPhrase(holder)}`;
  }
  const full = names.article ? `${names.article} ${actor.nameNl}` : actor.nameNl;
  if (names.short !== actor.nameNl && random.chance(0.5)) return `${full} (${names.short})`;
  return full;
}

/** A later mention, varied the way news does: surname, acronym, state name, capital. */
export function laterPhrase(names: ActorNames, random: Random): string {
  if (names.actor.kind === 'STATE') {
    if (names.capital && random.chance(0.15)) return names.capital;
    return names.article ? `${names.article} ${names.actor.nameNl}` : names.actor.nameNl;
  }
  if (names.actor.kind === 'PERSON' && random.chance(0.1)) return names.actor.nameNl;
  return shortPhrase(names);
}
