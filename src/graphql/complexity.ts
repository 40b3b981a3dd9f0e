import { complexityFromQuery } from '@pothos/plugin-complexity';
import { getNullableType, getOperationAST, GraphQLError, isListType, Kind, type DocumentNode, type GraphQLField, type GraphQLSchema } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import { FILTER_TERM_COST, filterTerms, MAX_FILTER_TERMS } from './filter-size.js';
import type { ErrorCode } from '../error-codes.js';

/** A query may ask for at most this many weighted items; the contract operations at their largest pages stay below it. */
export const MAX_COMPLEXITY = 1_000_000;

// A list without a page argument (the actors of one article) holds a handful of items.
const UNPAGED_LIST = 10;

/**
 * What one field costs: 1, plus 10 for each term of its `filter` (a filter larger than the limit
 * is refused when read, and costs as one just over it); and its selections count once per item it
 * can return: `first` or `last` for a connection or a limited list, 10 for any other list. The
 * `edges` of a connection add nothing on top of the connection's own page size.
 */
export function fieldComplexity(args: Record<string, unknown>, _ctx: unknown, field: GraphQLField<unknown, any, any>) {
  if (field.name === 'edges' || field.name === 'nodes') return { field: 0, multiplier: 1 };
  const own = 1 + FILTER_TERM_COST * Math.min(filterTerms(args.filter, MAX_FILTER_TERMS), MAX_FILTER_TERMS + 1);
  const page = args.first ?? args.last;
  if (typeof page === 'number') return { field: own, multiplier: Math.max(1, page) };
  return { field: own, multiplier: isListType(getNullableType(field.type)) ? UNPAGED_LIST : 1 };
}

export function complexityError(_kind: string, result: { complexity: number; maxComplexity?: number }): Error {
  return new GraphQLError(
    `the query asks for too much: its cost is ${result.complexity}, the limit is ${result.maxComplexity ?? MAX_COMPLEXITY}; ask for smaller pages or fewer nested lists`,
    { extensions: { code: 'QUERY_TOO_COMPLEX' satisfies ErrorCode, cost: result.complexity, maxCost: result.maxComplexity ?? MAX_COMPLEXITY } },
  );
}

type CostArgs = { document: DocumentNode; operationName?: string | null | undefined; variableValues?: unknown; contextValue?: unknown };

/**
 * The operation that runs, with the fragments, as a document of its own: complexityFromQuery
 * weighs the first operation of a document, whichever one the request names.
 */
function runningOperation(document: DocumentNode, operationName: string | null | undefined): DocumentNode {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length < 2) return document;
  const operation = getOperationAST(document, operationName);
  if (!operation) return document;
  return { ...document, definitions: [operation, ...document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)] };
}

// Yoga hands the same document object for the same text: an operation is weighed once for each
// set of variables (by their JSON), and the cost report and the admission of a request share it.
const costs = new WeakMap<DocumentNode, Map<string, number>>();
const requestCosts = new WeakMap<object, { document: DocumentNode; operationName: string; cost: number }>();
/** Sets of variables remembered per document; past this many the document's costs start over (a bound on memory). */
export const MAX_COSTS_PER_DOCUMENT = 256;
/** Variables longer than this (as JSON) are weighed but not remembered: 256 bodies of 2 MiB would pin 512 MiB. */
const MAX_REMEMBERED_KEY = 4096;

/** The cost of the operation a request runs; throws as complexityFromQuery does when its variables do not coerce. */
export function operationCost(schema: GraphQLSchema, args: CostArgs): number {
  const variables = (args.variableValues ?? {}) as Record<string, unknown>;
  const name = args.operationName ?? '';
  const entry = requestCosts.get(variables);
  if (entry?.document === args.document && entry.operationName === name) return entry.cost;
  // The same variables weigh the same: the cost depends on the document and its variables only.
  const key = `${name}\n${JSON.stringify(variables)}`;
  let known = costs.get(args.document);
  let cost = known?.get(key);
  if (cost === undefined) {
    cost = complexityFromQuery(runningOperation(args.document, args.operationName), { schema, variables, ctx: args.contextValue as object }).complexity;
    if (key.length <= MAX_REMEMBERED_KEY) {
      if (!known || known.size >= MAX_COSTS_PER_DOCUMENT) costs.set(args.document, (known = new Map()));
      known.set(key, cost);
    }
  }
  requestCosts.set(variables, { document: args.document, operationName: name, cost });
  return cost;
}

/**
 * The contexts of requests whose operation was weighed (see useCostReport) and is within the
 * limit: the complexity plugin's own check, which weighs the operation again at the first root
 * field, is skipped for them (see the builder's `complexity.limit`). Any other request, one over the
 * limit included, is weighed and refused by the plugin as before.
 */
const withinLimit = new WeakSet<object>();

/** The complexity plugin's limit for a request: none when its cost is known to be within it. */
export function complexityLimitFor(context: object): { complexity?: number } {
  return withinLimit.has(context) ? {} : { complexity: MAX_COMPLEXITY };
}

function weighed(context: unknown, complexity: number): void {
  if (complexity <= MAX_COMPLEXITY && context !== null && typeof context === 'object') withinLimit.add(context);
}

/**
 * Adds the cost of each executed operation to the response's `extensions.cost`, so clients can see
 * how close they are to the limit, and refuses a subscription over the limit when it starts (the
 * complexity plugin itself checks only as each event is resolved).
 */
export function useCostReport(schema: GraphQLSchema): Plugin {
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const complexity = operationCost(schema, args);
      weighed(args.contextValue, complexity);
      if (complexity > MAX_COMPLEXITY) {
        setResultAndStopExecution({ errors: [complexityError('Complexity', { complexity, maxComplexity: MAX_COMPLEXITY }) as GraphQLError] });
      }
    },
    onExecute({ args }) {
      // Variables that do not coerce make the cost throw their first error; the executor reports
      // them all, as a request error (400), so the answer carries no cost then.
      let complexity: number;
      try {
        complexity = operationCost(schema, args);
      } catch {
        return;
      }
      weighed(args.contextValue, complexity);
      return {
        onExecuteDone(payload) {
          return handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            setResult({ ...result, extensions: { ...result.extensions, cost: { complexity, limit: MAX_COMPLEXITY } } });
          });
        },
      };
    },
  };
}
