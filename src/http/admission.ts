import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { getOperationAST, GraphQLError, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { currentRequestScope } from '../request-scope.js';
import type { AdmissionOptions } from './admission-options.js';
import { predictAnswerBytes } from './answer-size.js';
import type { ErrorCode } from '../error-codes.js';

export { ADMISSION_DEFAULTS, type AdmissionOptions } from './admission-options.js';

/** What `Retry-After` says when the server is too busy to take a request. */
export const BUSY_RETRY_AFTER_SECONDS = 1;
/** Refusals one client gets at once in a second; further ones wait REFUSAL_PAUSE_MS (see RefusalPace). */
export const REFUSALS_FREE_PER_SECOND = 5;
export const REFUSAL_PAUSE_MS = 1_000;

interface Waiter {
  client: string;
  weight: number;
  admit: () => void;
}

/**
 * Units of work in flight, in total and per client, and the requests waiting for room in arrival
 * order. A waiter is admitted as soon as it fits; one that does not fit does not hold back those
 * behind it that do (a large request waits, small ones pass).
 */
export class AdmissionGate {
  inFlight = 0;
  private readonly byClient = new Map<string, number>();
  private readonly waiting: Waiter[] = [];

  constructor(private readonly options: AdmissionOptions) {}

  get queued(): number {
    return this.waiting.length;
  }

  /**
   * A request as heavy as the whole budget runs alone; the weight of one request never exceeds it.
   * A client's share binds only while another client waits: alone, a client may use the whole
   * budget (32 connections of one soak, or of one proxy, were refused with room to spare).
   */
  private fits(client: string, weight: number): boolean {
    const held = this.byClient.get(client) ?? 0;
    const globalRoom = this.inFlight === 0 || this.inFlight + weight <= this.options.budget;
    const withinShare = held === 0 || held + weight <= this.options.budget * this.options.clientShare;
    return globalRoom && (withinShare || !this.waiting.some((waiter) => waiter.client !== client));
  }

  private take(client: string, weight: number): () => void {
    this.inFlight += weight;
    this.byClient.set(client, (this.byClient.get(client) ?? 0) + weight);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= weight;
      const left = (this.byClient.get(client) ?? 0) - weight;
      if (left > 0) this.byClient.set(client, left);
      else this.byClient.delete(client);
      this.drain();
    };
  }

  private drain(): void {
    for (let i = 0; i < this.waiting.length; ) {
      const waiter = this.waiting[i]!;
      if (this.fits(waiter.client, waiter.weight)) {
        this.waiting.splice(i, 1);
        waiter.admit();
      } else {
        i += 1;
      }
    }
  }

  /**
   * Resolves with the release function once the request may run; with null when it waited the
   * longest allowed, the queue was full, or `signal` aborted meanwhile.
   */
  acquire(client: string, weight: number, signal?: AbortSignal): Promise<(() => void) | null> {
    const units = Math.min(this.options.budget, Math.max(1, weight));
    if (this.waiting.length === 0 && this.fits(client, units)) return Promise.resolve(this.take(client, units));
    if (this.waiting.length >= this.options.queueLength || signal?.aborted) return Promise.resolve(null);
    return new Promise((resolve) => {
      const leave = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', giveUp);
        const at = this.waiting.indexOf(waiter);
        if (at !== -1) this.waiting.splice(at, 1);
      };
      const giveUp = () => {
        leave();
        resolve(null);
      };
      const waiter: Waiter = {
        client,
        weight: units,
        admit: () => {
          leave();
          resolve(this.take(client, units));
        },
      };
      const timer = setTimeout(giveUp, this.options.queueWaitMs);
      signal?.addEventListener('abort', giveUp, { once: true });
      this.waiting.push(waiter);
    });
  }
}

/**
 * Refusals that come at once (the answer too large, the cost over the limit, the queue full) are
 * answered at once to a client's first few in a second, and after REFUSAL_PAUSE_MS beyond them:
 * a client repeating what is refused then costs the server one answer a second per connection,
 * not hundreds (each refusal costs about as much as a small query). Counted per remote address;
 * an in-process caller (no address) is not paced.
 */
export class RefusalPace {
  private readonly recent = new Map<string, { since: number; count: number }>();

  constructor(
    private readonly freePerSecond: number,
    private readonly pauseMs: number,
  ) {}

  /** How long to hold back this refusal of `client`'s request. */
  pauseFor(client: string | null): number {
    if (client === null) return 0;
    const now = performance.now();
    // Clients seen over a second ago start again from nothing; forgetting them keeps the map small.
    if (this.recent.size > 10_000) for (const [key, entry] of this.recent) if (now - entry.since > 1_000) this.recent.delete(key);
    let entry = this.recent.get(client);
    if (!entry || now - entry.since > 1_000) {
      entry = { since: now, count: 0 };
      this.recent.set(client, entry);
    }
    entry.count += 1;
    return entry.count > this.freePerSecond ? this.pauseMs : 0;
  }
}

function busyError(): GraphQLError {
  return new GraphQLError(`the server is busy with other requests; try again in ${BUSY_RETRY_AFTER_SECONDS} s, or ask for less`, {
    extensions: { code: 'SERVER_BUSY' satisfies ErrorCode, http: { status: 503 } },
  });
}

function abandonedError(): GraphQLError {
  return new GraphQLError('the client went away before the answer was complete', { extensions: { code: 'CLIENT_CLOSED_REQUEST' satisfies ErrorCode } });
}

