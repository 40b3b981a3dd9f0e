import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ArticleFormatError,
  decodeArticle,
  externalIdFromPath,
  parseArticle,
  parseArticleFile,
} from '../src/corpus/parse.js';
import type { ArticleFormatProblem } from '../src/corpus/types.js';

const MiB = 1024 * 1024;

function parse(text: string, externalId = 'test_1') {
  return parseArticle({ externalId, text });
}

/** A September 2019 article: header, then the given paragraphs separated by blank lines. */
function sept(...paragraphs: string[]) {
  return parse(` date 2019-09 ${paragraphs.join('\n\n')}`);
}

function paragraphsOf(body: string): string[] {
  return body.split('\n\n');
}

function problemOf(run: () => unknown): ArticleFormatProblem | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ArticleFormatError) return error.problem;
    throw error;
  }
  return undefined;
}

const STORY = 'De rebellen trokken zaterdag de stad binnen. Het leger trok zich terug naar het zuiden.';

describe('format errors', () => {
  it('names the article and what is wrong', () => {
    const error = (() => {
      try {
        parse('Hello\nwereld', '000_x');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ArticleFormatError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'ArticleFormatError', problem: 'NO_DATE_LINE', externalId: '000_x' });
    expect((error as Error).message).toBe('000_x: the first line must start with " date YYYY-MM", found "Hello"');
  });

  it.each([
    ['', 'EMPTY'],
    [' \n\t \r\n\u00a0 ', 'EMPTY'],
    ['Zomaar een tekst zonder datumregel.', 'NO_DATE_LINE'],
    [' date 2019-9 Een tekst.', 'NO_DATE_LINE'],
    [' date 2019-09-05 Een tekst.', 'NO_DATE_LINE'],
    [' datum 2019-09 Een tekst.', 'NO_DATE_LINE'],
    ['Een inleiding.\n date 2019-09 Een tekst.', 'NO_DATE_LINE'],
    [' date 2019-13 Een tekst.', 'BAD_DATE'],
    [' date 2019-00 Een tekst.', 'BAD_DATE'],
    [' date 1899-12 Een tekst.', 'BAD_DATE'],
    [' date 2101-01 Een tekst.', 'BAD_DATE'],
    [' date 2019-09', 'NO_TEXT'],
    [' date 2019-09    \n\n  \n', 'NO_TEXT'],
    [' date 2019-09 Door: redactie\n\n5/09/19 - 16u59\n\nBron: Belga\n\n© reuters.', 'NO_TEXT'],
  ] as const)('%j is %s', (text, problem) => {
    expect(problemOf(() => parse(text))).toBe(problem);
  });

  it('says which part of the date line is impossible', () => {
    expect(() => parse(' date 2019-13 Tekst.', 'x')).toThrow('x: the date line gives 2019-13, but the month must be between 01 and 12');
    expect(() => parse(' date 1850-01 Tekst.', 'x')).toThrow('the year must be between 1900 and 2100');
  });

  it('accepts the date line without its leading space, with extra spaces and in any case', () => {
    for (const header of ['date 2019-09', '   DATE   2019-09', ' Date 2019-09', '\n\n date 2019-09']) {
      expect(parse(`${header} ${STORY}`).publishedOn).toBe('2019-09-01');
    }
    expect(parse(` date 2019-09\n\n${STORY}`).body).toBe(STORY);
  });

  it.each([
    ['', 'BAD_EXTERNAL_ID'],
    ['a'.repeat(201), 'BAD_EXTERNAL_ID'],
    ['met spatie', 'BAD_EXTERNAL_ID'],
    ['map/bestand', 'BAD_EXTERNAL_ID'],
    ['artikel_é', 'BAD_EXTERNAL_ID'],
    ['a'.repeat(200), undefined],
    ['Artikel-01_v2.nl', undefined],
  ] as const)('external id %j → %s', (externalId, problem) => {
    expect(problemOf(() => parse(` date 2019-09 ${STORY}`, externalId))).toBe(problem);
  });

  it('quotes an unusable external id in the message', () => {
    expect(() => parse(` date 2019-09 ${STORY}`, 'a b')).toThrow(/^"a b": the external id must be/);
  });

  it('refuses text over 1 MiB counted in UTF-8 bytes, not characters', () => {
    const text = (size: number) => ` date 2019-09 ${'ë'.repeat(size)}.`;
    // 'ë' is two bytes: 600,000 of them are 1.2 MB though only 600,000 characters.
    expect(problemOf(() => parse(text(600_000)))).toBe('TOO_LARGE');
    expect(problemOf(() => parse(text(400_000)))).toBeUndefined();
  });
});

describe('decodeArticle', () => {
  const encode = (text: string) => new TextEncoder().encode(text);

  it('decodes UTF-8 and strips a byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encode(' date 2019-09 Libië.')]);
    expect(decodeArticle('x', bytes)).toBe(' date 2019-09 Libië.');
  });

  it('refuses invalid UTF-8', () => {
    expect(problemOf(() => decodeArticle('x', new Uint8Array([0x20, 0xc3, 0x28, 0x41])))).toBe('NOT_UTF8');
    expect(() => decodeArticle('latin1_file', new Uint8Array([0x4c, 0x69, 0x62, 0x69, 0xeb]))).toThrow(
      'latin1_file: the text is not valid UTF-8',
    );
  });

  it('refuses more than 1 MiB and accepts exactly 1 MiB', () => {
    expect(problemOf(() => decodeArticle('x', new Uint8Array(MiB + 1).fill(0x41)))).toBe('TOO_LARGE');
    expect(decodeArticle('x', new Uint8Array(MiB).fill(0x41))).toHaveLength(MiB);
  });
});

