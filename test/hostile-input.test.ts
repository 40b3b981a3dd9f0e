import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { col, selectRows } from '../src/db/rows.js';
import { testClient, WRITE_TOKEN, type GraphQLResponse } from './helpers/app.js';
import { contractOperation } from './helpers/contract.js';
import { backends, openTestDatabase, postgresUrl, type Backend, type TestDatabase } from './helpers/db.js';
import { pgliteFolder } from './helpers/templates.js';

/*
 * Hostile search strings, filters, autocomplete prefixes and article texts sent through the API: every
 * answer is data, or a BAD_USER_INPUT error that names the input at fault; never an unexpected error.
 * Each run is a request to a real database, so the numbers of runs are small.
 */

const SQL_AND_TSQUERY_JUNK = [
  "'; drop table articles; --", "' or '1'='1", '"; select pg_sleep(10); --', '$$', "E'\\x00'", '\\', '\\\\', '\\x',
  '%', '_', '%_%', '!', ':', '*', '&', '|', '(', ')', '<', '>', '<->', '<2>', '!:*&|()<>', 'a:*', 'a:A', 'a & !b | (c <-> d)',
  '"', '""', '"a b', "'", '-', '--', '- -', 'OR', 'or', 'OR OR', 'AND', 'NOT', '&&', 'taliban', 'Poetin', 'Kunduz',
  'Oekraine', 'de', 'het', '<mark>', '</mark>', '<script>alert(1)</script>', '${1}', '{{x}}', 'null', 'NaN',
];
const UNICODE_ODDITIES = [
  '\u0000', '\u0001', '\uD800', '\uDFFF', '\uFEFF', '\u200B', '\u200D', '\u202E', '\u0301', 'é', 'İ', 'ß', '😀',
  '👩‍👩‍👧', '中文', 'ب', '\r\n', '\n', '\t', '\u00A0', '\u3000',
];

const piece = fc.oneof(
  { arbitrary: fc.constantFrom(...SQL_AND_TSQUERY_JUNK), weight: 4 },
  { arbitrary: fc.constantFrom(...UNICODE_ODDITIES), weight: 2 },
  { arbitrary: fc.constantFrom(' ', ' ', '  '), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }), weight: 1 },
);

/**
 * Short junk, random code points, or one piece repeated into a long string. The repeats stay under
 * a few thousand words: longer searches have tests of their own below.
 */
const hostileString = fc.oneof(
  { arbitrary: fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join('')), weight: 6 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 2 },
  { arbitrary: fc.tuple(piece, fc.integer({ min: 50, max: 400 })).map(([p, n]) => p.repeat(n)), weight: 1 },
);

const isoDay = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const dateish = fc.oneof(
  isoDay,
  fc.constantFrom(
    '0000-01-01', '0001-01-01', '9999-12-31', '2021-02-29', '2020-02-29', '2020-13-01', '2020-00-10', '2020-1-1',
    ' 2020-01-01', '2020-01-01T00:00:00Z', '', 'gisteren', "2020-01-01'; drop table articles; --",
  ),
  hostileString,
);

const globalId = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('Actor', 'Conflict', 'Article', 'Nope', 'actor', ''),
      fc.oneof(fc.integer({ min: -5, max: 3_000_000_000 }).map(String), hostileString),
    )
    .map(([type, id]) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64')),
  hostileString,
  fc.integer(),
);

const ids = fc.array(globalId, { maxLength: 3 });

interface Filter {
  search?: string;
  sources?: string[];
  language?: string;
  publishedFrom?: unknown;
  publishedTo?: unknown;
  actors?: { all?: unknown[]; any?: unknown[]; none?: unknown[] };
  conflicts?: { any?: unknown[]; none?: unknown[] };
  actorKinds?: string[];
  and?: Filter[];
  or?: Filter[];
  not?: Filter;
}

const leaf = {
  search: hostileString,
  sources: fc.oneof(
    { arbitrary: fc.array(hostileString, { maxLength: 4 }), weight: 5 },
    { arbitrary: fc.array(fc.constantFrom('Belga', 'afp', ''), { minLength: 95, maxLength: 105 }), weight: 1 },
  ),
  language: hostileString,
  publishedFrom: dateish,
  publishedTo: dateish,
  actors: fc.record({ all: ids, any: ids, none: ids }, { requiredKeys: [] }),
  conflicts: fc.record({ any: ids, none: ids }, { requiredKeys: [] }),
  actorKinds: fc.array(fc.constantFrom('PERSON', 'STATE', 'ORGANIZATION', 'ARMED_GROUP'), { maxLength: 5 }),
};

