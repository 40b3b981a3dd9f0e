import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import type { Db } from '../db/client.js';
import { createLoaders } from '../loaders.js';

/**
 * Sends queries to the read replicas, one replica per request in turn; mutations keep the
 * primary the context was built on, for the write and for everything their payload reads, so a
 * mutation's answer always shows its own write. Without replicas it does nothing.
 */
export function useReadReplicas(replicas: readonly Db[]): Plugin<Context> {
  let next = 0;
  return {
    onExecute({ args, extendContext }) {
      if (replicas.length === 0) return;
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      const db = replicas[next]!;
      next = (next + 1) % replicas.length;
      // The loaders are rebuilt on the replica: built on the primary, they would read from it.
      extendContext({ db, loaders: createLoaders(db) });
    },
  };
}
