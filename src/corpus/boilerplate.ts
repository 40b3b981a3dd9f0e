import { matchTimestamp, type CalendarDay, type YearMonth } from './dates.js';
import { matchCredit, matchMarker, matchTrailingCredit } from './sources.js';

interface Token {
  length: number;
  /** A strong token is boilerplate whatever follows; a weak one only when what follows can start text. */
  strong: boolean;
  sources?: string[];
  date?: CalendarDay;
}

type Matcher = (text: string, header: YearMonth) => Token | null;

const NAME_WORD = /^(?:\p{Lu}[\p{L}'’.-]*|van|de|der|den|het|ter|ten|te|in|en|onze|redactie|correspondent|'t)(?=\s|$)/u;
const MAX_NAME_WORDS = 6;
const SENTENCE_START = /^["'“‘„«(\[]?[\p{Lu}\d]/u;
const BYLINE_LABEL = /^(?:door|tekst|auteur|geschreven door|bewerkt door)\s*:\s*/i;
const OWN_STAFF = /^van\s+onze\s+(?:correspondent|correspondente|verslaggever|verslaggeefster|redacteur|redactrice|redactie|medewerker|medewerkster)\b/i;
const STAFF = /^(?:de\s+)?redactie\b\.?/i;
const COUNTER = /^\d{1,5}(?=\s+["'“‘„«]?\p{Lu})/u;
const LONE_NUMBER = /^\d{1,5}$/;

/** Name words after a byline label: the longest run (≤ 6 words) after which the line can go on as text. */
function nameLength(text: string, header: YearMonth, minWords: number): number | null {
  const ends: number[] = [];
  let pos = 0;
  while (ends.length < MAX_NAME_WORDS) {
    const word = NAME_WORD.exec(text.slice(pos).trimStart());
    if (!word) break;
    pos += text.slice(pos).length - text.slice(pos).trimStart().length + word[0].length;
    ends.push(pos);
  }
  for (let i = ends.length - 1; i >= minWords - 1; i -= 1) {
    const end = i < 0 ? 0 : ends[i]!;
    if (canFollow(text.slice(end).trimStart(), header)) return end;
  }
  return null;
}

const byline: Matcher = (text, header) => {
  const label = BYLINE_LABEL.exec(text);
  if (!label) return null;
  const rest = text.slice(label[0].length);
  const name = nameLength(rest, header, 1);
  if (name !== null) return { length: label[0].length + name, strong: true };
  // A short line after `Door:` is a byline even when the name is written in lower case.
  const short = rest.split(/\s+/).filter(Boolean).length <= MAX_NAME_WORDS && !/[.!?]\s/.test(rest);
  return short ? { length: text.length, strong: true } : null;
};

const ownStaff: Matcher = (text, header) => {
  const label = OWN_STAFF.exec(text);
  if (!label) return null;
  const name = nameLength(text.slice(label[0].length), header, 0);
  return name === null ? null : { length: label[0].length + name, strong: true };
};

const staff: Matcher = (text) => {
  const match = STAFF.exec(text);
  return match ? { length: match[0].length, strong: false } : null;
};

const credit: Matcher = (text) => {
  const match = matchCredit(text) ?? matchMarker(text);
  return match ? { length: match.length, strong: true, sources: match.sources } : null;
};

const timestamp: Matcher = (text, header) => matchTimestamp(text, header);

const MATCHERS: Matcher[] = [credit, byline, ownStaff, staff, timestamp];
// Looking ahead, bylines need not be tried: `Door:` and `Van` already look like the start of text,
// and leaving them out keeps the look-ahead one level deep.
const LOOKAHEAD: Matcher[] = [credit, staff, timestamp];
const MAX_TOKENS = 12;

function canFollow(rest: string, header: YearMonth): boolean {
  return rest === '' || SENTENCE_START.test(rest) || LOOKAHEAD.some((matcher) => matcher(rest, header) !== null);
}

function nextToken(text: string, header: YearMonth): Token | null {
  for (const matcher of MATCHERS) {
    const token = matcher(text, header);
    if (token && (token.strong || canFollow(text.slice(token.length).trimStart(), header))) return token;
  }
  return null;
}

export interface StrippedLine {
  text: string;
  sources: string[];
  dates: CalendarDay[];
}

/** Removes bylines, timestamps and credits from the start of a line and credits from its end. */
export function stripLine(line: string, header: YearMonth): StrippedLine {
  const sources: string[] = [];
  const dates: CalendarDay[] = [];
  if (LONE_NUMBER.test(line)) return { text: '', sources, dates };
  let text = line;
  let afterCredit = false;
  for (let tokens = 0; tokens < MAX_TOKENS; tokens += 1) {
    // A share or comment counter (`Bron: anp 0 De taliban …`) is glued to a credit; elsewhere a number is text.
    const counter: RegExpExecArray | null = afterCredit ? COUNTER.exec(text) : null;
    const token: Token | null = counter ? { length: counter[0].length, strong: true } : nextToken(text, header);
    if (!token) break;
    if (token.sources) sources.push(...token.sources);
    if (token.date) dates.push(token.date);
    text = text.slice(token.length).trimStart();
    afterCredit = token.sources !== undefined;
  }
  const trailing: string[][] = [];
  for (let tokens = 0; tokens < MAX_TOKENS; tokens += 1) {
    const credit = matchTrailingCredit(text);
    if (!credit) break;
    trailing.unshift(credit.sources);
    text = text.slice(0, credit.start).trimEnd();
  }
  sources.push(...trailing.flat());
  return { text, sources, dates };
}

const HEADLINE_BYLINE_WINDOW = 120;
const HEADLINE_BYLINE =
  /\s+(?:(?:door|tekst)\s*:\s*\S.*|van\s+onze\s+(?:correspondent|verslaggever|redacteur|redactie|medewerker)\b.*|Redactie)$/i;

/** A byline glued to the end of a headline: `Taliban vallen steden aan Redactie`, `… Door: Jan Peeters`. */
export function stripHeadlineByline(line: string): string {
  const offset = Math.max(0, line.length - HEADLINE_BYLINE_WINDOW);
  const match = HEADLINE_BYLINE.exec(line.slice(offset));
  const start = match ? offset + match.index : 0;
  if (!match || start === 0) return line;
  const byline = match[0].trim();
  if (/^redactie$/i.test(byline) && byline !== 'Redactie') return line;
  if (byline.split(/\s+/).length > MAX_NAME_WORDS + 2) return line;
  return line.slice(0, start);
}
