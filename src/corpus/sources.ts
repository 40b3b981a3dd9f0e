/** The canonical spelling of agencies and outlets; credits are matched case-insensitively against these and their aliases. */
export const CANONICAL_SOURCES = [
  'Belga', 'AFP', 'DPA', 'Reuters', 'ANP', 'AP', 'De Morgen', 'De Standaard', 'HLN', 'NOS', 'VRT NWS', 'NU.nl',
  'Het Laatste Nieuws', 'Het Nieuwsblad', 'de Volkskrant', 'NRC', 'Trouw', 'De Telegraaf', 'Bloomberg', 'EFE',
  'ANSA', 'Xinhua', 'Tass', 'Kyodo',
] as const;

const ALIASES: Record<string, string> = {
  'agence france-presse': 'AFP', 'agence france presse': 'AFP', 'associated press': 'AP',
  'deutsche presse-agentur': 'DPA', 'demorgen.be': 'De Morgen', 'standaard.be': 'De Standaard', 'hln.be': 'HLN',
  'nos.nl': 'NOS', 'vrt': 'VRT NWS', 'vrtnws': 'VRT NWS', 'vrtnws.be': 'VRT NWS', 'nieuwsblad': 'Het Nieuwsblad',
  'volkskrant': 'de Volkskrant', 'nrc handelsblad': 'NRC', 'telegraaf': 'De Telegraaf', 'itar-tass': 'Tass',
  'kyodo news': 'Kyodo',
};

const KNOWN = new Map<string, string>([
  ...CANONICAL_SOURCES.map((name) => [name.toLowerCase(), name] as [string, string]),
  ...Object.entries(ALIASES),
]);
const KNOWN_LONGEST_FIRST = [...KNOWN.keys()].sort((a, b) => b.length - a.length);

const SEPARATOR = /^(?:\s*[,/&;+]\s*|\s+(?:en|and)\s+)/i;
const MAX_UNKNOWN_WORDS = 4;
const MAX_UNKNOWN_LENGTH = 40;
const MAX_CREDITS = 12;
/** Credits are short; looking further than this for one only costs time on long lines. */
const CREDIT_WINDOW = 240;

export interface CreditItem {
  name: string;
  known: boolean;
}

function matchKnown(text: string): { name: string; length: number } | null {
  const lower = text.slice(0, KNOWN_LONGEST_FIRST[0]!.length).toLowerCase();
  for (const alias of KNOWN_LONGEST_FIRST) {
    if (lower.startsWith(alias) && !/^[\p{L}\p{N}]/u.test(text.slice(alias.length))) {
      return { name: KNOWN.get(alias)!, length: alias.length };
    }
  }
  return null;
}

