import { useGraphQlJit } from '@envelop/graphql-jit';
import {
  getNamedType,
  getOperationAST,
  GraphQLError,
  isInputObjectType,
  Kind,
  typeFromAST,
  type DocumentNode,
  type ExecutionArgs,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { currentRequestScope } from '../request-scope.js';

/**
 * Runs repeated queries as compiled JavaScript (graphql-jit) instead of walking the document for
 * every field: a third less CPU per answer for the large nested answers frontends ask for (see
 * README, "At scale"). Compiled are queries
 *
 * - seen before: a document runs on the reference executor the first time, so one-off queries
 *   (an analyst exploring in GraphiQL, a client probing) pay no compilation;
 * - whose variables are scalars, enums or lists of them: graphql-jit unrolls the coercion of input
 *   objects, and a recursive one (`ArticleFilter` holds `and`, `or` and `not`) never ends
 *   (graphql-jit issue #81);
 *
 * and never mutations or subscriptions. Errors from compiled queries are given back the location
 * in the document that graphql-js gives them. The request's log line says `compiled: true`.
 */
export function useCompiledQueries(): Plugin {
  const seen = new WeakSet<DocumentNode>();
  const compiled = new WeakSet<object>();
  const shouldCompile = (args: ExecutionArgs): boolean => {
    const operation = getOperationAST(args.document, args.operationName);
    if (operation?.operation !== 'query') return false;
    if (!seen.has(args.document)) {
      seen.add(args.document);
      return false;
    }
    if (!scalarVariablesOnly(args.schema, args.document, args.operationName)) return false;
    compiled.add(args.contextValue as object);
    const scope = currentRequestScope();
    if (scope) scope.compiled = true;
    return true;
  };
  return {
    onPluginInit({ addPlugin }) {
      // An envelop plugin with no context of its own; Yoga's context only extends what it sees.
      addPlugin(useGraphQlJit({}, { enableIf: shouldCompile }) as Plugin);
    },
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (!compiled.has(args.contextValue as object) || !('errors' in result) || !result.errors?.length) return;
          // The client has gone (each field that lost its statement has an error): nobody reads where they were.
          if ((args.contextValue as { request?: Request }).request?.signal.aborted) return;
          // Errors first, as graphql-js puts them.
          const { errors, ...rest } = result;
          setResult({ errors: errors.map((error) => locatedIn(args, error)), ...rest });
        },
      };
    },
  };
}

/** Whether every variable of the operation is a scalar or an enum (or a list of them). */
function scalarVariablesOnly(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): boolean {
  const operation = getOperationAST(document, operationName);
  return (operation?.variableDefinitions ?? []).every((definition) => {
    const type = typeFromAST(schema, definition.type as never);
    return type !== undefined && !isInputObjectType(getNamedType(type));
  });
}

/**
 * graphql-jit's errors are of its own class and carry no AST nodes, so Yoga's response drops their
 * `locations`. The same error as graphql-js reports it: the field nodes at its path.
 */
function locatedIn(args: ExecutionArgs, error: GraphQLError): GraphQLError {
  if (error instanceof GraphQLError && error.nodes?.length) return error;
  // Nowhere to point at: a refusal before execution (the answer too large, the server busy).
  if (!error.path && !error.locations?.length) return error;
  const nodes = error.path ? fieldNodesAt(args.document, args.operationName, error.path) : [];
  // Without a path (a variable's value refused), its own line and column, as offsets in the text.
  const source = nodes.length === 0 && error.locations?.length ? args.document.loc?.source : undefined;
  return new GraphQLError(error.message, {
    nodes: nodes.length > 0 ? nodes : undefined,
    source,
    positions: source ? error.locations!.map(({ line, column }) => offsetOf(source.body, line, column)) : undefined,
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
}

/** The offset in `text` of a 1-based line and column. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let i = 1; i < line; i++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

/** The field nodes that produce the response entry at `path` (list indices skipped), through fragments. */
function fieldNodesAt(document: DocumentNode, operationName: string | null | undefined, path: readonly (string | number)[]): FieldNode[] {
  const operation = getOperationAST(document, operationName);
  if (!operation) return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  let sets: SelectionSetNode[] = [operation.selectionSet];
  let found: FieldNode[] = [];
  for (const key of path) {
    if (typeof key === 'number') continue;
    found = [];
    const visit = (set: SelectionSetNode) => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if ((selection.alias ?? selection.name).value === key) found.push(selection);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          visit(selection.selectionSet);
        } else {
          const fragment = fragments.get(selection.name.value);
          if (fragment) visit(fragment.selectionSet);
        }
      }
    };
    for (const set of sets) visit(set);
    sets = found.flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
  }
  return found;
}
