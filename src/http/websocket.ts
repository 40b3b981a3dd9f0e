import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, type DocumentNode, type ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { App } from '../app.js';
import { mayWriteFrom } from './cors.js';
import type { ErrorCode } from '../error-codes.js';

/** Operations one WebSocket may run at the same time; more are refused one by one, the socket stays open. */
export const MAX_OPERATIONS_PER_SOCKET = 20;

export interface WebSocketOptions {
  /** The app once the database is ready; upgrades before then are answered 503. */
  app: () => App | null;
  /** Browser origins besides the server's own that may open a socket. */
  corsOrigins: readonly string[];
  /** The largest message a client may send, in bytes (the HTTP body limit). */
  maxPayload: number;
  path?: string | undefined;
}

interface Enveloped {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
}

/** The headers of the upgrade request that the app reads (write token, origin, request id), as a fetch Request. */
function requestOf(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const name of ['authorization', 'origin', 'x-request-id']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, { headers });
}

/**
 * GraphQL over WebSocket (the graphql-ws protocol) on the HTTP server's own port and path. Each
 * operation runs through the app's envelop (the same parsing limits, validation rules, cost check,
 * context and error masking as over HTTP). A browser page may open a socket only from an origin
 * that may call the API over HTTP. Returns a function that closes every socket.
 */
export function attachWebSockets(server: Server, options: WebSocketOptions): () => Promise<void> {
  const path = options.path ?? '/graphql';
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    if (url.pathname !== path) return refuse(socket, 404, 'Not Found');
    if (!options.app()) return refuse(socket, 503, 'Service Unavailable');
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : null;
    if (!mayWriteFrom(origin, url.toString(), options.corsOrigins)) return refuse(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const disposable = useServer(
    {
      execute: (args) => (args.rootValue as Enveloped).execute(args) as never,
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args) as never,
      onSubscribe: async (ctx, _id, payload) => {
        // The operation being started counts already.
        if (Object.keys(ctx.subscriptions).length > MAX_OPERATIONS_PER_SOCKET) {
          return [
            new GraphQLError(`a socket runs at most ${MAX_OPERATIONS_PER_SOCKET} operations at a time; complete one or open another socket`, {
              extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' satisfies ErrorCode, limit: MAX_OPERATIONS_PER_SOCKET },
            }),
          ];
        }
        const app = options.app()!;
        const { schema, execute, subscribe, contextFactory, parse, validate } = app.getEnveloped({
          request: requestOf(ctx.extra.request),
          // The upgrade request: its socket tells the client's address, for the limits per client.
          req: ctx.extra.request,
          params: payload,
        } as Parameters<App['getEnveloped']>[0]);
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
        return {
          schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies Enveloped,
        };
      },
    },
    wss,
  );

  return async () => {
    for (const client of wss.clients) client.close(1001, 'the server is stopping') // 1001: going away;
    await disposable.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}