describe('externalIdFromPath', () => {
  it.each([
    ['/corpus/000_7ad58918c14715b9.txt', '000_7ad58918c14715b9'],
    ['relatief/artikel.v2.txt', 'artikel.v2'],
    ['C:\\corpus\\artikel.txt', 'artikel'],
    ['zonder-extensie', 'zonder-extensie'],
  ])('%s → %s', (path, id) => {
    expect(externalIdFromPath(path)).toBe(id);
  });
});

describe('titles', () => {
  it('takes a short first line without final punctuation as the headline and drops a glued byline', () => {
    const article = sept('Rebellen nemen havenstad in Redactie', STORY);
    expect(article.title).toBe('Rebellen nemen havenstad in');
    expect(article.body).toBe(STORY);
  });

  it.each([
    'Rebellen nemen havenstad in Door: Jan Peeters',
    'Rebellen nemen havenstad in Van onze correspondent',
    'Rebellen nemen havenstad in (Belga)',
  ])('drops the byline or credit after the headline in %j', (first) => {
    expect(sept(first, STORY)).toMatchObject({ title: 'Rebellen nemen havenstad in', body: STORY });
  });

  it('finds the headline after a byline, and before byline lines of the same block', () => {
    expect(sept('Door: redactie', 'Rebellen nemen havenstad in', STORY).title).toBe('Rebellen nemen havenstad in');
    const article = parse(` date 2019-09 Rebellen nemen havenstad in\nDoor: Jan Peeters\n10u59\n\n${STORY}`);
    expect(article).toMatchObject({ title: 'Rebellen nemen havenstad in', body: STORY });
  });

  it('does not take a first line that runs on into the next as a headline', () => {
    const article = parse(` date 2019-09 De rebellen trokken zaterdag\nde stad binnen. Het leger trok zich terug.`);
    expect(article).toMatchObject({
      title: 'De rebellen trokken zaterdag de stad binnen.',
      body: 'De rebellen trokken zaterdag de stad binnen. Het leger trok zich terug.',
    });
  });

  it('keeps a quoted headline', () => {
    expect(sept('Generaal: "We geven de stad niet op"', STORY).title).toBe('Generaal: "We geven de stad niet op"');
  });

  it('uses the first sentence, which stays in the body, when the text starts with a sentence', () => {
    const article = sept(STORY, 'Een tweede alinea volgt hier.');
    expect(article.title).toBe('De rebellen trokken zaterdag de stad binnen.');
    expect(article.body.startsWith(STORY)).toBe(true);
  });

  it('cuts a long first sentence at a word boundary, with an ellipsis, to at most 120 characters', () => {
    const sentence =
      'De verenigde rebellengroepen uit het noorden van het land hebben na weken van hevige gevechten rond de haven eindelijk de controle over de stad overgenomen.';
    const { title } = sept(sentence, 'Een tweede alinea volgt hier.');
    expect(title).toBe('De verenigde rebellengroepen uit het noorden van het land hebben na weken van hevige gevechten rond de haven eindelijk…');
    expect(title.length).toBeLessThanOrEqual(120);
  });

  it('does not take a line ending in a full stop, or a lone line, as a headline', () => {
    expect(sept('Rebellen nemen havenstad in.', STORY).body.startsWith('Rebellen nemen havenstad in.')).toBe(true);
    expect(sept('Rebellen nemen havenstad in')).toMatchObject({ title: 'Rebellen nemen havenstad in', body: 'Rebellen nemen havenstad in' });
  });

  it('keeps subheadings further down as paragraphs', () => {
    expect(paragraphsOf(sept('Kop boven het stuk', STORY, 'Tussenkop', 'Nog een alinea.').body)).toEqual([
      STORY,
      'Tussenkop',
      'Nog een alinea.',
    ]);
  });
});

