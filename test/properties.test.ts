import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArticleFormatError, decodeArticle, MAX_ARTICLE_BYTES, parseArticle } from '../src/corpus/parse.js';
import type { ArticleFormatProblem, ParsedArticle } from '../src/corpus/types.js';
import type { Linker } from '../src/linking/linker.js';
import { foldKey, tokenize, type Token } from '../src/linking/text.js';
import type { LinkInput, MentionSpan } from '../src/linking/types.js';
import { seedLinking } from './helpers/linking.js';

/*
 * Properties of the parser and the linker under random and hostile text: whatever comes in, the parser
 * returns a well-formed article or throws ArticleFormatError with a known problem, and the linker returns
 * spans that point into the body it was given. Every property has a bounded number of runs, and the
 * worst cases below must end (the test timeout stops a rule that never would).
 */

const PROBLEMS = [
  'EMPTY',
  'NO_DATE_LINE',
  'BAD_DATE',
  'NOT_UTF8',
  'NUL_CHARACTER',
  'TOO_LARGE',
  'NO_TEXT',
  'BAD_EXTERNAL_ID',
] as const satisfies readonly ArticleFormatProblem[];
// Fails to compile when a problem is added to the type but not to the list above.
const everyProblemListed: [Exclude<ArticleFormatProblem, (typeof PROBLEMS)[number]>] extends [never] ? true : never = true;
void everyProblemListed;

/** Characters that trip up text handling: marks, bidi controls, zero-width and odd spaces, controls, astral, lone surrogates. */
const ODDITIES = [
  '\u0301', '\u0308', '\u0316', '\u0345', '\u20DD',
  '\u200E', '\u200F', '\u202E', '\u2066', '\u061C',
  '\u200B', '\u200C', '\u200D', '\u2060', '\u00AD', '\uFEFF',
  '\u0000', '\u0001', '\u001B', '\u007F', '\u0085',
  '\r', '\r\n', '\u2028', '\u2029', '\t', '\v', '\f',
  '\u00A0', '\u2003', '\u2009', '\u202F', '\u3000', '\u1680', '\u180E',
  '😀', '👩‍👩‍👧', '🇧🇪', '👍🏽', '𝔘𝔨𝔯𝔞𝔦𝔫𝔢',
  '\uD800', '\uDFFF', '\uDBFF\uDBFF',
  'İ', 'ß', 'ﬁ', 'Å', 'ǅ', 'ΐ', 'ﾞ',
  'ب', 'א', '中', 'Ω',
  '…', '„', '”', '«', '»', '’', '—', '–', '(', ')', '[', ']', '"', "'", '.', '!', '?', ':', ';', ',', '-', '/', '©', '&',
];

/** Words the parser and the linker react to: names of the knowledge base, boilerplate, dates, particles. */
const WORDS = [
  'Poetin', 'Vladimir', 'Rusland', 'Russische', 'Oekraïne', 'Kiev', 'Kremlin', 'Moskou', 'Amerikaanse', 'VS',
  'Verenigde', 'Staten', 'NAVO', 'taliban', 'Taliban', 'Kaboel', 'Washington', 'Trump', 'Obama', 'Assad', 'Syrië',
  'Hamas', 'Israël', 'IS', 'al-Qaida', 'Haftar', 'Noord', 'Frans', 'spreekt', 'president', 'generaal', 'de', 'het',
  'van', 'bin', 'en', 'in', 'naar', 'Door:', 'door', 'Bron:', 'bron', 'Belga', 'AFP', 'Reuters', '(ANP)', 'Redactie',
  'update', 'Bijgewerkt:', 'om', '12:30', '14u05', '5 september', 'maandag', '12/09/2019', '3 minuten geleden',
  'Foto:', 'Van onze correspondent', 'KABOEL', 'HET', 'oorlog', 'burgeroorlog', 'aanslag', 'De', 'Het', 'Jan', 'Peeters',
];

const SEPARATORS = [' ', ' ', ' ', '\n', '\n\n', '. ', ', '];

