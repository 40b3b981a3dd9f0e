import type { ExplainSummary } from './explain.js';
import type { BenchResult, QueryInfo, ResultRow, TargetResult } from './results.js';

/** The targets of issue 5, checked at this many connections. */
export const TARGETS = {
  connections: 16,
  traversalP99Ms: 50,
  /** ConflictTraversal through the API at least this share of the floor's throughput. */
  traversalFloorShare: 0.5,
  searchP99Ms: 30,
  serverRssMb: 300,
};

/** Columns padded to their widest cell; text left, numbers right. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const numeric = (cell: string) => /^[-+]?[\d.,]+( ?[%×x]| ms)?$|^–$/.test(cell);
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i > 0 && numeric(cell) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const fixed = (value: number | null | undefined, digits: number) => (value == null ? '–' : value.toFixed(digits));

function statements(info: QueryInfo | undefined): string {
  if (!info || info.statementsPerRequest.length === 0) return '–';
  const low = Math.min(...info.statementsPerRequest);
  const high = Math.max(...info.statementsPerRequest);
  return low === high ? String(low) : `${low}–${high}`;
}

export function resultsTable(rows: ResultRow[], queries: QueryInfo[]): string {
  const header = ['query', 'conn', 'GraphQL req/s', 'p50 ms', 'p99 ms', 'errors', 'SQL req/s', 'p50 ms', 'p99 ms', 'GraphQL/SQL', 'SQL stmts/req'];
  const body = rows.map((row) => [
    row.query,
    String(row.connections),
    fixed(row.graphql.rps, 1),
    fixed(row.graphql.p50Ms, 2),
    fixed(row.graphql.p99Ms, 2),
    String(row.graphql.errors + (row.sql?.errors ?? 0)),
    fixed(row.sql?.rps, 1),
    fixed(row.sql?.p50Ms, 2),
    fixed(row.sql?.p99Ms, 2),
    fixed(row.ratio, 2),
    statements(queries.find((q) => q.query === row.query)),
  ]);
  return formatTable(header, body);
}

/** Relative change in per cent, or null when either side is missing or the old value is 0. */
export function change(current: number | null | undefined, previous: number | null | undefined): number | null {
  if (current == null || previous == null || previous === 0) return null;
  return ((current - previous) / previous) * 100;
}

const signed = (value: number | null) => (value == null ? '–' : `${value >= 0 ? '+' : ''}${value.toFixed(1)}%`);

export interface RowChange {
  query: string;
  connections: number;
  graphqlRps: number | null;
  graphqlP99: number | null;
  sqlRps: number | null;
  ratio: number | null;
}

/** Per row of the current result that the baseline also has: the change of each figure in per cent. */
export function compareRows(current: ResultRow[], baseline: ResultRow[]): RowChange[] {
  return current.flatMap((row) => {
    const before = baseline.find((b) => b.query === row.query && b.connections === row.connections);
    if (!before) return [];
    return [
      {
        query: row.query,
        connections: row.connections,
        graphqlRps: change(row.graphql.rps, before.graphql.rps),
        graphqlP99: change(row.graphql.p99Ms, before.graphql.p99Ms),
        sqlRps: change(row.sql?.rps, before.sql?.rps),
        ratio: change(row.ratio, before.ratio),
      },
    ];
  });
}

export function comparisonReport(current: BenchResult, baseline: BenchResult, file: string): string {
  const changes = compareRows(current.rows, baseline.rows);
  const lines = [`Change against ${file} (${baseline.startedAt}, ${baseline.machine.articles} articles, ${baseline.options.duration} s runs):`];
  if (baseline.machine.articles !== current.machine.articles) {
    lines.push(`  note: that run had ${baseline.machine.articles} articles, this one ${current.machine.articles}; the figures do not compare well.`);
  }
  if (changes.length === 0) return [...lines, '  no query and concurrency in common.'].join('\n');
  lines.push(
    formatTable(
      ['query', 'conn', 'GraphQL req/s', 'GraphQL p99', 'SQL req/s', 'GraphQL/SQL'],
      changes.map((c) => [c.query, String(c.connections), signed(c.graphqlRps), signed(c.graphqlP99), signed(c.sqlRps), signed(c.ratio)]),
    ),
    `server peak RSS: ${signed(change(current.server.peakRssMb, baseline.server.peakRssMb))} ` +
      `(${baseline.server.peakRssMb.toFixed(0)} → ${current.server.peakRssMb.toFixed(0)} MiB)`,
  );
  return lines.join('\n');
}

