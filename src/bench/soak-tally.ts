import type { IncomingHttpHeaders } from 'node:http';

const MAX_SAMPLES = 5;

interface PerOperation {
  requests: number;
  errors: number;
  statements: number;
  maxStatements: number;
}

/** Counts answers per operation: failures (non-2xx or GraphQL errors), SQL statements, a few error samples. */
export class SoakTally {
  readonly byOperation = new Map<string, PerOperation>();
  graphqlErrors = 0;
  answers = 0;
  failures = 0;
  readonly samples: string[] = [];

  record(name: string, status: number, body: string, headers: IncomingHttpHeaders): void {
    const entry = this.byOperation.get(name) ?? { requests: 0, errors: 0, statements: 0, maxStatements: 0 };
    this.byOperation.set(name, entry);
    entry.requests += 1;
    this.answers += 1;
    const statements = Number(headers['x-sql-statements'] ?? 0);
    entry.statements += statements;
    entry.maxStatements = Math.max(entry.maxStatements, statements);
    const ok = status >= 200 && status < 300;
    // Strings in the data are JSON-escaped, so an unescaped `"errors":` is the answer's own key.
    const hasErrors = body.includes('"errors":');
    if (ok && hasErrors) this.graphqlErrors += 1;
    if (ok && !hasErrors) return;
    entry.errors += 1;
    this.failures += 1;
    if (this.samples.length < MAX_SAMPLES) {
      this.samples.push(`${name} ${status} request ${String(headers['x-request-id'])}: ${body.slice(0, 300)}`);
    }
  }

  progress(): string {
    return `${this.answers} answers, ${this.failures} failed`;
  }

  table(): string {
    const rows = [...this.byOperation].sort(([a], [b]) => a.localeCompare(b));
    const lines = ['operation               requests  errors  SQL statements (mean / max)'];
    for (const [name, entry] of rows) {
      const mean = entry.requests ? (entry.statements / entry.requests).toFixed(1) : '-';
      lines.push(`${name.padEnd(22)} ${String(entry.requests).padStart(9)} ${String(entry.errors).padStart(7)}  ${mean} / ${entry.maxStatements}`);
    }
    return lines.join('\n');
  }
}
