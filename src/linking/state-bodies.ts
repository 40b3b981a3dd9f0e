import { previousWord } from './context.js';
import type { ActorCandidate } from './resolve.js';
import { isAllCaps, isCapitalised, isSentenceBreak, type Token } from './text.js';

/*
 * A body of a state named by the state's adjective or name: `de Kosovaarse politie`, `het Armeense ministerie van
 * Defensie`, `de Nigeriaanse Senaat`, `de Egyptische luchtmacht`, `de Rode Halve Maan van Kirgizië`. Outlets name
 * the police, ministries, courts, services and branches of the armed forces of every state so; no knowledge base
 * holds them all. Where the knowledge base has the body (a name of its own for that state), the name links to it;
 * otherwise the words make a provisional organisation of the state, named `<Body> van <state>` whatever the
 * wording, so that every article finds the same one. The adjective or name keeps its link to the state.
 */

interface BodyNoun {
  /** Folded words of the noun, in order. */
  words: string[];
  /** How the body is named: `Politie`, `Rode Kruis`. */
  name: string;
  /**
   * An international body shares the name (`Rode Kruis` is also the ICRC): with a state's adjective or name the
   * national body is meant, and the knowledge base's match gives way.
   */
  national?: true;
}

const noun = (name: string, national?: true): BodyNoun => ({ words: name.toLowerCase().split(' '), name, ...(national && { national }) });

const SOCIETY = new Set(['genootschap', 'vereniging']);

/** Longest first, so that `nationale politie` wins over `politie`. */
const BODY_NOUNS: BodyNoun[] = [
  noun('Rode Halve Maan', true),
  noun('Rode Kruis', true),
  // `de Mozambikaanse Rode Kruisvereniging`, `de Rode Halvemaan`: other spellings, the same society's name.
  { words: ['rode', 'kruisvereniging'], name: 'Rode Kruis', national: true },
  { words: ['rode', 'halvemaan'], name: 'Rode Halve Maan', national: true },
  noun('Nationale Politie'),
  noun('Federale Politie'),
  noun('Nationale Garde'),
  noun('Presidentiële Garde'),
  noun('Republikeinse Garde'),
  noun('Nationale Veiligheidsraad'),
  noun('Openbaar Ministerie'),
  noun('Centrale Bank'),
  noun('Nationale Bank'),
  noun('Grondwettelijk Hof'),
  noun('Constitutioneel Hof'),
  noun('Federale Hooggerechtshof'),
  noun('Hoge Raad'),
  noun('Geheime Dienst'),
  noun('Politie'),
  noun('Politiemacht'),
  noun('Grenspolitie'),
  noun('Oproerpolitie'),
  noun('Grenswacht'),
  noun('Kustwacht'),
  noun('Douane'),
  noun('Inlichtingendienst'),
  noun('Veiligheidsdienst'),
  noun('Veiligheidsdiensten'),
  noun('Staatsveiligheid'),
  noun('Veiligheidsraad'),
  noun('Hooggerechtshof'),
  noun('Hooggerecht'),
  noun('Opperste Gerechtshof'),
  noun('Hof van Cassatie'),
  noun('Kamer van Afgevaardigden'),
  noun('Huis van Afgevaardigden'),
  noun('Senaat'),
  noun('Nationale Assemblee'),
  noun('Nationale Vergadering'),
  noun('Constitutionele Raad'),
  noun('Grondwettelijke Raad'),
  noun('Mensenrechtencommissie'),
  noun('Kiescommissie'),
  noun('Hoge Kiesraad'),
  noun('Kiesraad'),
  noun('Verkiezingscommissie'),
  noun('Luchtmacht'),
  noun('Marine'),
  noun('Zeemacht'),
  noun('Landmacht'),
  noun('Ministerie'),
];

const BY_FIRST = new Map<string, BodyNoun[]>();
const NO_BODIES: readonly BodyNoun[] = [];
const SPACES = /^[ \u00a0]+$/;
for (const body of BODY_NOUNS) BY_FIRST.set(body.words[0]!, [...(BY_FIRST.get(body.words[0]!) ?? []), body]);

/** A state's body the text names: the tokens of the noun (the mention) and the body's name. */
export interface StateBody {
  start: number;
  end: number;
  state: string;
  /** `Ministerie van Defensie`, `Politie`. */
  body: string;
  /** Whether the knowledge base's match of the same words is an international body the state's one replaces. */
  national: boolean;
  /** The tokens of the whole phrase, the state's adjective or name included: what describes the body. */
  phrase: [number, number];
  /** The body's own name or acronym after the noun (`de Kirgizische veiligheidsdienst GKNB`), which names it. */
  ownName?: string;
}