function atTarget(rows: ResultRow[], query: string): ResultRow | undefined {
  return rows.find((row) => row.query === query && row.connections === TARGETS.connections);
}

function verdict(ok: boolean): TargetResult['status'] {
  return ok ? 'PASS' : 'MISS';
}

/** A p99 limit; errors fail it too, since a fast error says nothing about the query. */
function latencyTarget(target: string, row: ResultRow | undefined, limitMs: number): TargetResult {
  if (!row) return { target, actual: 'not run', status: 'n/a' };
  const p99 = row.graphql.p99Ms;
  const errors = row.graphql.errors > 0 ? `, ${row.graphql.errors} errors` : '';
  if (p99 == null) return { target, actual: `no successful request${errors}`, status: 'MISS' };
  return { target, actual: `${p99.toFixed(1)} ms${errors}`, status: verdict(p99 <= limitMs && row.graphql.errors === 0) };
}

/** The targets; `n/a` where the run has no figure for one (query left out, no floor). */
export function evaluateTargets(rows: ResultRow[], peakRssMb: number | null): TargetResult[] {
  const at = `at ${TARGETS.connections} connections`;
  const traversal = atTarget(rows, 'ConflictTraversal');
  const search = atTarget(rows, 'SearchArticles');
  const results: TargetResult[] = [];
  results.push(latencyTarget(`ConflictTraversal p99 ≤ ${TARGETS.traversalP99Ms} ms ${at}`, traversal, TARGETS.traversalP99Ms));
  const share = traversal?.ratio ?? null;
  results.push({
    target: `ConflictTraversal GraphQL req/s ≥ ${TARGETS.traversalFloorShare} × SQL floor ${at}`,
    actual: share == null ? 'not run' : `${share.toFixed(2)} ×`,
    status: share == null ? 'n/a' : verdict(share >= TARGETS.traversalFloorShare),
  });
  results.push(latencyTarget(`SearchArticles p99 ≤ ${TARGETS.searchP99Ms} ms ${at}`, search, TARGETS.searchP99Ms));
  results.push({
    target: `server peak RSS ≤ ${TARGETS.serverRssMb} MB`,
    actual: peakRssMb == null ? 'not measured' : `${peakRssMb.toFixed(0)} MiB`,
    status: peakRssMb == null ? 'n/a' : verdict(peakRssMb <= TARGETS.serverRssMb),
  });
  return results;
}

export function targetsReport(targets: TargetResult[]): string {
  return ['Targets (issue 5):', ...targets.map((t) => `  ${t.status.padEnd(4)}  ${t.target}: ${t.actual}`)].join('\n');
}

/** Each explained statement on one line; the plan of the slowest statement of each query as a tree. */
export function explainReport(summaries: ExplainSummary[], maxNodes = 14): string {
  const lines = ['EXPLAIN (ANALYZE, BUFFERS) of the statements the server ran, one request each (full plans in the JSON file):'];
  for (const query of [...new Set(summaries.map((s) => s.query))]) {
    const mine = summaries.filter((s) => s.query === query);
    const slowest = mine.reduce((a, b) => (b.executionMs > a.executionMs ? b : a));
    lines.push(`  ${query}`);
    for (const s of mine) {
      lines.push(
        `    #${s.statement} ${s.executionMs.toFixed(2).padStart(8)} ms  planning ${s.planningMs.toFixed(2).padStart(6)} ms  ` +
          `buffers hit ${String(s.sharedHitBlocks).padStart(6)} read ${String(s.sharedReadBlocks).padStart(5)}  ${s.label}${s.label.length >= 90 ? ' …' : ''}`,
      );
    }
    lines.push(`    plan of #${slowest.statement}:`);
    const shown = slowest.nodes.slice(0, maxNodes);
    for (const node of shown) lines.push(`      ${node}`);
    if (slowest.nodes.length > shown.length) lines.push(`      … ${slowest.nodes.length - shown.length} more nodes`);
  }
  return lines.join('\n');
}