/** A name not in the list counts only when it is name-sized and runs to a separator or the end of the line. */
function matchUnknown(full: string): { name: string; length: number } | null {
  const text = full.slice(0, MAX_UNKNOWN_LENGTH + 2);
  if (full.length > text.length && !/\s*[,/&;+]|\s+(?:en|and)\s+/i.test(text)) return null;
  const end = text.search(/\s*[,/&;+]|\s+(?:en|and)\s+/i);
  const candidate = (end === -1 ? text : text.slice(0, end)).replace(/\.?\s*$/, '');
  const words = candidate.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > MAX_UNKNOWN_WORDS || candidate.length > MAX_UNKNOWN_LENGTH) return null;
  if (!/\p{L}/u.test(candidate) || /[!?:;"“”„()]|\.\s/u.test(candidate)) return null;
  const length = end === -1 ? text.length : end;
  return { name: candidate.trim(), length };
}

/** Reads `Belga, AFP/DPA en anp` at the start of `text`: known names anywhere, unknown ones when allowed. */
export function matchCreditList(text: string, allowUnknown: boolean): { items: CreditItem[]; length: number } | null {
  const items: CreditItem[] = [];
  let pos = 0;
  while (items.length < MAX_CREDITS) {
    const rest = text.slice(pos, pos + CREDIT_WINDOW);
    const known = matchKnown(rest);
    const item = known ?? (allowUnknown ? matchUnknown(rest) : null);
    if (!item) break;
    items.push({ name: item.name, known: known !== null });
    pos += item.length;
    const separator = SEPARATOR.exec(text.slice(pos, pos + CREDIT_WINDOW));
    if (!separator) break;
    const next = text.slice(pos + separator[0].length, pos + separator[0].length + CREDIT_WINDOW);
    if (!matchKnown(next) && !(allowUnknown && matchUnknown(next))) break;
    pos += separator[0].length;
  }
  if (items.length === 0) return null;
  const period = /^\.(?=\s|$)/.exec(text.slice(pos));
  return { items, length: pos + (period ? 1 : 0) };
}

export interface CreditToken {
  length: number;
  sources: string[];
}

const TEXT_CREDIT = /^(?:bron(?:nen)?)\s*:\s*/i;
const PHOTO_CREDIT = /^(?:(?:©|\(c\)|copyright)\s*(?:\d{4}\s+)?|(?:foto(?:'s)?|beeld|fotograaf)\s*:\s*)/i;

/**
 * A credit label and its names: `Bron: …` credits the text, so every name counts; `©`, `Foto:` and
 * `Beeld:` credit a picture, so only known agencies count (a photographer is not a source).
 */
export function matchCredit(text: string): CreditToken | null {
  const textLabel = TEXT_CREDIT.exec(text);
  const label = textLabel ?? PHOTO_CREDIT.exec(text);
  if (!label) return null;
  const list = matchCreditList(text.slice(label[0].length), true);
  if (!list) return null;
  const sources = list.items.filter((item) => textLabel || item.known).map((item) => item.name);
  return { length: label[0].length + list.length, sources };
}

const DATELINE = /^\p{Lu}[\p{Lu}'’. -]*\p{Lu}\s*(?=\()/u;

/** `(ANP)`, `(belga) -` or `KABOEL (ANP) -` at the start of a line: parentheses holding known names only. */
export function matchMarker(text: string): CreditToken | null {
  const dateline = DATELINE.exec(text);
  const start = dateline ? dateline[0].length : 0;
  const marker = matchParenthesised(text.slice(start));
  if (!marker) return null;
  const dash = /^\s*[-–—:]\s*/.exec(text.slice(start + marker.length));
  if (dateline && !dash) return null;
  return { length: start + marker.length + (dash ? dash[0].length : 0), sources: marker.sources };
}

function matchParenthesised(text: string): CreditToken | null {
  if (!text.startsWith('(')) return null;
  const list = matchCreditList(text.slice(1), false);
  if (!list || text[1 + list.length] !== ')') return null;
  return { length: list.length + 2, sources: list.items.map((item) => item.name) };
}

const TRAILING_LABEL = /(?:^|\s)(?=(?:bron(?:nen)?\s*:|©|\(c\)|copyright\b|foto(?:'s)?\s*:|beeld\s*:|fotograaf\s*:))/gi;

/** A credit that closes a line (`… gedood. (Belga)`, `… Bron: AFP`); returns where it starts. */
export function matchTrailingCredit(line: string): { start: number; sources: string[] } | null {
  const offset = Math.max(0, line.length - CREDIT_WINDOW);
  const tail = line.slice(offset);
  const marker = /\s*\(([^()]*)\)\s*\.?$/.exec(tail);
  if (marker) {
    const inner = matchParenthesised(`(${marker[1]})`);
    if (inner) return { start: offset + marker.index, sources: inner.sources };
  }
  for (const match of [...tail.matchAll(TRAILING_LABEL)].reverse()) {
    if (match.index === 0 && offset > 0 && !/^\s/.test(tail)) continue;
    const start = offset + match.index;
    const credit = matchCredit(line.slice(start).trimStart());
    if (credit && line.slice(start).trimStart().length === credit.length) return { start, sources: credit.sources };
  }
  return null;
}
