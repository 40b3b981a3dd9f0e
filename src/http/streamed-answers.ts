import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ExecutionResult } from 'graphql';
import { isAsyncIterable, processRegularResult, type Plugin } from 'graphql-yoga';
import type { ServerResponse } from 'node:http';
import { answered, currentRequestScope } from '../request-scope.js';

/** Answers from about this size on are written in pieces; smaller ones as one string, as Yoga does. */
export const STREAM_FROM_BYTES = 256 * 1024;
/** About how much JSON text is written between two turns of the event loop. */
const PIECE_CHARS = 32 * 1024;
/**
 * A client that takes no piece of its answer for this long loses its connection: a streamed answer
 * holds its units of work in flight until it is written, so a client that stops reading must not
 * keep them.
 */
export const ANSWER_STALL_MS = 30_000;

type JsonHolder = Record<string, unknown> | unknown[];

/** Whether `value` is an object or array JSON.stringify would walk (not a primitive wrapper, not one with toJSON). */
function walked(value: unknown): value is JsonHolder {
  if (value === null || typeof value !== 'object') return false;
  if (value instanceof Number || value instanceof String || value instanceof Boolean) return false;
  return typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

function toJsonOf(value: unknown, key: string): unknown {
  const toJSON = value !== null && typeof value === 'object' ? (value as { toJSON?: unknown }).toJSON : undefined;
  return typeof toJSON === 'function' ? toJSON.call(value, key) : value;
}

/**
 * The text JSON.stringify gives for `value`, in pieces of at least `size` characters (the last
 * one shorter): objects and arrays are walked here, everything else is written by JSON.stringify.
 * The answers of a GraphQL execution are trees of a few levels, so the walk recurses.
 */
export function* jsonPieces(value: unknown, size: number): Generator<string, void> {
  let out = '';
  function* write(item: unknown): Generator<string, void> {
    if (!walked(item)) {
      out += JSON.stringify(item) ?? 'null';
    } else if (Array.isArray(item)) {
      out += '[';
      for (let i = 0; i < item.length; i += 1) {
        if (i > 0) out += ',';
        yield* write(toJsonOf(item[i], String(i)));
      }
      out += ']';
    } else {
      out += '{';
      let first = true;
      for (const key of Object.keys(item)) {
        const entry = toJsonOf(item[key], key);
        // What JSON.stringify leaves out of an object.
        if (entry === undefined || typeof entry === 'function' || typeof entry === 'symbol') continue;
        out += `${first ? '' : ','}${JSON.stringify(key)}:`;
        first = false;
        yield* write(entry);
      }
      out += '}';
    }
    if (out.length >= size) {
      yield out;
      out = '';
    }
  }
  yield* write(toJsonOf(value, ''));
  if (out.length > 0) yield out;
}

/** Whether the JSON text of `value` has at least `bytes` characters, counting no further than that. */
export function jsonAtLeast(value: unknown, bytes: number): boolean {
  let left = bytes;
  const count = (item: unknown): boolean => {
    if (typeof item === 'string') left -= item.length + 2;
    else if (item !== null && typeof item === 'object') {
      if (Array.isArray(item)) {
        left -= 2 + item.length;
        for (let i = 0; i < item.length; i += 1) if (count(item[i])) return true;
      } else {
        // for…in, not Object.keys: no array of keys made for each of the thousands of objects (a third less time).
        for (const key in item) {
          left -= key.length + 4;
          if (count((item as Record<string, unknown>)[key])) return true;
        }
      }
    } else left -= 5;
    return left <= 0;
  };
  return count(value);
}

/**
 * The media type Yoga's own processors answer a single result with, for a request that gets JSON:
 * of the request's accepted types, the last that matches one of the two JSON types, each tried in
 * Yoga's order (graphql-yoga's use-result-processor and accept.ts, which it does not export).
 */
export function jsonMediaTypeOf(request: Request): string | null {
  const accepted = (request.headers.get('accept') || '*/*').replace(/\s/g, '').toLowerCase().split(',');
  const asked: string[] = [];
  for (const entry of accepted) {
    const [type, ...params] = entry.split(';');
    if (!type) continue;
    const charset = params.find((param) => param.includes('charset=')) ?? 'charset=utf-8';
    if (charset === 'charset=utf-8') asked.push(type);
  }
  // The request's type may hold wildcards (`*/*`, `application/*`).
  const matches = (ask: string, offered: string) => {
    const [pre, suf] = ask.split('/');
    const [offeredPre, offeredSuf] = offered.split('/');
    return (pre === '*' || pre === offeredPre) && (suf === '*' || suf === offeredSuf);
  };
  let chosen: string | null = null;
  for (const ask of asked.reverse()) {
    for (const offered of ['application/graphql-response+json', 'application/json']) {
      if (matches(ask, offered)) chosen = offered;
    }
  }
  return chosen;
}

type FetchAPI = Parameters<typeof processRegularResult>[1];
const encodingOnceOf = new WeakMap<FetchAPI, FetchAPI>();

/**
 * The fetch API with a Response that turns a text body into UTF-8 bytes at once. Given the text,
 * the server adapter's Response measures its bytes (Content-Length) in one pass over it and Node
 * encodes it in another as it writes it; given the bytes, it takes their length and writes them
 * as they are: one pass instead of two, some 7 % of the server's CPU for a 200 KB answer.
 */
function encodingOnce(fetchAPI: FetchAPI): FetchAPI {
  let made = encodingOnceOf.get(fetchAPI);
  if (!made) {
    const { Response } = fetchAPI;
    const Encoded = function (body?: BodyInit | null, init?: ResponseInit) {
      return new Response(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, init);
    } as unknown as typeof Response;
    made = { ...fetchAPI, Response: Encoded };
    encodingOnceOf.set(fetchAPI, made);
  }
  return made;
}

/** Stands for `data` in the answer Yoga writes around it; a string JSON.stringify leaves as it is. */
const DATA_MARK = 'data-streamed-here-7f3c9a';

async function* paced(prefix: string, data: unknown, suffix: string, sent: () => void): AsyncGenerator<Uint8Array> {
  try {
    yield Buffer.from(prefix);
    for (const piece of jsonPieces(data, PIECE_CHARS)) {
      yield Buffer.from(piece);
      // Other requests (a probe, a small query) are served between two pieces.
      await nextTurn();
    }
    yield Buffer.from(suffix);
  } finally {
    // Also when the client went away and the stream was destroyed mid-way.
    sent();
  }
}

/**
 * Writes every JSON answer as UTF-8 bytes made once (see encodingOnce), and large answers in pieces
 * instead of as one string. Yoga turns a whole answer into one
 * string (JSON.stringify), measures its bytes and writes it at once: for a 20 MB answer three
 * passes of 50–400 ms each during which the process answers nobody else, and two copies of the
 * answer in memory. Here an answer of STREAM_FROM_BYTES or more is written in pieces of some
 * 32 KB with a turn of the event loop between them, as the socket takes them; everything around
 * `data` (errors, extensions, status and headers) is Yoga's own.
 *
 * The request scope learns when the answer has gone out (or the client has gone), so the work in
 * flight (see useAdmission) counts an answer until it is written, not only until it is computed.
 */
export function useStreamedAnswers(): Plugin {
  return {
    onResultProcess({ request, result, resultProcessor, setResultProcessor, serverContext }) {
      if (resultProcessor !== processRegularResult || isAsyncIterable(result) || Array.isArray(result)) return;
      const single = result as ExecutionResult;
      const mediaType = jsonMediaTypeOf(request);
      if (!mediaType) return;
      if (!('data' in single) || !jsonAtLeast(single.data, STREAM_FROM_BYTES)) {
        setResultProcessor((answer, fetchAPI, accepted) => processRegularResult(answer, encodingOnce(fetchAPI), accepted), mediaType);
        return;
      }
      const scope = currentRequestScope();
      // Without a 'timeout' listener, Node destroys the socket when it times out.
      (serverContext as { res?: ServerResponse }).res?.setTimeout(ANSWER_STALL_MS);
      setResultProcessor(async (_result, fetchAPI, accepted) => {
        // Yoga writes everything but the data (errors without internals, status, headers) …
        // (without graphql-jit's compiled stringify, which knows the shape of the data, not the mark)
        const { stringify: _compiled, ...rest } = single as ExecutionResult & { stringify?: unknown };
        const framed = await processRegularResult({ ...rest, data: DATA_MARK as never }, fetchAPI, accepted);
        const text = await framed.text();
        const at = text.indexOf(JSON.stringify(DATA_MARK));
        const headers: Record<string, string> = {};
        framed.headers.forEach((value, key) => {
          if (key !== 'content-length') headers[key] = value;
        });
        const sent = () => {
          if (scope) answered(scope);
        };
        // … and the data goes where Yoga put the mark.
        if (scope) scope.answerStreamed = true;
        const body = paced(text.slice(0, at), single.data, text.slice(at + DATA_MARK.length + 2), sent);
        return new fetchAPI.Response(body as unknown as BodyInit, { status: framed.status, statusText: framed.statusText, headers });
      }, mediaType);
    },
  };
}