/** Filters nested up to `depth` levels of and/or/not. */
function filterOf(depth: number): fc.Arbitrary<Filter> {
  if (depth === 0) return fc.record(leaf, { requiredKeys: [] });
  const inner = filterOf(depth - 1);
  return fc.record(
    { ...leaf, and: fc.array(inner, { maxLength: 2 }), or: fc.array(inner, { maxLength: 2 }), not: inner },
    { requiredKeys: [] },
  );
}

/** A filter two levels deep, or one wrapped in up to 7 `not`s (the API allows 5 levels). */
const hostileFilter = fc.oneof(
  { arbitrary: filterOf(2), weight: 5 },
  {
    arbitrary: fc.tuple(filterOf(0), fc.integer({ min: 1, max: 7 })).map(([inner, depth]) => {
      let filter: Filter = inner;
      for (let i = 0; i < depth; i++) filter = { not: filter };
      return filter;
    }),
    weight: 1,
  },
);

const ARTICLES = `query HostileFilter($filter: ArticleFilter, $orderBy: ArticleOrder) {
  articles(first: 3, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges { node { id title snippet } }
    facets { sources(first: 3) { source articleCount } }
    timeline(interval: YEAR) { articleCount }
  }
  conflicts(first: 1) { edges { node { articles(first: 2, filter: $filter, orderBy: $orderBy) { totalCount } } } }
}`;

const SEARCH = contractOperation('SearchArticles');
const SUGGEST = `query Suggest($prefix: String!) {
  actorSuggest(prefix: $prefix, first: 5) { matchedName actor { id } }
  conflictSuggest(prefix: $prefix, first: 5) { matchedName conflict { id } }
}`;
const INGEST = contractOperation('IngestArticle');

const clip = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 1500 ? `${text.slice(0, 1500)}… (${text.length} characters)` : text;
};

/**
 * What is wrong with a response to hostile input: a server error, an error other than BAD_USER_INPUT,
 * one that does not name any of `inputs` (by `extensions.argument`, or as `$variable` in a coercion
 * message), or no data and no errors.
 */
function faultsOf(body: GraphQLResponse, inputs: string[]): string[] {
  const faults: string[] = [];
  if (body.status >= 500) faults.push(`HTTP ${body.status}`);
  for (const error of body.errors ?? []) {
    const code = error.extensions?.code;
    const argument = error.extensions?.argument;
    // An argument names an input, or a place inside one (`filter.actors.any[0]` is inside `filter`).
    const inside = (i: string) => typeof argument === 'string' && (argument === i || argument.startsWith(`${i}.`));
    const named = inputs.some(inside) || inputs.some((i) => error.message.includes(`"$${i}"`));
    if (code !== 'BAD_USER_INPUT' || !named) faults.push(`${String(code)} (argument ${String(argument)}): ${error.message.slice(0, 300)}`);
  }
  if (!body.errors?.length && !body.data) faults.push('neither data nor errors');
  return faults;
}

function expectClean(body: GraphQLResponse, inputs: string[], variables: unknown): void {
  expect(faultsOf(body, inputs), `variables ${clip(variables)}\nresponse ${clip(body)}`).toEqual([]);
}