describe('bylines and timestamps', () => {
  it.each([
    'Door: redactie',
    'Door: Jan Peeters',
    'door: Els De Smet',
    'Redactie',
    'Van onze correspondent',
    'Van onze correspondent in Moskou',
    '5/09/19 - 16u59',
    '10u59',
    '14:32',
    '02 september 2019',
    'ma 02 sep 2019',
    'maandag 2 september 2019 om 10u59',
    'Bijgewerkt: 3 september 2019 14:32',
    'Bijgewerkt: vandaag om 14:32',
    'Laatst bijgewerkt: 2 uur geleden',
    '0',
  ])('removes the line %j', (line) => {
    expect(sept(line, STORY).body).toBe(STORY);
  });

  it('removes a run of boilerplate at the start of a paragraph', () => {
    expect(sept('Door: Jan Peeters 5/09/19 - 16u59 Bron: Belga', STORY).body).toBe(STORY);
    expect(sept(`Door: Jan Peeters ${STORY}`).body).toBe(STORY);
    expect(sept(`02 september 2019 10u59 ${STORY}`).body).toBe(STORY);
  });

  it('removes consecutive boilerplate lines of one block', () => {
    expect(parse(` date 2019-09 Door: redactie\n5/09/19 - 16u59\nBron: Belga\n${STORY}`).body).toBe(STORY);
  });

  it('takes "Bijgewerkt", "Update" or "Aangepast" without a colon as boilerplate only before a timestamp', () => {
    expect(sept('Aangepast Europees vredesplan ligt op tafel', STORY).title).toBe('Aangepast Europees vredesplan ligt op tafel');
    expect(sept('Bijgewerkt 3 september 2019 14:32', STORY)).toMatchObject({ body: STORY, publishedOn: '2019-09-03' });
  });

  it('takes a number for a counter only right after a credit', () => {
    expect(sept(`Bron: Belga 12 ${STORY}`).body).toBe(STORY);
    expect(sept(`10u59 3 Amerikaanse soldaten kwamen om.`).body).toBe('3 Amerikaanse soldaten kwamen om.');
  });

  it('leaves sentences that begin with a date or with "Door" alone', () => {
    const dated = '11 september 2001 veranderde de oorlog in de regio.';
    const quoted = '"Door de aanvallen vluchten duizenden mensen", zei de burgemeester.';
    expect(paragraphsOf(sept(STORY, dated, quoted).body)).toEqual([STORY, dated, quoted]);
  });
});

describe('publication date', () => {
  it('is the first of the header month when no byline gives a day', () => {
    expect(sept(STORY)).toMatchObject({ publishedOn: '2019-09-01', datePrecision: 'MONTH' });
  });

  it.each([
    ['02 september 2019', '2019-09-02'],
    ['ma 02 sep 2019', '2019-09-02'],
    ['zo 15 sept. 2019 - 09:12', '2019-09-15'],
    ['5/09/19 - 16u59', '2019-09-05'],
    ['30.09.2019', '2019-09-30'],
    ['Bijgewerkt: 3 september 2019 14:32', '2019-09-03'],
    ['7 september', '2019-09-07'],
  ])('takes the day from the byline %j', (byline, day) => {
    expect(sept(byline, STORY)).toMatchObject({ publishedOn: day, datePrecision: 'DAY' });
  });

  it('reads two-digit years and abbreviated month names in the header century', () => {
    expect(parse(` date 2016-09 Door: redactie\n\n5/09/16 - 16u59\n\n${STORY}`).publishedOn).toBe('2016-09-05');
    expect(parse(` date 2020-03 za 7 mrt. 2020\n\n${STORY}`).publishedOn).toBe('2020-03-07');
  });

  it.each([
    ['a day in another month', '5/10/19 - 16u59'],
    ['a day in another year', '02 september 2018'],
    ['an impossible day', '31/09/19 - 10u59'],
  ])('ignores %s but still removes the timestamp', (_, byline) => {
    expect(sept(byline, STORY)).toMatchObject({ publishedOn: '2019-09-01', datePrecision: 'MONTH', body: STORY });
  });

  it('never takes a date from the story', () => {
    const article = sept('Na de aanslagen van 11 september 2001 en op 2 september 2019 vielen doden.', STORY);
    expect(article).toMatchObject({ publishedOn: '2019-09-01', datePrecision: 'MONTH' });
  });
});

