import { getOperationAST, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { REQUEST_ID_HEADER, RESPONSE_CACHE_HEADER, SQL_STATEMENTS_HEADER } from './request-scope-plugin.js';
import type { ErrorCode } from '../error-codes.js';

/**
 * Yoga's `cors` option: a listed origin gets the CORS headers, any other gets none, so a browser
 * on a foreign page can neither read answers nor pass a preflight (Yoga's default would allow all).
 * Credentials stay off: the API uses no cookies, and the write token travels in a header.
 */
export function corsFor(origins: readonly string[]) {
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || !origins.includes(origin)) return false as const;
    return {
      origin: [origin],
      credentials: false,
      methods: ['GET', 'POST'],
      allowedHeaders: ['accept', 'authorization', 'content-type', REQUEST_ID_HEADER],
      exposedHeaders: [REQUEST_ID_HEADER, SQL_STATEMENTS_HEADER, RESPONSE_CACHE_HEADER],
      maxAge: 600,
    };
  };
}

/** No `Origin` (curl, servers), the server's own host, or a listed origin. */
export function mayWriteFrom(origin: string | null, requestUrl: string, origins: readonly string[]): boolean {
  if (origin === null || origins.includes(origin)) return true;
  try {
    // Hosts, not schemes: behind a TLS-terminating proxy the page is https and the request http.
    return new URL(origin).host === new URL(requestUrl).host;
  } catch {
    return false;
  }
}

/**
 * Refuses mutations sent by a browser from a foreign origin. CORS alone does not: a "simple"
 * cross-site POST (a form) reaches the server even when the answer cannot be read.
 */
export function useWriteOriginGuard(origins: readonly string[]): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      const request = (args.contextValue as { request: Request }).request;
      const origin = request.headers.get('origin');
      if (mayWriteFrom(origin, request.url, origins)) return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(`writes from the origin ${JSON.stringify(origin)} are not allowed; the server accepts them from its own origin and from CORS_ORIGINS`, {
            extensions: { code: 'FORBIDDEN' satisfies ErrorCode, origin, http: { status: 403 } },
          }),
        ],
      });
    },
  };
}