/** A snippet marks matches with <mark> and holds no other markup, whatever the search. */
function expectSafeSnippets(body: GraphQLResponse): void {
  const edges: { node: { snippet: string | null } }[] = body.data?.articles?.edges ?? [];
  for (const { node } of edges) {
    if (node.snippet !== null) expect(node.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  }
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// Runs one request against an app in a child process, which is killed after `timeoutMs`. For inputs that
// may make the database run without end: PGlite runs inside the process, so a statement that never
// finishes would stop this test run itself instead of failing one test. The database is prepared
// already (the test's own on Postgres, a copy of the seeded one for PGlite), and a search links
// nothing, so the child's app gets a linker over an empty knowledge base instead of building the seeds'.
const CHILD = `
  const { openDatabase } = await import(${JSON.stringify(`${ROOT}src/db/client.ts`)});
  const { createLinker } = await import(${JSON.stringify(`${ROOT}src/linking/linker.ts`)});
  const { createApp } = await import(${JSON.stringify(`${ROOT}src/app.ts`)});
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const { url, dataDir, query, variables } = JSON.parse(input);
  const database = await openDatabase({ url: url ?? undefined, dataDir: dataDir ?? undefined });
  const app = createApp({ db: database.db, linker: createLinker({ actors: [], conflicts: [] }) });
  process.stderr.write('ready\\n');
  const response = await app.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  process.stdout.write(JSON.stringify({ status: response.status, ...(await response.json()) }));
  await database.close();
  process.exit(0);
`;

/**
 * The answer of a child process that opens the database and sends one request; the child is killed
 * when the request takes longer than `timeoutMs` after the database is open.
 */
function requestInChild(where: { url?: string; dataDir?: string }, query: string, variables: Record<string, unknown>, timeoutMs: number) {
  return new Promise<GraphQLResponse>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', CHILD],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        clearTimeout(timer);
        if (error) {
          const why = timedOut ? `no answer within ${timeoutMs / 1000} s` : error.message;
          reject(new Error(`the request did not complete: ${why}\n${stderr.slice(-2000)}`));
        } else resolve(JSON.parse(stdout) as GraphQLResponse);
      },
    );
    child.stderr!.on('data', (chunk: Buffer) => {
      if (timer || !chunk.toString().includes('ready')) return;
      timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
    });
    child.stdin!.end(JSON.stringify({ ...where, query, variables }));
  });
}

/** Where a child process finds a database like the test's: the same one on Postgres, a copy of the seeded one for PGlite. */
async function databaseForChild(database: TestDatabase, backend: Backend): Promise<{ where: { url?: string; dataDir?: string }; remove: () => void }> {
  if (backend === 'pglite') {
    const { dataDir, remove } = await pgliteFolder(true);
    return { where: { dataDir }, remove };
  }
  const [row] = await selectRows(database.database.db, sql`select current_database() as name`, { name: col.text });
  const url = new URL(postgresUrl!);
  url.pathname = `/${row!.name}`;
  return { where: { url: url.toString() }, remove: () => {} };
}

const runs = (numRuns: number) => ({ numRuns, endOnFailure: true });

