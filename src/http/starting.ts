import type { RequestListener } from 'node:http';
import { requestIdFrom } from '../request-scope.js';
import { REQUEST_ID_HEADER } from './request-scope-plugin.js';
import type { ErrorCode } from '../error-codes.js';

/** Seconds a client is told to wait before trying again while the database is not ready. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Answers while the database is not ready yet: `/health` 200 (the process is alive), `/ready` 503,
 * and everything else 503 with a GraphQL error and `Retry-After`, so clients and load balancers
 * back off instead of seeing a refused connection.
 */
export const startingHandler: RequestListener = (req, res) => {
  req.resume();
  const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
  res.setHeader(REQUEST_ID_HEADER, requestId);
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/health' || path === '/ready') {
    res.writeHead(path === '/health' ? 200 : 503, { 'content-length': '0' }).end();
    return;
  }
  const body = JSON.stringify({
    errors: [
      {
        message: 'the server is starting and its database is not ready yet; try again shortly',
        extensions: { code: 'SERVICE_UNAVAILABLE' satisfies ErrorCode, requestId },
      },
    ],
  });
  res
    .writeHead(503, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'retry-after': String(RETRY_AFTER_SECONDS),
    })
    .end(body);
};