describe('source credits', () => {
  it.each([
    [['Bron: Belga, AFP, DPA', STORY], ['Belga', 'AFP', 'DPA']],
    [[STORY, 'bron: belga'], ['Belga']],
    [[`Bron: De Morgen, anp 0 ${STORY}`], ['De Morgen', 'ANP']],
    [['© reuters.', STORY], ['Reuters']],
    [[`${STORY} (ANP)`], ['ANP']],
    [['(belga)', STORY], ['Belga']],
    [[`KABOEL (AFP) - ${STORY}`], ['AFP']],
    [[`(Belga/AFP) ${STORY}`], ['Belga', 'AFP']],
    [[`${STORY} Bron: AP en Reuters`], ['AP', 'Reuters']],
    [['Foto: AFP', STORY], ['AFP']],
    [['Beeld: Reuters / Ahmad Karimi', STORY], ['Reuters']],
    [['Foto: Jan Peeters', STORY], []],
    [['Bron: Het Parool', STORY], ['Het Parool']],
  ])('%j credits %j and leaves only the story', (paragraphs, sources) => {
    expect(sept(...paragraphs)).toMatchObject({ sources, body: STORY });
  });

  it('normalises the casing of known names', () => {
    const article = sept('Bron: BELGA, afp, dpa, de morgen, vrt nws, nu.nl, de volkskrant, TASS, associated press', STORY);
    expect(article.sources).toEqual(['Belga', 'AFP', 'DPA', 'De Morgen', 'VRT NWS', 'NU.nl', 'de Volkskrant', 'Tass', 'AP']);
  });

  it('lists sources in order of first credit without repeats', () => {
    const article = sept('Bron: anp, Reuters', `${STORY} (ANP)`, 'Een tweede alinea. Bron: Belga, reuters');
    expect(article.sources).toEqual(['ANP', 'Reuters', 'Belga']);
  });

  it('does not take names mentioned in the story as credits', () => {
    const text = [
      'The Washington Post meldde dinsdag dat de troepen vertrekken.',
      'Volgens persbureau Reuters vielen er doden, meldt ook Associated Press (AP) in een bericht.',
      'De Verenigde Naties (VN) riepen op tot kalmte.',
    ];
    const article = sept(...text);
    expect(article.sources).toEqual([]);
    expect(paragraphsOf(article.body)).toEqual(text);
  });
});

describe('repeated text', () => {
  const first = 'De stad werd zwaar gebombardeerd. Honderden mensen sloegen op de vlucht.';
  const second = 'De VN vragen een staakt-het-vuren. Hulp kan de stad niet bereiken.';

  it('drops a paragraph that is repeated, whatever its spacing, case or quotes', () => {
    expect(paragraphsOf(sept(first, second, first).body)).toEqual([first, second]);
    const quoted = 'Hij sprak van "een ramp". De burgemeester vroeg hulp.';
    const requoted = 'hij  sprak van “een RAMP”.   De burgemeester vroeg hulp.';
    expect(paragraphsOf(sept(quoted, second, requoted).body)).toEqual([quoted, second]);
  });

  it('drops paragraphs repeated glued into one', () => {
    const third = 'Een derde alinea sluit af.';
    expect(paragraphsOf(sept(first, second, third, `${first} ${second} ${third}`).body)).toEqual([first, second, third]);
  });

  it('keeps only the new sentences of a paragraph that partly repeats', () => {
    const mixed = `${second} Er is een nieuwe zin.`;
    expect(paragraphsOf(sept(first, second, mixed).body)).toEqual([first, second, 'Er is een nieuwe zin.']);
  });

  it.each([
    ['an abbreviation', 'Hij sprak met dhr. Peeters over de vrede.', 'Zij sprak met dhr. Peeters over de vrede.'],
    ['an initial', 'Minister J. Kerry reisde naar Genève.', 'Senator J. Kerry reisde naar Genève.'],
    ['a dotted abbreviation', 'Landen als o.a. Rusland steunen het plan.', 'Ook o.a. Rusland steunen het plan.'],
    ['a thousands separator', 'Het leger stuurde 20.000 Soldaten trokken mee.', 'De VS stuurden 20.000 Soldaten trokken mee.'],
  ])('does not split a sentence at %s', (_, a, b) => {
    // A wrong split would make the tail of b a repeat of the tail of a, and drop it.
    expect(paragraphsOf(sept(a, b).body)).toEqual([a, b]);
  });
});

