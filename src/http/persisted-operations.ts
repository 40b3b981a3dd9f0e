import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import type { PersistedOperations } from '../persisted-manifest.js';
import type { ErrorCode } from '../error-codes.js';

const HOW = 'send {"extensions":{"persistedQuery":{"version":1,"sha256Hash":"<sha256 of the operation text>"}}} with the hash of one of its operations';

/**
 * Executes only the operations of the manifest, found by the hash the client sends: any other
 * document is refused before it is parsed (PERSISTED_QUERY_ONLY), an unknown hash too
 * (PERSISTED_QUERY_NOT_FOUND).
 */
export function usePersistedOperationsOnly(operations: PersistedOperations): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (hash) => operations.get(hash) ?? null,
    allowArbitraryOperations: false,
    customErrors: {
      persistedQueryOnly: {
        message: `this server runs only persisted operations and refuses a query's text; ${HOW}`,
        extensions: { code: 'PERSISTED_QUERY_ONLY' satisfies ErrorCode, http: { status: 400 } },
      },
      keyNotFound: {
        message: `the request names no persisted operation; ${HOW}`,
        extensions: { code: 'PERSISTED_QUERY_ONLY' satisfies ErrorCode, http: { status: 400 } },
      },
      notFound: {
        message: 'no persisted operation has this extensions.persistedQuery.sha256Hash; the server knows only the operations of its manifest',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' satisfies ErrorCode, http: { status: 400 } },
      },
    },
  });
}