const fragment = fc.oneof(
  { arbitrary: fc.constantFrom(...WORDS), weight: 5 },
  { arbitrary: fc.constantFrom(...SEPARATORS), weight: 5 },
  { arbitrary: fc.constantFrom(...ODDITIES), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }), weight: 1 },
);

/** What Postgres text cannot hold; the parser refuses it (NUL_CHARACTER, NOT_UTF8). */
const UNSTORABLE = /\u0000|\p{Cs}/u;
const LINE_BREAKS = /[\r\n\u2028\u2029\u0085]/;
const textOf = (pieces: fc.Arbitrary<string>) => fc.array(pieces, { maxLength: 80 }).map((parts) => parts.join(''));

/** Random text built from the pieces above, up to a few hundred characters. */
const hostileText = textOf(fragment);
/** The same without NUL and lone surrogates (well-formed pieces joined stay well-formed). */
const storableText = textOf(fragment.filter((piece) => !UNSTORABLE.test(piece)));
/** The same again, with `\n` as its only line break (for the line-ending property). */
const plainNewlineText = textOf(
  fragment.filter((piece) => !UNSTORABLE.test(piece) && !LINE_BREAKS.test(piece.replace(/\n/g, ''))),
);

const pad = (n: number) => String(n).padStart(2, '0');

const validHeader = fc
  .record({
    year: fc.integer({ min: 1900, max: 2100 }),
    month: fc.integer({ min: 1, max: 12 }),
    lead: fc.constantFrom('', ' ', ' ', '\uFEFF', '\n\n', ' \t', '\u00A0', '\u200B'),
    word: fc.constantFrom('date', 'Date', 'DATE'),
    gap: fc.constantFrom(' ', '  ', '\t', ' \t '),
  })
  .map((h) => ({ year: h.year, month: h.month, line: `${h.lead}${h.word}${h.gap}${h.year}-${pad(h.month)} ` }));

const isoDay = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

/** What parseArticle did: an article, or the problem of the ArticleFormatError it threw. Anything else is thrown on. */
type Outcome = { article: ParsedArticle; problem?: undefined } | { article?: undefined; problem: ArticleFormatProblem };

/**
 * Collects broken promises as text, so that a 1 MB article with 100,000 mentions costs one `expect`
 * (vitest's are too slow to call per mention), and a failure says which promise and where.
 */
class Faults {
  readonly list: string[] = [];
  check(ok: boolean, what: () => string): void {
    if (!ok && this.list.length < 20) this.list.push(what());
  }
}

const show = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