describe.each(backends)('hostile input through the API on %s', (backend) => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    client = testClient(database);
  });
  afterAll(() => database?.close());

  it('answers any search text with data or a BAD_USER_INPUT, and snippets hold no markup but <mark>', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, async (q) => {
        const body = await client.request(SEARCH, { q, first: 3 });
        expectClean(body, ['filter', 'q'], { q });
        if (!body.errors) expect(body.data!.articles.edges).toHaveLength(Math.min(3, body.data!.articles.totalCount));
        expectSafeSnippets(body);
      }),
      {
        ...runs(40),
        examples: [
          ["'; drop table articles; --"], ['!:*&|()<>'], ['\\'], ['\uD800'], ['<script>'],
          ['\u0000'], ['taliban\u0000'], ['-'.repeat(60)], ['- '.repeat(60)],
          // Found by this property in CI: PGlite refused the lone surrogate's bytes (22021).
          ['<script>alert(1)</script>🎈𓀜𑐤㌨é\udfff'], ['\ud800 Kaboel \udc00'],
        ],
      },
    );
  }, 120_000);

  it('answers any article filter with data or a BAD_USER_INPUT naming the filter', async () => {
    const orderBy = fc.option(fc.constantFrom('NEWEST', 'OLDEST', 'RELEVANCE'), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(hostileFilter, orderBy, async (filter, order) => {
        const variables = { filter, orderBy: order };
        const body = await client.request(ARTICLES, variables);
        expectClean(body, ['filter', 'id', 'orderBy'], variables);
        expectSafeSnippets(body);
      }),
      {
        ...runs(40),
        examples: [
          [{ sources: ['Belga\u0000'] }, undefined],
          [{ language: '\u0000' }, undefined],
          [{ publishedFrom: '0000-01-01' }, undefined],
          [{ not: { search: "'; drop table articles; --", sources: ["'); delete from articles; --"] } }, 'RELEVANCE'],
        ],
      },
    );
  }, 120_000);

  it('answers any autocomplete prefix with data or a BAD_USER_INPUT naming the prefix', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, async (prefix) => {
        expectClean(await client.request(SUGGEST, { prefix }), ['prefix'], { prefix });
      }),
      { ...runs(30), examples: [['\u0000'], ['%'], ['_'], ['\\'], ["'"], ['\uD800']] },
    );
  }, 120_000);

  it('stores any hostile article text or refuses it as BAD_USER_INPUT with its format problem', async () => {
    const headers = { authorization: `Bearer ${WRITE_TOKEN}` };
    const header = fc
      .tuple(fc.integer({ min: 1890, max: 2110 }), fc.integer({ min: 0, max: 13 }))
      .map(([year, month]) => ` date ${year}-${String(month).padStart(2, '0')} `);
    const text = fc.oneof(
      fc.tuple(header, fc.array(fc.oneof(piece, fc.constantFrom('Poetin', 'Rusland', 'Oekraïne', 'Kiev', '\n\n', '. ')), { maxLength: 60 }))
        .map(([line, pieces]) => line + pieces.join('')),
      hostileString,
    );
    const externalId = fc.oneof(fc.stringMatching(/^[A-Za-z0-9._-]{1,40}$/), hostileString);
    await fc.assert(
      fc.asyncProperty(externalId, text, async (id, body) => {
        const input = { externalId: id, text: body };
        const response = await client.request(INGEST, { input }, headers);
        expectClean(response, ['input'], { input });
        const refused = response.errors?.[0];
        if (refused) expect(refused.extensions?.problem).toMatch(/^[A-Z][A-Z0-9_]+$/);
        else expect(response.data!.ingestArticle.article.id).toEqual(expect.any(String));
      }),
      {
        ...runs(20),
        examples: [
          ['nul_1', ' date 2020-01 Poetin zegt iets \u0000 over Oekraïne.'],
          ['surrogate_1', ' date 2020-01 Poetin zegt iets \uD800 over Oekraïne.'],
          ["x'; drop table articles; --", ' date 2020-01 Een tekst.'],
        ],
      },
    );
  }, 120_000);

  it('refuses a search of 1.9 MB in one word, within the request limit of 2 MiB, naming the filter', async () => {
    const body = await client.request(SEARCH, { q: 'x'.repeat(1_900_000), first: 3 });
    expectClean(body, ['filter'], { q: 'x × 1,900,000' });
    expect(body.errors?.[0]?.message).toContain('at most 1000 characters');
  });

  it('answers a search of a hundred negations in a row', async () => {
    const body = await client.request(SEARCH, { q: `vrede ${'- '.repeat(100)}oorlog`, first: 3 });
    expectClean(body, [], { q: 'vrede (- ) × 100 oorlog' });
  });

  it('answers or refuses a search whose words are too many letters for one tsquery', async () => {
    const q = `${'q'.repeat(2000)} `.repeat(600);
    expectClean(await client.request(SEARCH, { q, first: 3 }), ['filter', 'q'], { q: '("q" × 2000 + " ") × 600' });
  });

  it('answers or refuses a search of 30,000 words, without stopping the server', async () => {
    const q = 'Poetin '.repeat(30_000);
    const child = await databaseForChild(database, backend);
    try {
      // The limit only ends a statement that would never end; it is no measure of speed.
      const body = await requestInChild(child.where, SEARCH, { q, first: 3 }, 180_000);
      expectClean(body, ['filter', 'q'], { q: '"Poetin " × 30,000' });
    } finally {
      child.remove();
    }
  }, 240_000);

  it('takes 100 sources of 19,000 characters, and refuses 101', async () => {
    const many = Array.from({ length: 100 }, (_, i) => `${i}`.padEnd(19_000, 'b'));
    expectClean(await client.request(ARTICLES, { filter: { sources: many } }), [], 'sources × 100');
    const tooMany = await client.request(ARTICLES, { filter: { sources: [...many.slice(0, 100), 'Belga'].map((s) => s.slice(0, 10)) } });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter' });
  });

  // Putting marks of two classes in canonical order (Unicode normalisation) takes quadratic time.
  it('answers an autocomplete prefix of 120,000 combining marks', async () => {
    const body = await client.request(SUGGEST, { prefix: `a${'\u0301\u0316'.repeat(60_000)}` });
    expectClean(body, ['prefix'], { prefix: 'a + (U+0301 U+0316) × 60,000' });
  }, 120_000);
});

const cursorOf = (key: unknown[]) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

