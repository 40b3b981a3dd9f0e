import type postgres from 'postgres';
import type { CapturedStatement } from './in-process.js';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Alias?: string;
  'Actual Total Time'?: number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

interface ExplainOutput {
  Plan: PlanNode;
  'Planning Time': number;
  'Execution Time': number;
}

/** What EXPLAIN (ANALYZE, BUFFERS) says about one statement the server ran. */
export interface ExplainSummary {
  query: string;
  /** Which statement of the operation, in the order sent (from 1). */
  statement: number;
  /** The statement's first words, white space folded. */
  label: string;
  executionMs: number;
  planningMs: number;
  sharedHitBlocks: number;
  sharedReadBlocks: number;
  /** Every plan node, depth first: type, relation or index, rows and time over all loops. */
  nodes: string[];
  sql: string;
  params: unknown[];
  plan: unknown;
}

export function describeNode(node: PlanNode): string {
  const on = node['Index Name']
    ? ` using ${node['Index Name']}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}`
    : node['Relation Name']
      ? ` on ${node['Relation Name']}`
      : '';
  const loops = node['Actual Loops'] ?? 1;
  const ms = (node['Actual Total Time'] ?? 0) * loops;
  const rows = (node['Actual Rows'] ?? 0) * loops;
  return `${node['Node Type']}${on} (${rows} rows${loops > 1 ? `, ${loops} loops` : ''}, ${ms.toFixed(2)} ms)`;
}

export function planNodes(node: PlanNode, depth = 0): string[] {
  return [`${'  '.repeat(depth)}${describeNode(node)}`, ...(node.Plans ?? []).flatMap((child) => planNodes(child, depth + 1))];
}

/** Runs each statement again under EXPLAIN (ANALYZE, BUFFERS) with the parameters it was sent with. */
export async function explainStatements(sql: postgres.Sql, query: string, statements: CapturedStatement[]): Promise<ExplainSummary[]> {
  const summaries: ExplainSummary[] = [];
  for (const [i, statement] of statements.entries()) {
    const rows = await sql.unsafe<{ 'QUERY PLAN': ExplainOutput[] }[]>(
      `explain (analyze, buffers, format json) ${statement.query}`,
      statement.params as postgres.ParameterOrJSON<never>[],
    );
    const output = rows[0]!['QUERY PLAN'][0]!;
    summaries.push({
      query,
      statement: i + 1,
      label: statement.query.replace(/\s+/g, ' ').trim().slice(0, 90),
      executionMs: output['Execution Time'],
      planningMs: output['Planning Time'],
      sharedHitBlocks: output.Plan['Shared Hit Blocks'] ?? 0,
      sharedReadBlocks: output.Plan['Shared Read Blocks'] ?? 0,
      nodes: planNodes(output.Plan),
      sql: statement.query,
      params: statement.params,
      plan: output,
    });
  }
  return summaries;
}