function parse(text: string, externalId = 'prop_1'): Outcome {
  let article: ParsedArticle;
  try {
    article = parseArticle({ externalId, text });
  } catch (error) {
    if (!(error instanceof ArticleFormatError)) {
      throw new Error(`parseArticle threw ${String(error)} instead of an ArticleFormatError`, { cause: error });
    }
    const faults = new Faults();
    faults.check(PROBLEMS.includes(error.problem), () => `unknown problem ${error.problem}`);
    faults.check(error.externalId === externalId, () => `the error names ${show(error.externalId)}`);
    faults.check(error.detail !== '', () => 'the error has no detail');
    // The message quotes at most the start of an unusable id, never the whole text.
    faults.check(error.message.length < 400, () => `a message of ${error.message.length} characters`);
    expect(faults.list).toEqual([]);
    return { problem: error.problem };
  }
  expect(wellFormed(article, { externalId, text })).toEqual([]);
  return { article };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** Whitespace other than a plain space, line breaks of any kind, zero-width characters: normalisation removes them all. */
const NOT_IN_A_PARAGRAPH = /[^\S ]|[\u2028\u2029\u0085\u200B-\u200D\u2060\u00AD\uFEFF]/;

/** The broken promises of ParsedArticle (src/corpus/types.ts) and of what Postgres needs to store it. */
function wellFormed(article: ParsedArticle, input: { externalId: string; text: string }): string[] {
  const faults = new Faults();
  const { title, body, publishedOn } = article;
  faults.check(article.externalId === input.externalId, () => `externalId ${show(article.externalId)}`);
  faults.check(article.raw === input.text, () => 'raw is not the text as given');
  faults.check(article.language === 'nl', () => `language ${article.language}`);

  faults.check(title.length > 0 && title.length <= 120, () => `a title of ${title.length} characters`);
  faults.check(title === title.trim() && !NOT_IN_A_PARAGRAPH.test(title), () => `title ${show(title)}`);

  const paragraphs = body.split('\n\n');
  for (const paragraph of paragraphs) {
    const clean = paragraph !== '' && paragraph === paragraph.trim() && !NOT_IN_A_PARAGRAPH.test(paragraph);
    faults.check(clean && !paragraph.includes('  '), () => `paragraph ${show(paragraph)}`);
  }
  faults.check(new Set(paragraphs).size === paragraphs.length, () => 'a paragraph is repeated');
  for (const [name, text] of Object.entries({ title, body, raw: article.raw })) {
    faults.check(!UNSTORABLE.test(text), () => `${name} holds a NUL or a lone surrogate`);
  }

  for (const source of article.sources) faults.check(source !== '' && source === source.trim(), () => `source ${show(source)}`);
  const sourceKeys = new Set(article.sources.map((s) => s.toLowerCase()));
  faults.check(sourceKeys.size === article.sources.length, () => `repeated sources ${JSON.stringify(article.sources)}`);

  const date = /^(\d{4})-\d{2}-(\d{2})$/.exec(publishedOn);
  const real = date !== null && new Date(`${publishedOn}T00:00:00Z`).toISOString().slice(0, 10) === publishedOn;
  const year = Number(date?.[1]);
  faults.check(real && year >= 1900 && year <= 2100, () => `publishedOn ${publishedOn}`);
  faults.check(
    article.datePrecision === 'DAY' || (article.datePrecision === 'MONTH' && date?.[2] === '01'),
    () => `${article.datePrecision} precision on ${publishedOn}`,
  );
  faults.check(/^[0-9a-f]{64}$/.test(article.contentHash) && article.contentHash === sha256(body), () => 'contentHash');
  return faults.list;
}

function checkSpan(faults: Faults, body: string, span: MentionSpan, what: string): void {
  const inBody = Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.end <= body.length;
  faults.check(
    inBody && span.start < span.end && body.slice(span.start, span.end) === span.text,
    () => `${what} ${span.start}–${span.end} ${show(span.text)} is not ${show(body.slice(span.start, span.end))}`,
  );
}

function checkInOrderWithoutOverlap(faults: Faults, spans: MentionSpan[], what: string): void {
  for (let i = 1; i < spans.length; i++) {
    faults.check(spans[i]!.start >= spans[i - 1]!.end, () => `${what} ${i} overlaps or comes before the one before it`);
  }
}

let linker: Linker;

/** Links like ingest does and checks what LinkResult promises (src/linking/types.ts). */
function link(input: LinkInput) {
  const result = linker.linkWithUnknown(input);
  const { body } = input;
  const faults = new Faults();

  faults.check(new Set(result.actors.map((a) => a.slug)).size === result.actors.length, () => 'an actor is listed twice');
  for (const actor of result.actors) {
    faults.check(/\S/.test(actor.slug) && actor.mentions.length > 0, () => `actor ${show(actor.slug)} without mentions`);
    for (const mention of actor.mentions) {
      checkSpan(faults, body, mention, `a mention of ${actor.slug}`);
      faults.check(mention.method === 'DICTIONARY' || mention.method === 'RULE', () => `method ${mention.method}`);
      faults.check(mention.confidence > 0 && mention.confidence <= 1, () => `confidence ${mention.confidence}`);
    }
    checkInOrderWithoutOverlap(faults, actor.mentions, `mention of ${actor.slug}`);
  }
  const all = result.actors.flatMap((a) => a.mentions).sort((a, b) => a.start - b.start);
  checkInOrderWithoutOverlap(faults, all, 'mention');
  const places = result.places ?? [];
  faults.check(new Set(places.map((p) => p.place.id)).size === places.length, () => 'a place is listed twice');
  for (const { place, mentions } of places) {
    faults.check(mentions.length > 0 && place.kind !== 'COUNTRY', () => `place ${show(place.id)} without mentions or a country`);
    for (const mention of mentions) {
      checkSpan(faults, body, mention, `a mention of ${place.id}`);
      faults.check(mention.confidence > 0 && mention.confidence <= 1, () => `confidence ${mention.confidence}`);
    }
  }
  checkInOrderWithoutOverlap(faults, places.flatMap((p) => p.mentions).sort((a, b) => a.start - b.start), 'place mention');

  faults.check(new Set(result.conflicts.map((c) => c.slug)).size === result.conflicts.length, () => 'a conflict is listed twice');
  result.conflicts.forEach((conflict, i) => {
    faults.check(conflict.score > 0 && conflict.score <= 1, () => `score ${conflict.score} of ${conflict.slug}`);
    faults.check(i === 0 || conflict.score <= result.conflicts[i - 1]!.score, () => `conflict ${conflict.slug} out of order`);
  });

  for (const actor of result.provisional) {
    faults.check(/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(actor.key) && actor.mentions.length > 0, () => `provisional ${show(actor.key)}`);
    for (const mention of actor.mentions) {
      checkSpan(faults, body, mention, `a mention of provisional ${actor.key}`);
      faults.check(mention.method === 'RULE' && mention.confidence > 0 && mention.confidence < 0.98, () => `${mention.method} ${mention.confidence}`);
    }
  }
  const everyMention = [...all, ...result.provisional.flatMap((a) => a.mentions)].sort((a, b) => a.start - b.start);
  checkInOrderWithoutOverlap(faults, everyMention, 'linked or provisional mention');
  for (const name of result.unlinked) checkSpan(faults, body, name, 'an unknown name');
  checkInOrderWithoutOverlap(faults, result.unlinked, 'unknown name');
  expect(faults.list).toEqual([]);
  return result;
}

const runs = (numRuns: number) => ({ numRuns, endOnFailure: false });

beforeAll(() => {
  linker = seedLinking().linker;
});

describe('parseArticle under random text', () => {
  it('returns a well-formed article or throws ArticleFormatError, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(hostileText, fc.tuple(validHeader, hostileText).map(([header, rest]) => header.line + rest)),
        (text) => void parse(text),
      ),
      { ...runs(400), examples: [[''], ['\u0000'], ['\uFEFF'], ['\uD800'], [' date '], ['date 2020-01'], ['\r\r\r']] },
    );
  });

  it('reads any text after a valid date line as an article of that month, or finds no text in it', () => {
    fc.assert(
      fc.property(validHeader, hostileText, (header, rest) => {
        const outcome = parse(header.line + rest);
        if (UNSTORABLE.test(rest)) {
          expect(['NUL_CHARACTER', 'NOT_UTF8']).toContain(outcome.problem);
        } else if (outcome.article) {
          expect(outcome.article.publishedOn.startsWith(`${header.year}-${pad(header.month)}-`)).toBe(true);
        } else {
          expect(outcome.problem).toBe('NO_TEXT');
        }
      }),
      runs(400),
    );
  });

  it('refuses a date line whose year or month is out of range as BAD_DATE', () => {
    const outOfRange = fc.oneof(
      fc.record({ year: fc.integer({ min: 0, max: 1899 }), month: fc.integer({ min: 0, max: 99 }) }),
      fc.record({ year: fc.integer({ min: 2101, max: 9999 }), month: fc.integer({ min: 0, max: 99 }) }),
      fc.record({ year: fc.integer({ min: 1900, max: 2100 }), month: fc.constantFrom(0, 13, 19, 20, 99) }),
    );
    fc.assert(
      fc.property(outOfRange, storableText, ({ year, month }, rest) => {
        const text = ` date ${String(year).padStart(4, '0')}-${pad(month)} ${rest}`;
        expect(parse(text).problem).toBe('BAD_DATE');
      }),
      runs(200),
    );
  });

  it('refuses a first line that is not a date line, however close, as NO_DATE_LINE', () => {
    const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
    const malformed = fc.oneof(
      fc.tuple(digits(4), digits(1)).map(([y, m]) => `date ${y}-${m} `),
      fc.tuple(digits(2), digits(2)).map(([y, m]) => `date ${y}-${m} `),
      fc.tuple(digits(4), digits(2)).map(([y, m]) => `date ${y}/${m} `),
      fc.tuple(digits(4), digits(2)).map(([y, m]) => `date${y}-${m} `),
      fc.tuple(digits(4), digits(2)).map(([y, m]) => `date ${y}-${m}x `),
      fc.tuple(digits(4), digits(2)).map(([y, m]) => `date ${y}-${m}5 `),
      fc.tuple(digits(4), digits(2)).map(([y, m]) => `datum ${y}-${m} `),
      fc.tuple(digits(4), digits(2)).map(([y, m]) => `Vandaag, date ${y}-${m} `),
      fc.tuple(digits(4), digits(2)).map(([y, m]) => `d\u0301ate ${y}-${m} `),
    );
    fc.assert(
      fc.property(malformed, storableText, (line, rest) => {
        expect(parse(line + rest).problem).toBe('NO_DATE_LINE');
      }),
      runs(200),
    );
  });

  it('refuses text without any date line as EMPTY or NO_DATE_LINE', () => {
    fc.assert(
      fc.property(
        storableText.filter((text) => !/date/i.test(text)),
        (text) => {
          expect(['EMPTY', 'NO_DATE_LINE']).toContain(parse(text).problem);
        },
      ),
      runs(300),
    );
  });

  it('reads CRLF, CR-only and Unicode line separators exactly like LF', () => {
    const breaks = fc.constantFrom('\r\n', '\r', '\u2028', '\u2029', '\u0085');
    fc.assert(
      fc.property(validHeader, plainNewlineText, breaks, (header, rest, lineBreak) => {
        const text = header.line + rest;
        const lf = parse(text);
        const other = parse(text.replace(/\n/g, lineBreak));
        if (lf.article) {
          const { raw: _raw, ...same } = lf.article;
          expect(other.article).toMatchObject(same);
        } else {
          expect(other.problem).toBe(lf.problem);
        }
      }),
      runs(300),
    );
  });

  it('accepts an external id exactly when it is 1 to 200 of A-Z a-z 0-9 . _ -', () => {
    const RULE = /^[A-Za-z0-9._-]{1,200}$/;
    const ids = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.stringMatching(/^[A-Za-z0-9._-]{1,200}$/),
      fc.string({ unit: fc.constantFrom('a', '.', '-', '_', '9', '/', ' ', '\u0000', 'é'), minLength: 190, maxLength: 260 }),
      fc.constantFrom('', '..', '.', '-', '../../etc/passwd', 'a\nb', 'x'.repeat(200), 'x'.repeat(201)),
    );
    fc.assert(
      fc.property(ids, (externalId) => {
        const outcome = parse(' date 2020-05 Een kort bericht over de gevechten.', externalId);
        if (RULE.test(externalId)) expect(outcome.article?.externalId).toBe(externalId);
        else expect(outcome.problem).toBe('BAD_EXTERNAL_ID');
      }),
      runs(300),
    );
  });
});

