/** What one run measured: over HTTP (GraphQL) or straight through postgres.js (the SQL floor). */
export interface Figures {
  /** Completed requests (or statements), failed ones included. */
  requests: number;
  seconds: number;
  rps: number;
  /** Latency percentiles in milliseconds, over the successful requests; null when none succeeded. */
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  /** Non-2xx answers, transport errors, timeouts and answers carrying GraphQL errors (or failed statements). */
  errors: number;
  /** Answers whose body was inspected for GraphQL errors and the expected data. */
  checkedBodies?: number;
}

/** The p-th percentile (0–100) of ascending values, nearest rank; 0 for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** Figures from the latencies (ms) of the successful requests of a run. */
export function summarize(latenciesMs: number[], requests: number, errors: number, seconds: number): Figures {
  const values = Array.from(Float64Array.from(latenciesMs).sort());
  const at = (p: number) => (values.length > 0 ? round(percentile(values, p), 2) : null);
  return {
    requests,
    seconds: round(seconds, 2),
    rps: seconds > 0 ? round(requests / seconds, 1) : 0,
    p50Ms: at(50),
    p99Ms: at(99),
    maxMs: at(100),
    errors,
  };
}
