import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../log.js';
import { currentRequestScope } from '../request-scope.js';

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null | undefined)?.then === 'function';
}

/** The whole stack on one line (line-based collectors would split it otherwise). */
function oneLine(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return text.replace(/\s*[\r\n]+\s*/g, ' ⏎ ');
}

/**
 * The plugin with its HTTP hooks guarded. An exception in an `onRequest` hook would otherwise reach
 * the server adapter, which answers with the error's stack (file paths included); now the client
 * gets a plain 500 with the request id, and the log gets the whole stack. An exception in
 * `onResponse` (bookkeeping such as metrics) is logged and the response goes out as it was.
 */
export function withHookErrorsLogged<P extends Plugin<any>>(plugin: P, logger: Logger): P {
  const { onRequest, onResponse } = plugin as Plugin;
  const report = (error: unknown, hook: string) => {
    const requestId = currentRequestScope()?.requestId;
    logger.error({ requestId, hook }, oneLine(error));
    return requestId;
  };
  const failure = (requestId: string | undefined) =>
    new Response(`internal server error${requestId ? ` (request id ${requestId})` : ''}\n`, {
      status: 500,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  // A hook that answers at once is called as it is: made async, each of the dozen hooks cost every
  // request a promise and a turn of the microtask queue.
  const guarded: Plugin = {
    ...(onRequest && {
      onRequest(payload) {
        try {
          const outcome = onRequest(payload);
          if (isThenable(outcome)) {
            return Promise.resolve(outcome).catch((error: unknown) => payload.endResponse(failure(report(error, 'onRequest'))));
          }
        } catch (error) {
          payload.endResponse(failure(report(error, 'onRequest')));
        }
        return undefined;
      },
    }),
    ...(onResponse && {
      onResponse(payload) {
        try {
          const outcome = onResponse(payload);
          if (isThenable(outcome)) return Promise.resolve(outcome).catch((error: unknown) => void report(error, 'onResponse'));
        } catch (error) {
          report(error, 'onResponse');
        }
        return undefined;
      },
    }),
  };
  return { ...plugin, ...guarded };
}