describe('decodeArticle under random bytes', () => {
  const BOM = [0xef, 0xbb, 0xbf];
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 400 }),
    // A valid header, then anything.
    fc.uint8Array({ maxLength: 400 }).map((tail) => new Uint8Array([...Buffer.from(' date 2021-07 '), ...tail])),
    // Valid UTF-8 with one byte changed: almost right is the hardest case for a decoder.
    fc
      .tuple(validHeader, storableText, fc.nat(), fc.integer({ min: 0, max: 255 }))
      .map(([header, rest, at, value]) => {
        const encoded = new Uint8Array(Buffer.from(header.line + rest, 'utf8'));
        if (encoded.length > 0) encoded[at % encoded.length] = value;
        return encoded;
      }),
    fc.uint8Array({ maxLength: 50 }).map((tail) => new Uint8Array([...BOM, ...BOM, ...tail])),
  );

  it('decodes strict UTF-8 or throws NOT_UTF8, and the parser takes whatever it decodes', () => {
    fc.assert(
      fc.property(bytes, (input) => {
        let text: string;
        try {
          text = decodeArticle('bytes_1', input);
        } catch (error) {
          expect(error).toBeInstanceOf(ArticleFormatError);
          expect((error as ArticleFormatError).problem).toBe('NOT_UTF8');
          expect(() => new TextDecoder('utf-8', { fatal: true }).decode(input)).toThrow();
          return;
        }
        // Nothing is replaced or lost but byte order marks at the start.
        const encoded = Buffer.from(text, 'utf8');
        const dropped = input.length - encoded.length;
        expect(Buffer.from(input.subarray(dropped)).equals(encoded)).toBe(true);
        for (let i = 0; i < dropped; i++) expect(input[i]).toBe(BOM[i % 3]);
        parse(text, 'bytes_1');
      }),
      runs(400),
    );
  });

  it('refuses more than 1 MiB without decoding it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4096 }), (extra) => {
        const problem = (() => {
          try {
            decodeArticle('big_1', new Uint8Array(MAX_ARTICLE_BYTES + extra).fill(0xff));
          } catch (error) {
            return (error as ArticleFormatError).problem;
          }
          return null;
        })();
        expect(problem).toBe('TOO_LARGE');
      }),
      runs(20),
    );
  });
});