function tooLargeError(bytes: number, limit: number): GraphQLError {
  const mb = (value: number) => `${(value / 1024 / 1024).toFixed(1)} MB`;
  return new GraphQLError(
    `the answer would be too large: about ${mb(bytes)} predicted from the page sizes and the fields asked (article bodies and texts count some 4 KB each), the limit is ${mb(limit)}; ask for smaller pages or leave out body and text`,
    { extensions: { code: 'QUERY_TOO_COMPLEX' satisfies ErrorCode, predictedBytes: bytes, maxBytes: limit } },
  );
}

/** The client a request counts against: the remote address of its connection; null in process (`yoga.fetch`). */
function remoteOf(context: unknown): string | null {
  const req = (context as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req;
  return req?.socket?.remoteAddress ?? null;
}

function requestOf(context: unknown): Request | undefined {
  return (context as { request?: Request } | undefined)?.request;
}

/** Sets of variables whose answer size is remembered per document; past this many the document's start over. */
const MAX_PREDICTIONS_PER_DOCUMENT = 256;
/** Variables longer than this (as JSON) are predicted but not remembered (a bound on memory). */
const MAX_REMEMBERED_KEY = 4096;

/**
 * Bounds the work in flight: each query or mutation is weighed before it runs (its cost, or its
 * predicted answer in KiB when that is more) and runs when the budget has room, within its
 * client's share; otherwise it waits in a short queue and is refused with SERVER_BUSY (HTTP 503,
 * Retry-After) when no room comes. Cheap requests pass outside the budget, so a probe is answered
 * while heavy requests run. An answer predicted larger than the limit is refused before it runs.
 * The request's abort signal (the client went away) goes on the request scope, where the database
 * layer cancels its statements; its units are given back once the answer is written (see
 * useStreamedAnswers) or the client has gone. Refusals that come at once are paced (RefusalPace).
 */
export function useAdmission(
  schema: GraphQLSchema,
  options: AdmissionOptions,
  limit: { maxCost: number; costOf: (args: ExecutionArgs) => number },
): Plugin {
  const { maxCost, costOf } = limit;
  const gate = new AdmissionGate(options);
  const pace = new RefusalPace(REFUSALS_FREE_PER_SECOND, REFUSAL_PAUSE_MS);
  // Yoga hands the same document object for the same text: an operation is predicted once for each
  // set of variables (by their JSON), bounded as the cost memo is (graphql/complexity.ts): so many
  // sets per document, and variables longer than MAX_REMEMBERED_KEY predicted each time.
  const predicted = new WeakMap<DocumentNode, Map<string, number>>();
  const predictedBytes = (document: DocumentNode, variables: Record<string, unknown>, operationName?: string | null) => {
    const key = `${operationName ?? ''}\n${JSON.stringify(variables)}`;
    let known = predicted.get(document);
    let bytes = known?.get(key);
    if (bytes !== undefined) return bytes;
    bytes = predictAnswerBytes(schema, document, variables, operationName);
    if (key.length <= MAX_REMEMBERED_KEY) {
      if (!known || known.size >= MAX_PREDICTIONS_PER_DOCUMENT) predicted.set(document, (known = new Map()));
      known.set(key, bytes);
    }
    return bytes;
  };
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation || operation.operation === 'subscription') return;
      const request = requestOf(args.contextValue);
      const signal = request?.signal;
      const scope = currentRequestScope();
      if (scope && signal) {
        // Every statement in flight listens on it (postgres.js cancels them when the client goes),
        // so one request's parallel batches pass Node's default of ten listeners without a leak.
        setMaxListeners(0, signal);
        scope.signal = signal;
      }
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      const remote = remoteOf(args.contextValue);
      const paced = async () => {
        const pause = pace.pauseFor(remote);
        if (pause > 0) await sleep(pause, undefined, { signal }).catch(() => {});
      };
      let cost: number;
      try {
        cost = costOf(args);
      } catch {
        // Whatever the cost model cannot read, execution refuses with a clear message.
        return;
      }
      // Over the cost limit, the complexity plugin refuses it with its own message.
      if (cost > maxCost) return paced();
      const bytes = predictedBytes(args.document, variables, args.operationName);
      if (bytes > options.maxAnswerBytes) {
        await paced();
        setResultAndStopExecution({ errors: [tooLargeError(bytes, options.maxAnswerBytes)] });
        return;
      }
      const weight = Math.max(cost, Math.ceil(bytes / 1024));
      if (weight < options.freeCost) return;
      // With the queue full the request is refused without waiting: paced as the refusals above.
      const queueFull = gate.queued > 0 && gate.queued >= options.queueLength;
      const release = await gate.acquire(remote ?? 'local', weight, signal);
      if (!release) {
        if (queueFull) await paced();
        if (scope) scope.retryAfterSeconds = BUSY_RETRY_AFTER_SECONDS;
        setResultAndStopExecution({ errors: [busyError()] });
        return;
      }
      // Given back once the answer is written (a large one is written in pieces, see
      // useStreamedAnswers), or at once when the client went away mid-way.
      signal?.addEventListener('abort', release, { once: true });
      const done = () => {
        signal?.removeEventListener('abort', release);
        release();
      };
      return {
        onExecuteDone({ setResult }) {
          if (scope) scope.afterAnswer.push(done);
          else done();
          // Nobody reads the answer: one error instead of one per field that lost its statement,
          // so masking and writing it cost nothing.
          if (signal?.aborted) setResult({ errors: [abandonedError()] });
        },
      };
    },
  };
}