/**
 * The state bodies named in `tokens`: a state's inflected adjective right before a body noun (`de Kosovaarse
 * politie`), or a body noun before `van <state>` (`de politie van Kosovo`). `candidates` are the names the
 * knowledge base matched; `isState` tells a state's slug.
 */
export function findStateBodies(tokens: Token[], candidates: ActorCandidate[], isState: (slug: string) => boolean): StateBody[] {
  const found: StateBody[] = [];
  const isKnown = (i: number) => candidates.some((c) => c.start <= i && i < c.end);
  for (const candidate of candidates) {
    const states = [...new Set(candidate.hits.map((h) => h.slug))];
    if (states.length !== 1 || !isState(states[0]!)) continue;
    const state = states[0]!;
    if (candidate.hits.some((h) => h.type === 'adjective') && /e$/i.test(tokens[candidate.end - 1]!.text)) {
      const body = bodyAt(tokens, candidate.end);
      if (!body) continue;
      // `de Bangladese grenswacht BGB`: an acronym after the noun is the body's own name.
      const own = tokens[body.end];
      const acronymAfter = own !== undefined && /^[ \u00a0]+$/.test(own.gapBefore) && isAllCaps(own.text) && own.text.length >= 2;
      // `de Britse inlichtingendienst MI6`, `de Amerikaanse federale politie FBI`: the body is the actor the
      // knowledge base knows by the acronym; the words describe it and make no body of their own.
      if (acronymAfter && isKnown(body.end)) continue;
      const named = acronymAfter && !isKnown(body.end);
      const end = named ? body.end + 1 : body.end;
      found.push({ ...body, end, state, phrase: [candidate.start, end], ...(named && { ownName: own.text }) });
      continue;
    }
    if (!candidate.hits.some((h) => h.type === 'name')) continue;
    // `de politie van Kosovo`, `de Rode Halve Maan van Kirgizië`.
    const van = previousWord(tokens, candidate.start);
    if (van < 1 || tokens[van]!.key !== 'van') continue;
    const body = bodyBefore(tokens, van);
    if (body) found.push({ ...body, state, phrase: [body.start, candidate.end] });
  }
  return found;
}

/**
 * The body noun starting at token `i` (with its portfolio: `ministerie van Defensie`), or null; `joined`: right
 * after the adjective, in the same phrase.
 */
function bodyAt(tokens: Token[], i: number, joined = true): Omit<StateBody, 'state' | 'phrase'> | null {
  const first = tokens[i];
  if (!first || (joined && !SPACES.test(first.gapBefore))) return null;
  // Read at every word of a text: no new array or expression object per word.
  for (const body of BY_FIRST.get(first.key) ?? NO_BODIES) {
    let end = i;
    for (const word of body.words) {
      if (tokens[end]?.key !== word || (end > i && !SPACES.test(tokens[end]!.gapBefore))) break;
      end += 1;
    }
    if (end - i !== body.words.length) continue;
    // `het Rode Halve Maan-genootschap van Somalië`: the society of the national Red Cross or Red Crescent.
    if (body.national && tokens[end]?.gapBefore === '-' && SOCIETY.has(tokens[end]!.key)) end += 1;
    if (body.name !== 'Ministerie') return { start: i, end, body: body.name, national: body.national === true };
    const portfolio = portfolioAfter(tokens, end);
    if (portfolio === null) return null;
    return { start: i, end: portfolio.end, body: `Ministerie van ${portfolio.name}`, national: false };
  }
  return null;
}

/** `van Defensie`, `van Buitenlandse Zaken`: `van` and the capitalised words of a portfolio (with `en`). */
function portfolioAfter(tokens: Token[], i: number): { end: number; name: string } | null {
  if (tokens[i]?.key !== 'van' || isSentenceBreak(tokens[i]!.gapBefore)) return null;
  let end = i + 1;
  const words: string[] = [];
  while (end < tokens.length && !isSentenceBreak(tokens[end]!.gapBefore) && !tokens[end]!.gapBefore.includes(',')) {
    const token = tokens[end]!;
    if (isCapitalised(token.text)) words.push(token.text);
    else if (token.key === 'en' && words.length > 0 && isCapitalised(tokens[end + 1]?.text ?? '')) words.push('en');
    else break;
    end += 1;
  }
  return words.length === 0 ? null : { end, name: words.join(' ') };
}