describe('the linker under random text', () => {
  it('never throws and only returns spans of the body it was given, for raw text', () => {
    fc.assert(
      fc.property(hostileText, hostileText, isoDay, (title, body, publishedOn) => void link({ title, body, publishedOn })),
      runs(400),
    );
  });

  it('links parsed articles the same whether asked for links alone, unknown names alone, or both', () => {
    fc.assert(
      fc.property(validHeader, hostileText, (header, rest) => {
        const { article } = parse(header.line + rest);
        fc.pre(article !== undefined);
        const input = { title: article.title, body: article.body, publishedOn: article.publishedOn };
        const both = link(input);
        expect(linker.link(input)).toEqual({ actors: both.actors, conflicts: both.conflicts, provisional: both.provisional, places: both.places });
        expect(linker.unlinkedCandidates(article.body)).toEqual(both.unlinked);
      }),
      runs(300),
    );
  });
});

/** The words as the expression of text.ts reads them: the definition that the hand-written `tokenize` must keep to. */
function tokensByExpression(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu)) {
    const start = match.index;
    const end = start + match[0].length;
    tokens.push({ start, end, text: match[0], key: foldKey(match[0]), gapBefore: text.slice(previousEnd, start) });
    previousEnd = end;
  }
  return tokens;
}

describe('tokenize', () => {
  it('reads the words, keys and gaps that the expression of a word reads, in any text', () => {
    fc.assert(fc.property(hostileText, (text) => void expect(tokenize(text)).toEqual(tokensByExpression(text))), runs(2000));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => void expect(tokenize(text)).toEqual(tokensByExpression(text))), runs(2000));
  });

  it('reads the seed articles and the evaluation texts as the expression does', () => {
    const folders = ['../seeds/articles/', 'fixtures/eval/articles/', 'fixtures/eval/real-style/', 'fixtures/eval/blind/', 'fixtures/eval/blind-2/'];
    const files = folders.flatMap((folder) => readdirSync(new URL(folder, import.meta.url)).map((file) => new URL(folder + file, import.meta.url)));
    expect(files.length).toBeGreaterThan(60);
    for (const file of files) expect(tokenize(readFileSync(file, 'utf8'))).toEqual(tokensByExpression(readFileSync(file, 'utf8')));
  });
});