describe('text normalisation', () => {
  it('handles Windows line endings, non-breaking spaces, tabs, trailing spaces and extra blank lines', () => {
    const text = ` date 2019-09 Kop\u00a0boven het stuk  \r\n\r\n\r\n\r\nDe rebellen\u00a0trokken\tzaterdag de stad binnen.   \r\n\r\n \r\nHet leger trok zich terug.\t\r\n`;
    expect(parse(text)).toMatchObject({
      title: 'Kop boven het stuk',
      body: 'De rebellen trokken zaterdag de stad binnen.\n\nHet leger trok zich terug.',
    });
  });

  it('joins the lines of one paragraph and keeps curly quotes', () => {
    const article = sept('De generaal sprak van\neen “historische dag”.\nHij dankte de soldaten.');
    expect(article.body).toBe('De generaal sprak van een “historische dag”. Hij dankte de soldaten.');
  });

  it('keeps the raw text, hashes the body, and marks the language', () => {
    const text = `\uFEFF date 2019-09 Door: redactie\r\n\r\n${STORY}\r\n`;
    const article = parse(text);
    expect(article.raw).toBe(text);
    expect(article.language).toBe('nl');
    expect(article.contentHash).toBe(createHash('sha256').update(article.body).digest('hex'));
    expect(parse(` date 2019-09 ${STORY}`, 'other_name').contentHash).toBe(article.contentHash);
    expect(sept(`${STORY} Nog een zin.`).contentHash).not.toBe(article.contentHash);
  });
});

describe('parseArticleFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corpus-test-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads, decodes and names the article after the file', async () => {
    const path = join(dir, 'bom_article.txt');
    await writeFile(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(` date 2019-09 ${STORY}`)]));
    expect(await parseArticleFile(path)).toMatchObject({ externalId: 'bom_article', body: STORY, raw: ` date 2019-09 ${STORY}` });
  });

  it.each([
    { name: 'latin1.txt', problem: 'NOT_UTF8', bytes: Buffer.from([0x20, 0x4c, 0x69, 0x62, 0x69, 0xeb]) },
    { name: 'too_big.txt', problem: 'TOO_LARGE', bytes: Buffer.alloc(MiB + 1, 0x41) },
    { name: 'no_date.txt', problem: 'NO_DATE_LINE', bytes: Buffer.from('Hallo') },
  ] as const)('rejects $name as $problem, naming the file', async ({ name, bytes, problem }) => {
    const path = join(dir, name);
    await writeFile(path, bytes);
    const error = await parseArticleFile(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ArticleFormatError);
    expect(error).toMatchObject({ problem, file: path, externalId: name.replace('.txt', '') });
    expect((error as Error).message).toContain(path);
  });
});

