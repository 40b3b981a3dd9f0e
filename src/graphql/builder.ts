import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import { GraphQLError, valueFromASTUntyped, type ValueNode } from 'graphql';
import type { Context } from '../context.js';
import type { ArticleScope } from '../queries/article-filter.js';
import { isCalendarDate } from './calendar-date.js';
import { complexityError, complexityLimitFor, fieldComplexity } from './complexity.js';
import { encodeGlobalId } from '../global-id.js';
import { decodeGlobalId } from './ids.js';
import type { ErrorCode } from '../error-codes.js';

function parseIsoDate(value: unknown, node?: ValueNode): string {
  if (isCalendarDate(value)) return value;
  // With the literal's node, a refusal during validation keeps its place in the document.
  throw new GraphQLError(`Date must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`, {
    ...(node ? { nodes: node } : {}),
    extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode },
  });
}

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    Date: { Input: string; Output: string };
    ID: { Input: string; Output: string | number };
  };
  /**
   * Every connection carries a lazy count, run only when a client selects `totalCount`; lists of
   * articles also carry their scope, for the aggregates over exactly that set.
   */
  Connection: { totalCount: () => Promise<number> | number; articleScope?: ArticleScope };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  plugins: [RelayPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  // Checked before any resolver runs, from the requested page sizes (by useCostReport, which
  // weighs every operation; the plugin weighs again only what that did not).
  complexity: {
    fieldComplexity,
    limit: (context) => complexityLimitFor(context),
    complexityError: (kind, result) => complexityError(kind, result),
  },
  relay: {
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: decodeGlobalId,
    edgesFieldOptions: { nullable: false, description: 'The items of this page, each with its cursor.' },
    nodeFieldOptions: { nullable: false, description: 'The item at the end of the edge.' },
    cursorFieldOptions: { description: 'An opaque cursor for this item; pass it as `after` or `before`.' },
    pageInfoFieldOptions: { description: 'Where this page stands in the whole list.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items come before this page.' },
    startCursorFieldOptions: { description: 'The cursor of the first item of this page; null when the page is empty.' },
    endCursorFieldOptions: { description: 'The cursor of the last item of this page; null when the page is empty.' },
    firstArgOptions: { description: 'Return the first N items (1 to 100; 20 when neither first nor last is given).' },
    lastArgOptions: { description: 'Return the last N items (1 to 100).' },
    afterArgOptions: { description: 'Return items after this cursor.' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
    nodeTypeOptions: { description: 'An object with a global id, which `node` and `nodes` fetch again.' },
    pageInfoTypeOptions: { description: 'Paging information of a connection (Relay cursor connections).' },
    idFieldOptions: { description: 'Global id of this object; stable across releases.' },
    nodeQueryOptions: {
      description: 'Fetches any object by its global id; null when no such object exists.',
      args: { id: { description: 'A global id, as the `id` field of any object gives it.' } },
    },
    nodesQueryOptions: {
      description: 'Fetches objects by their global ids, in the order given; null for ids that match nothing.',
      args: { ids: { description: 'Global ids, as the `id` field of any object gives them.' } },
    },
  },
});

builder.scalarType('Date', {
  description: 'A calendar date, written `YYYY-MM-DD` (ISO 8601).',
  serialize: (value) => value,
  parseValue: (value) => parseIsoDate(value),
  parseLiteral: (node, variables) => parseIsoDate(valueFromASTUntyped(node, variables), node),
});

builder.queryType({ description: 'Read the corpus: articles, the actors they mention and the conflicts they report on.' });
builder.mutationType({ description: 'Change the corpus; every mutation needs the write token.' });

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items the whole list holds (not only this page); counted only when asked for.',
    resolve: (connection) => connection.totalCount(),
  }),
);