/** A text of about `bytes` UTF-8 bytes made of `unit` (a string, or a function giving the i-th piece). */
function repeated(unit: string | ((i: number) => string), bytes: number): string {
  if (typeof unit === 'string') return unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit, 'utf8')));
  const parts: string[] = [];
  for (let length = 0, i = 0; length < bytes; i++) {
    const next = unit(i);
    parts.push(next);
    length += Buffer.byteLength(next, 'utf8');
  }
  return parts.join('');
}

const CAPITALISED = ['Jan', 'Piet', 'Ahmed', 'Zubair', 'Khan', 'Noord', 'Van', 'De', 'Maria', 'Oost', 'Abu', 'Bakr'];
const STORABLE_ODDITIES = ODDITIES.filter((c) => !UNSTORABLE.test(c));
/** A little under the limit of 1 MiB, counted in UTF-8 bytes by the parser. */
const NEAR_LIMIT = 1_000_000;

// Shapes that took, or could take, quadratic time or deep recursion in a rule (full stops, closing quotes,
// combining marks, `update` labels and tab gaps did before the fixes), each about 1 MB: quadratic time on
// them is hours, which the test timeout catches (Vitest cannot stop a synchronous call, so the test fails
// when the call returns). Speed on ordinary text is what `npm run bench:link` measures; no limit here.
const WORST_CASES: [name: string, text: () => string][] = [
  ['one line of 1 MB without a newline', () => repeated('a', NEAR_LIMIT)],
  ['repeated "Amerikaanse"', () => repeated('Amerikaanse ', NEAR_LIMIT)],
  ['one long run of capitalised words', () => repeated((i) => `${CAPITALISED[(i * 7) % CAPITALISED.length]} `, NEAR_LIMIT)],
  ['a label repeated ("update update …")', () => repeated('update ', NEAR_LIMIT)],
  ['a run of full stops', () => `Tekst ${repeated('.', NEAR_LIMIT)}x`],
  ['a headline of closing quotes', () => `${repeated('"', NEAR_LIMIT)}x\n\nTweede alinea.`],
  ['a run of combining marks of two classes', () => `Tekst a${repeated('\u0301\u0316', NEAR_LIMIT)}`],
  ['bylines and credits', () => repeated((i) => ['Door: Jan ', 'Bron: Belga, ', '(ANP) ', '© AFP '][i % 4]!, NEAR_LIMIT)],
  ['timestamps', () => repeated((i) => ['12/01/2020 ', '5 januari ', '14u05 ', 'Bijgewerkt: '][i % 4]!, NEAR_LIMIT)],
  ['shouted acronyms and regions', () => repeated((i) => ['HET IS VS ', 'Noord-Syrië ', 'Zuid-'][i % 3]!, NEAR_LIMIT)],
  ['repeated sentences and paragraphs', () => repeated((i) => (i % 2 ? 'De taliban vallen Kunduz aan. ' : '\n\nA.\n\n'), NEAR_LIMIT)],
  ['every Unicode oddity Postgres can store', () => repeated((i) => STORABLE_ODDITIES[i % STORABLE_ODDITIES.length]! + WORDS[(i * 7) % WORDS.length]!, NEAR_LIMIT)],
  ['CR-only line breaks', () => `Tekst${repeated('\r', NEAR_LIMIT)}meer tekst`],
  ['opening brackets', () => repeated('(', NEAR_LIMIT)],
];