/** The body noun ending right before `van` at token `van`: `de politie van`, `het ministerie van Defensie van`. */
function bodyBefore(tokens: Token[], van: number): Omit<StateBody, 'state' | 'phrase'> | null {
  for (let start = Math.max(0, van - 6); start < van; start++) {
    const body = bodyAt(tokens, start, false);
    if (body && body.end === van) return body;
  }
  return null;
}

/*
 * A state's court, chamber, prosecution service or police named as such, capitalised, with no state beside it (`het Hooggerechtshof`,
 * `de Kamer van Afgevaardigden`, `de Nationale Politie`): the name of one body of the state the article is about,
 * as `de Senaat` is. Which state that is, the linker decides from the paragraph and the title; `de politie` or
 * `het hof` alone is a description and names no one.
 */
const BARE_NAMES = new Set([
  'Hooggerechtshof',
  'Hooggerecht',
  'Opperste Gerechtshof',
  'Hof van Cassatie',
  'Grondwettelijk Hof',
  'Constitutioneel Hof',
  'Kamer van Afgevaardigden',
  'Huis van Afgevaardigden',
  // `de Senaat`, `de Nationale Assemblee`: the knowledge base links them where it has the chamber of the state the
  // paragraph or the article is about (contextNames); where it has none, they name that state's chamber all the same.
  'Senaat',
  'Nationale Assemblee',
  'Nationale Vergadering',
  'Constitutionele Raad',
  'Grondwettelijke Raad',
  'Hoge Kiesraad',
  'Openbaar Ministerie',
  'Nationale Politie',
  'Federale Politie',
  'Centrale Bank',
]);

const ARTICLES = new Set(['de', 'het', 'een']);

/*
 * `het ministerie van Binnenlandse Zaken ontkent`: outlets name a ministry of the state they report on by its
 * portfolio alone, `ministerie` written small, after `het` (or `Het` opening a sentence). The state is the one the
 * article is about, as for `het Hooggerechtshof`; `een ministerie van …` or `ministeries` name none. Two portfolios
 * name another ministry as often: Buitenlandse Zaken is the home ministry that gives travel advice and summons
 * ambassadors, and `het ministerie van Gezondheid` of a war is the one of the authority that counts the dead
 * (Gaza's, run by Hamas), not the state's. A ministry that is a service's name (Staatsveiligheid) is left alone too.
 */
const NOT_BARE_PORTFOLIOS = new Set(['Buitenlandse Zaken', 'Gezondheid', 'Volksgezondheid', 'Staatsveiligheid']);

function isBareMinistry(tokens: Token[], body: Omit<StateBody, 'state' | 'phrase'>): boolean {
  if (!body.body.startsWith('Ministerie van ') || NOT_BARE_PORTFOLIOS.has(body.body.slice('Ministerie van '.length))) return false;
  return tokens[body.start - 1]?.key === 'het';
}

/** A body's name with no state beside it: the tokens and the body's name. */
export interface BareBody {
  start: number;
  end: number;
  body: string;
}

/**
 * The capitalised names of state bodies in `tokens` that no state's adjective or name goes with and that are not
 * part of a longer name. Spans that `claimed` (state bodies) or a candidate of the knowledge base with a name of
 * its own cover are left out; a candidate by a context name alone (`Huis van Afgevaardigden` of the United States
 * where the paragraph does not name them) is not a name of its own.
 */
export function findBareBodies(tokens: Token[], candidates: ActorCandidate[], claimed: StateBody[]): BareBody[] {
  const covered = (start: number, end: number) =>
    claimed.some((b) => b.start < end && start < b.end) ||
    candidates.some((c) => c.start < end && start < c.end && c.hits.some((h) => h.type !== 'context'));
  const found: BareBody[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const body = bodyAt(tokens, i, false);
    if (!body) continue;
    const ministry = isBareMinistry(tokens, body);
    if (!ministry && !BARE_NAMES.has(body.body)) continue;
    const words = tokens.slice(body.start, body.end);
    if (!ministry && !words.every((t) => t.key === 'van' || isCapitalised(t.text))) continue;
    // `Federale Hooggerechtshof van Irak`, `het Hooggerechtshof van Hongkong`: part of a longer name.
    const before = tokens[body.start - 1];
    const joined = /^[ \u00a0]+$/.test(tokens[body.start]!.gapBefore);
    if (before && joined && isCapitalised(before.text) && !ARTICLES.has(before.key)) continue;
    const after = tokens[body.end];
    if (after?.key === 'van' && !isSentenceBreak(after.gapBefore) && isCapitalised(tokens[body.end + 1]?.text ?? '')) continue;
    if (covered(body.start, body.end)) continue;
    found.push({ start: body.start, end: body.end, body: body.body });
    i = body.end - 1;
  }
  return found;
}
