/** One answer as a client saw it. */
export interface Answer {
  /** `performance.now()` when the request was sent and when its answer (or failure) came. */
  startedAt: number;
  endedAt: number;
  /** HTTP status; 0 when the request failed below HTTP (refused, reset, timed out). */
  status: number;
  /** The `extensions.code` of each GraphQL error, `TRANSPORT` for a failure below HTTP. */
  codes: string[];
  retryAfter: string | null;
  /** The `x-response-cache` header: hit, miss, bypass, or null when the cache was not asked. */
  cache: string | null;
  body: any;
}

/** `fetch`, or an app's own fetch handler (`yoga.fetch`) to drive it without a listener. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export function isClean(answer: Answer): boolean {
  return answer.status === 200 && answer.codes.length === 0;
}

export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** POSTs one GraphQL operation to `origin`, never throwing: a failure is an answer too. */
export async function ask(origin: string, operation: Operation, timeoutMs = 60_000, fetchWith: Fetch = fetch): Promise<Answer> {
  const startedAt = performance.now();
  try {
    const response = await fetchWith(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...operation.headers },
      body: JSON.stringify({ query: operation.query, variables: operation.variables ?? {} }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    const codes = Array.isArray(body?.errors) ? body.errors.map((error: any) => String(error?.extensions?.code ?? 'NONE')) : [];
    return { startedAt, endedAt: performance.now(), status: response.status, codes, retryAfter: response.headers.get('retry-after'), cache: response.headers.get('x-response-cache'), body };
  } catch (error) {
    return { startedAt, endedAt: performance.now(), status: 0, codes: ['TRANSPORT'], retryAfter: null, cache: null, body: String((error as Error).cause ?? error) };
  }
}

export interface Load {
  /** Every answer so far, in the order they came. */
  answers: Answer[];
  /** Stops sending and resolves once every client has its last answer. */
  stop(): Promise<Answer[]>;
}

/** `clients` loops, each sending `operation` again as soon as it has an answer, until stopped or `maxMs` passed. */
export function drive(origin: string, operation: Operation, clients: number, maxMs: number, timeoutMs?: number): Load {
  const answers: Answer[] = [];
  const until = performance.now() + maxMs;
  let running = true;
  const loop = async () => {
    while (running && performance.now() < until) {
      const answer = await ask(origin, operation, timeoutMs);
      answers.push(answer);
      // A refused connection answers at once: a short pause keeps a loop from spinning.
      if (answer.status === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const loops = Promise.all(Array.from({ length: clients }, loop));
  return {
    answers,
    async stop() {
      running = false;
      await loops;
      return answers;
    },
  };
}

/** Counts of each error code (and of each HTTP status without a GraphQL error). */
export function tally(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const keys = answer.codes.length > 0 ? [...new Set(answer.codes)] : [answer.status === 200 ? 'clean' : `HTTP ${answer.status}`];
    for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The median and the largest of some numbers (0 for none). */
export function spread(values: number[]): { median: number; max: number } {
  if (values.length === 0) return { median: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, max: sorted[sorted.length - 1]! };
}