describe.each(backends)('inputs refused before they reach the database, on %s', (backend) => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;

  beforeAll(async () => {
    database = await openTestDatabase(backend, { seed: false });
    client = testClient(database);
  });
  afterAll(() => database?.close());

  /** Posts a body written by hand: `JSON.stringify` itself overflows the stack on the deepest inputs. */
  async function postRaw(body: string): Promise<GraphQLResponse> {
    const response = await client.app.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: response.status, ...((await response.json()) as object) } as GraphQLResponse;
  }

  it('refuses an ArticleFilter nested 5,000 levels deep, in variables or in the query, naming the argument', async () => {
    const deep = `${'{"not":'.repeat(5_000)}{"search":"x"}${'}'.repeat(5_000)}`;
    const query = 'query Deep($f: ArticleFilter) { articles(first: 1, filter: $f) { totalCount } }';
    const body = await postRaw(`{"query":${JSON.stringify(query)},"variables":{"f":${deep}}}`);
    expectClean(body, ['filter'], 'not × 5,000');
    expect(body.errors?.[0]?.message).toContain('nests deeper than');
    const literal = `${'{ not: '.repeat(1_000)}{ search: "x" }${' }'.repeat(1_000)}`;
    const inline = await client.request(`{ articles(first: 1, filter: ${literal}) { totalCount } }`);
    expectClean(inline, ['filter'], 'not × 1,000 in the query');
    expect(inline.errors?.[0]?.message).toContain('nests deeper than');
  });

  it('refuses NUL in any string argument, in variables or in the query, naming the argument', async () => {
    const cases: [query: string, variables: Record<string, unknown>, argument: string][] = [
      ['query A($s: String) { actor(slug: $s) { id } }', { s: 'russia\u0000' }, 'slug'],
      ['query C($s: String) { conflict(slug: $s) { id } }', { s: '\u0000' }, 'slug'],
      ['query E($e: String) { article(externalId: $e) { id } }', { e: 'a\u0000b' }, 'externalId'],
      ['{ actor(slug: "russia\\u0000") { id } }', {}, 'slug'],
      ['{ article(externalId: "x\\u0000") { id } }', {}, 'externalId'],
      ['query P($p: String!) { actorSuggest(prefix: $p) { matchedName } }', { p: 'ru\u0000' }, 'prefix'],
      ['query F($f: ArticleFilter) { articles(filter: $f) { totalCount } }', { f: { or: [{ language: 'nl' }, { sources: ['AFP\u0000'] }] } }, 'filter'],
      ['query Cur($a: String) { actors(after: $a) { totalCount } }', { a: '\u0000' }, 'after'],
      ['mutation M($id: ID!, $n: String) { promoteActor(id: $id, name: $n) { __typename } }', { id: 'QWN0b3I6MQ==', n: 'x\u0000' }, 'name'],
    ];
    for (const [query, variables, argument] of cases) {
      const body = await client.request(query, variables, { authorization: `Bearer ${WRITE_TOKEN}` });
      expectClean(body, [argument], { query, variables });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument, problem: 'NUL_CHARACTER' });
    }
  });

  it('refuses forged cursors whose values the database cannot take, naming the cursor', async () => {
    const lists: [query: string, keys: unknown[][]][] = [
      [
        'query Newest($a: String) { articles(first: 1, after: $a) { totalCount edges { cursor } } }',
        [['2024-01-01', 2 ** 53 - 1], ['2024-02-30', 1], ['0000-01-01', 1], ['2024-01-01', -(2 ** 31) - 1], ['2024-1-1', 1], [1e308, 1]],
      ],
      [
        'query Ranked($a: String) { articles(first: 1, after: $a, filter: { search: "oorlog" }) { totalCount } }',
        [[1e308, 1], [-1e39, 1], [1e-300, 1], [0.5, 2 ** 31], ['0.5', 1]],
      ],
      ['query Named($a: String) { actors(first: 1, after: $a) { totalCount } }', [['text\u0000', 1], ['\uD800', 1], ['a', 1.5], [1, 1]]],
    ];
    for (const [query, keys] of lists) {
      for (const key of keys) {
        const body = await client.request(query, { a: cursorOf(key) });
        expectClean(body, ['after'], { key });
        expect(body.errors?.length, JSON.stringify(key)).toBe(1);
      }
    }
    // The edges of the range are cursors still.
    for (const key of [['9999-12-31', 2 ** 31 - 1], ['0001-01-01', -(2 ** 31)], ['2024-02-29', 1]]) {
      const body = await client.request(lists[0]![0], { a: cursorOf(key) });
      expect(body.errors, JSON.stringify(key)).toBeUndefined();
    }
    const ranked = await client.request(lists[1]![0], { a: cursorOf([3.4e38, 1]) });
    expect(ranked.errors).toBeUndefined();
  });
});