describe('seed articles', () => {
  const seeds = new URL('../seeds/articles/', import.meta.url);
  const seedPath = (name: string) => fileURLToPath(new URL(`${name}.txt`, seeds));
  const load = async (name: string) => ({
    article: await parseArticleFile(seedPath(name)),
    file: await readFile(seedPath(name), 'utf8'),
  });

  const expected = {
    '000_7ad58918c14715b9': {
      title: 'De Amerikaanse president Donald Trump heeft eerder deze week telefonisch gesproken met de Libische generaal Khalifa…',
      publishedOn: '2019-04-01',
      datePrecision: 'MONTH',
      sources: [],
      start: 'De Amerikaanse president Donald Trump heeft eerder deze week',
    },
    '001_cc0a580b10ceb995': {
      title: 'Na de Iraanse wraakactie tegen de door de VS gebruikte militaire bases in Irak hebben de Amerikanen hun aanbod tot een…',
      publishedOn: '2020-01-01',
      datePrecision: 'MONTH',
      sources: ['Belga'],
      start: 'Na de Iraanse wraakactie',
    },
    '002_09db54de18924391': {
      title: 'Tijdens een anderhalf uur durend bilateraal gesprek in de marge van de G20-top in Hangzhou zijn de Amerikaanse…',
      publishedOn: '2016-09-05',
      datePrecision: 'DAY',
      sources: ['Belga', 'AFP', 'DPA', 'Reuters'],
      start: 'Tijdens een anderhalf uur durend bilateraal gesprek',
    },
    '003_c0555b05eebce7ae': {
      title: 'Taliban vallen Afghaanse steden aan ondanks onderhandelingen met VS',
      publishedOn: '2019-09-02',
      datePrecision: 'DAY',
      sources: ['De Morgen', 'ANP'],
      start: 'De taliban hebben dit weekend aanvallen uitgevoerd',
    },
    '004_8bd9632aeaf2a08c': {
      title: 'De Amerikaanse president Joe Biden heeft zijn Russische ambtgenoot Vladimir Poetin in een telefoongesprek uitgenodigd…',
      publishedOn: '2021-04-01',
      datePrecision: 'MONTH',
      sources: [],
      start: 'De Amerikaanse president Joe Biden heeft zijn Russische ambtgenoot',
    },
  } as const;

  describe.each(Object.entries(expected))('%s', (name, want) => {
    it('has the expected title, date, precision and sources', async () => {
      const { article } = await load(name);
      expect(article).toMatchObject({
        externalId: name,
        title: want.title,
        publishedOn: want.publishedOn,
        datePrecision: want.datePrecision,
        sources: want.sources,
        language: 'nl',
      });
      expect(article.title.length).toBeLessThanOrEqual(120);
    });

    it('keeps the file as raw and leaves no boilerplate in the body', async () => {
      const { article, file } = await load(name);
      expect(article.raw).toBe(file);
      expect(article.body.startsWith(want.start)).toBe(true);
      expect(article.body).not.toMatch(/\bBron:|\bDoor:|©|\d{1,2}u\d{2}|\bdate \d{4}|\r|\u00a0|\n{3}| \n|\n /i);
      expect(article.body).not.toMatch(/^(?:Redactie|\d+ )/m);
      expect(article.contentHash).toBe(createHash('sha256').update(article.body).digest('hex'));
    });
  });

  it('002 loses its byline, timestamp, credits and photo credit', async () => {
    const { article } = await load('002_09db54de18924391');
    expect(paragraphsOf(article.body)).toHaveLength(6);
    expect(article.body).not.toMatch(/redactie|reuters|Belga|5\/09\/16/i);
  });

  it('003 keeps its story after the glued credit and counter, and its subheadings', async () => {
    const { article } = await load('003_c0555b05eebce7ae');
    const paragraphs = paragraphsOf(article.body);
    expect(paragraphs[0]).toMatch(/^De taliban hebben dit weekend aanvallen uitgevoerd op Kunduz/);
    expect(paragraphs).toContain('Huis tot huis');
    expect(article.body).not.toMatch(/Redactie|02 september 2019|10u59|anp/);
    // The story's own dates stay in the body and are not the publication date.
    expect(article.body).toContain('de aanslagen van 11 september in New York');
  });

  it('004 has each sentence once, and every distinct sentence of the file', async () => {
    const { article, file } = await load('004_8bd9632aeaf2a08c');
    const fileSentences = file
      .replace(/^ date \d{4}-\d{2} /, '')
      .split(/(?<=[.!?])\s+(?=["“A-Z])/)
      .map((sentence) => sentence.trim());
    const distinct = [...new Set(fileSentences)];
    expect(distinct.length).toBeLessThan(fileSentences.length);
    for (const sentence of distinct) {
      expect(article.body.split(sentence).length - 1, sentence).toBe(1);
    }
    // The last paragraph repeated paragraphs 2–4 glued together.
    expect(paragraphsOf(article.body)).toHaveLength(5);
    expect(article.body).not.toContain('The Washington Post meldde dinsdag dat Biden dit wellicht woensdag zal bekendmaken. Oekraïne');
  });
});