describe('worst cases', () => {
  it.each(WORST_CASES)('parses and links %s', (_name, content) => {
    const { article, problem } = parse(` date 2019-09 ${content()}`);
    expect(problem).toBeUndefined();
    link({ title: article!.title, body: article!.body, publishedOn: article!.publishedOn });
  });

  // The linker has no size limit of its own: these go to it directly, past the parser.
  it.each<[string, () => string]>([
    ['100,000 times "Amerikaanse"', () => repeated('Amerikaanse ', 100_000 * 12)],
    ['every Unicode oddity', () => repeated((i) => ODDITIES[i % ODDITIES.length]! + WORDS[(i * 7) % WORDS.length]!, NEAR_LIMIT)],
    ['a tab gap of 1 MB inside a name', () => `Vladimir${repeated('\t', NEAR_LIMIT)}!Poetin`],
    ['a no-break space gap of 1 MB', () => `Jan${repeated('\u00a0', NEAR_LIMIT)}!Piet`],
    ['2 MB of capitalised words without spaces between sentences', () => repeated('Jan.Piet.', 2 * NEAR_LIMIT)],
  ])('links raw text with %s', (_name, text) => {
    const body = text();
    link({ title: body.slice(0, 120), body, publishedOn: '2019-09-01' });
  });
});
