import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureCorpus } from '../src/bench/database.js';
import { BenchUsageError, parseBenchArgs, QUERY_NAMES } from '../src/bench/options.js';
import { change, compareRows, evaluateTargets, formatTable } from '../src/bench/report.js';
import { newestResultFile, resultFileName, type ResultRow } from '../src/bench/results.js';
import { percentile, summarize, type Figures } from '../src/bench/stats.js';

// The pure parts of `npm run bench`; nothing here times anything.

function figures(overrides: Partial<Figures> = {}): Figures {
  return { requests: 100, seconds: 10, rps: 10, p50Ms: 5, p99Ms: 20, maxMs: 30, errors: 0, ...overrides };
}

function row(query: string, connections: number, graphql: Partial<Figures>, sqlRps = 100): ResultRow {
  const g = figures(graphql);
  return { query, connections, graphql: g, sql: figures({ rps: sqlRps }), ratio: g.rps / sqlRps };
}

describe('bench options', () => {
  it('has defaults for everything', () => {
    expect(parseBenchArgs([])).toEqual({
      articles: 100_000,
      duration: 10,
      warmup: 3,
      corpus: '.data/bench-corpus',
      baseline: null,
      queries: [...QUERY_NAMES],
      cache: false,
      ingest: false,
      help: false,
    });
    expect(parseBenchArgs(['--cache']).cache).toBe(true);
    expect(parseBenchArgs(['--ingest']).ingest).toBe(true);
  });

  it('reads sizes, --quick, a query list (in the canonical order) and files', () => {
    const options = parseBenchArgs(['--articles', '2000', '--quick', '--queries', 'SearchArticles,ConflictTraversal', '--corpus', 'x', '--baseline', 'b.json']);
    expect(options).toMatchObject({ articles: 2000, duration: 3, warmup: 1, corpus: 'x', baseline: 'b.json' });
    expect(options.queries).toEqual(['ConflictTraversal', 'SearchArticles']);
    expect(parseBenchArgs(['--duration', '1'])).toMatchObject({ duration: 1, warmup: 1 });
    expect(parseBenchArgs(['-h']).help).toBe(true);
  });

  it.each([
    [['--articles', '0'], /--articles must be a whole number/],
    [['--articles', '1e5'], /--articles must be a whole number/],
    [['--duration', '-3'], /--duration/],
    [['--quick', '--duration', '5'], /either --quick or --duration/],
    [['--queries', 'ConflictTraversal,Nope'], /unknown: Nope/],
    [['--queries', ','], /--queries/],
    [['--frobnicate'], /frobnicate/],
    [['stray'], /stray/],
    [['--corpus', ''], /--corpus needs a folder/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});

describe('bench statistics', () => {
  it('takes percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });

  it('sorts latencies numerically and leaves percentiles empty when nothing succeeded', () => {
    const summary = summarize([10, 9, 100, 2], 6, 2, 2);
    expect(summary).toMatchObject({ requests: 6, rps: 3, errors: 2, p50Ms: 9, p99Ms: 100, maxMs: 100 });
    expect(summarize([], 3, 3, 1)).toMatchObject({ p50Ms: null, p99Ms: null, maxMs: null, rps: 3 });
  });
});

describe('bench targets', () => {
  const passing = [
    row('ConflictTraversal', 1, { p99Ms: 10, rps: 90 }),
    row('ConflictTraversal', 16, { p99Ms: 50, rps: 50 }),
    row('SearchArticles', 16, { p99Ms: 30 }),
  ];

  it('passes at the limits, at 16 connections only', () => {
    expect(evaluateTargets(passing, 300).map((t) => t.status)).toEqual(['PASS', 'PASS', 'PASS', 'PASS']);
  });

  it('misses beyond them, and on errors or when nothing succeeded', () => {
    const failing = [
      row('ConflictTraversal', 16, { p99Ms: 50.1, rps: 49 }),
      row('SearchArticles', 16, { p99Ms: null, errors: 12 }),
    ];
    const targets = evaluateTargets(failing, 300.5);
    expect(targets.map((t) => t.status)).toEqual(['MISS', 'MISS', 'MISS', 'MISS']);
    expect(targets[2]!.actual).toBe('no successful request, 12 errors');
    const erroring = [row('SearchArticles', 16, { p99Ms: 1, errors: 1 })];
    expect(evaluateTargets(erroring, null)[2]!.status).toBe('MISS');
  });

  it('says n/a for what the run did not measure', () => {
    const targets = evaluateTargets([row('SearchArticles', 1, {})], null);
    expect(targets.map((t) => t.status)).toEqual(['n/a', 'n/a', 'n/a', 'n/a']);
  });
});

describe('bench comparison', () => {
  it('gives the change of each figure per row both runs have', () => {
    const before = [row('ConflictTraversal', 16, { rps: 40, p99Ms: 80 }, 100), row('ActorProfile', 1, {})];
    const after = [row('ConflictTraversal', 16, { rps: 50, p99Ms: 60 }, 80), row('SearchArticles', 1, {})];
    expect(compareRows(after, before)).toEqual([
      { query: 'ConflictTraversal', connections: 16, graphqlRps: 25, graphqlP99: -25, sqlRps: -20, ratio: expect.closeTo(56.25, 6) },
    ]);
  });

  it('has no change where a side is missing or zero', () => {
    expect(change(5, null)).toBeNull();
    expect(change(null, 5)).toBeNull();
    expect(change(5, 0)).toBeNull();
    expect(change(0, 5)).toBe(-100);
  });
});

describe('bench output', () => {
  it('pads columns, numbers to the right', () => {
    expect(formatTable(['query', 'req/s'], [['A', '1.5'], ['Longer', '12.25']]).split('\n')).toEqual([
      'query   req/s',
      '------  -----',
      'A         1.5',
      'Longer  12.25',
    ]);
  });

  it('names result files by time and finds the newest one that fits', () => {
    expect(resultFileName(new Date('2025-03-04T05:06:07.891Z'))).toBe('2025-03-04T05-06-07Z.json');
    const dir = mkdtempSync(join(tmpdir(), 'bench-results-'));
    const result = (articles: number) => JSON.stringify({ version: 1, options: { articles }, rows: [] });
    try {
      expect(newestResultFile(dir)).toBeNull();
      writeFileSync(join(dir, '2025-03-04T05-06-07Z.json'), result(100_000));
      writeFileSync(join(dir, '2025-11-01T00-00-00Z.json'), result(2000));
      writeFileSync(join(dir, '2025-12-01T00-00-00Z.json'), '{ not json');
      writeFileSync(join(dir, 'notes.json'), result(2000));
      expect(newestResultFile(dir)).toBe(join(dir, '2025-11-01T00-00-00Z.json'));
      expect(newestResultFile(dir, (r) => r.options.articles === 100_000)).toBe(join(dir, '2025-03-04T05-06-07Z.json'));
      expect(newestResultFile(dir, () => false)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(newestResultFile(join(dir, 'missing'))).toBeNull();
  });
});

describe('bench corpus folder', () => {
  it('reuses a folder of exactly N synthetic articles and refuses one of another size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-corpus-'));
    try {
      for (const n of [1, 2, 3]) writeFileSync(join(dir, `synth_00000${n}.txt`), ' date 2020-01 Tekst.\n');
      await expect(ensureCorpus(dir, 3)).resolves.toBeUndefined();
      await expect(ensureCorpus(dir, 5)).rejects.toThrow(/holds 3 synthetic articles, not 5: pass --corpus/);
      writeFileSync(join(dir, 'notes.txt'), '');
      await expect(ensureCorpus(dir, 4)).rejects.toThrow(/holds other files too \(notes.txt\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
