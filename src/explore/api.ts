import type { Operation } from './operations.js';

/** Set by the server on the page: with persisted operations only, an operation goes by its hash. */
const persisted = document.querySelector('meta[name="explore-persisted"]')?.getAttribute('content') === 'on';

/** Codes of errors the reader can act on; any other is unexpected and shown with its request id. */
const EXPECTED = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'QUERY_TOO_COMPLEX', 'SERVER_BUSY', 'TIMEOUT', 'DATABASE_UNAVAILABLE']);

/** What went wrong with a request, as the reader should see it. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly code: string,
    readonly requestId: string | null,
    readonly status: number | null,
  ) {
    super(message);
  }

  get expected(): boolean {
    return EXPECTED.has(this.code);
  }
}

interface ErrorBody {
  message?: string;
  extensions?: { code?: string; requestId?: string };
}

/** Sends one operation to /graphql and returns its data, or throws an ApiError. */
export async function execute<Result, Variables>(operation: Operation<Result, Variables>, variables: Variables, signal?: AbortSignal): Promise<Result> {
  const body = persisted
    ? { operationName: operation.name, variables, extensions: { persistedQuery: { version: 1, sha256Hash: operation.hash } } }
    : { operationName: operation.name, query: operation.text, variables };
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(`the server did not answer (${(error as Error).message}); is it running?`, 'NETWORK', null, null);
  }
  const requestId = response.headers.get('x-request-id');
  let json: { data?: Result | null; errors?: ErrorBody[] };
  try {
    json = (await response.json()) as typeof json;
  } catch {
    throw new ApiError(`the server answered HTTP ${response.status} without a GraphQL answer`, 'HTTP', requestId, response.status);
  }
  const first = json.errors?.[0];
  if (first) {
    throw new ApiError(first.message ?? 'unknown error', first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', first.extensions?.requestId ?? requestId, response.status);
  }
  if (json.data == null) throw new ApiError(`the server answered HTTP ${response.status} without data`, 'HTTP', requestId, response.status);
  return json.data;
}
