import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  visit,
  type ASTNode,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ErrorCode } from '../error-codes.js';

/**
 * Request errors as the GraphQL-over-HTTP spec wants them:
 *
 * - A request that cannot start executing (a required variable missing, a variable of the wrong
 *   type, no operation of the given name) has errors and no `data`. It answers 400 under
 *   `application/graphql-response+json` (200 under `application/json`, as Yoga's `spec` flag
 *   arranges) with `extensions.code: BAD_USER_INPUT` and, for a variable, `extensions.variable`.
 * - A literal that a custom scalar refuses (`publishedFrom: "2022-13-45"`) is reported by
 *   validation; it gets the name of the argument it stands in as `extensions.argument`.
 */
export function useRequestErrors(): Plugin {
  return {
    onValidate({ params }) {
      return ({ valid, result }) => {
        if (valid) return;
        for (const error of result) {
          if (error.extensions.code !== 'BAD_USER_INPUT' || error.extensions.argument !== undefined) continue;
          const argument = enclosingArgument(params.documentAST, error.nodes?.[0]);
          if (argument) (error.extensions as Record<string, unknown>).argument = argument;
        }
      };
    },
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (!isAsyncIterable(result) && isRequestError(result)) setResult(asRequestError(args, result));
        },
      };
    },
    onSubscribe({ args }) {
      return {
        onSubscribeResult({ result, setResult }) {
          if (!isAsyncIterable(result) && isRequestError(result)) setResult(asRequestError(args, result));
        },
      };
    },
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Errors and no `data` at all: execution never started (a field error leaves `data`, if only null).
 * An error that chose another HTTP status (the origin guard's 403, SERVER_BUSY's 503) keeps it.
 */
function isRequestError(result: ExecutionResult): boolean {
  const errors = result.errors ?? [];
  const ownStatus = (error: GraphQLError) => {
    const status = (error.extensions?.http as { status?: number } | undefined)?.status;
    return status !== undefined && status !== 400;
  };
  return !('data' in result) && errors.length > 0 && !errors.some(ownStatus);
}

/**
 * The errors of variables as graphql-js words them, whichever executor ran: graphql-jit drops the
 * scalar's own reason (`Expected type Date.`) and the variable's node.
 */
function variableErrors(args: ExecutionArgs): readonly GraphQLError[] | undefined {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return undefined;
  const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {});
  return coerced.errors;
}

function asRequestError(args: ExecutionArgs, result: ExecutionResult): ExecutionResult {
  const errors = (variableErrors(args) ?? result.errors!).map((error) => {
    const definition = error.nodes?.[0];
    const variable = definition?.kind === Kind.VARIABLE_DEFINITION ? definition.variable.name.value : undefined;
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      originalError: error.originalError,
      extensions: {
        ...error.extensions,
        code: error.extensions.code ?? ('BAD_USER_INPUT' satisfies ErrorCode),
        ...(variable ? { variable } : {}),
        http: { spec: true, status: 400 },
      },
    });
  });
  return { ...result, errors };
}

/** The name of the field argument whose value holds `node` (also deep inside an input object). */
function enclosingArgument(document: DocumentNode, node: ASTNode | undefined): string | undefined {
  const at = node?.loc?.start;
  if (at === undefined) return undefined;
  let found: string | undefined;
  visit(document, {
    Argument(argument) {
      const { loc } = argument.value;
      if (loc && loc.start <= at && at < loc.end) found = argument.name.value;
    },
  });
  return found;
}
