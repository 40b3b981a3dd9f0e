import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ErrorCode } from '../error-codes.js';

/**
 * How deep a variable's value or an argument's literal may nest. The deepest input of the schema,
 * an `ArticleFilter` at its 5 levels with `and`/`or` lists, is some 12 levels of JSON.
 */
export const MAX_INPUT_DEPTH = 32;

function refusal(argument: string, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode, argument, ...extensions } });
}

// Postgres text cannot hold NUL; the ingest's own check calls the same problem NUL_CHARACTER.
const nulIn = (argument: string) =>
  refusal(argument, `\`${argument}\` must not contain NUL characters (U+0000)`, { problem: 'NUL_CHARACTER' });
const tooDeep = (argument: string) => refusal(argument, `\`${argument}\` nests deeper than ${MAX_INPUT_DEPTH} levels`);

/** The problem of one JSON value, found without recursion (a value may nest thousands of levels deep). */
function valueProblem(value: unknown, argument: string): GraphQLError | null {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return nulIn(argument);
    } else if (item !== null && typeof item === 'object') {
      if (depth > MAX_INPUT_DEPTH) return tooDeep(argument);
      for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
    }
  }
  return null;
}

/**
 * The problem of the literals of a document, and which argument each variable feeds (the first
 * one, for naming it in an error). `visit` walks without recursion.
 */
function documentProblem(document: DocumentNode, feeds: Map<string, string>): GraphQLError | null {
  let argument: string | null = null;
  let depth = 0;
  let problem: GraphQLError | null = null;
  const nested = (node: ASTNode) => node.kind === Kind.OBJECT || node.kind === Kind.LIST;
  visit(document, {
    enter(node) {
      if (node.kind === Kind.ARGUMENT) argument = node.name.value;
      else if (nested(node)) {
        depth += 1;
        if (depth > MAX_INPUT_DEPTH && argument) problem ??= tooDeep(argument);
      } else if (node.kind === Kind.STRING && argument && node.value.includes('\u0000')) problem ??= nulIn(argument);
      else if (node.kind === Kind.VARIABLE && argument && !feeds.has(node.name.value)) feeds.set(node.name.value, argument);
      return problem ? false : undefined;
    },
    leave(node) {
      if (node.kind === Kind.ARGUMENT) argument = null;
      else if (nested(node)) depth -= 1;
    },
  });
  return problem;
}

// Yoga hands the same document object for the same text: a sound document is walked once.
const soundDocuments = new WeakMap<DocumentNode, Map<string, string>>();

/** Why the inputs of an operation are refused before anything reads them, or null when they are fine. */
export function inputProblem(document: DocumentNode, variables: unknown): GraphQLError | null {
  let feeds = soundDocuments.get(document);
  if (!feeds) {
    feeds = new Map<string, string>();
    const problem = documentProblem(document, feeds);
    if (problem) return problem;
    soundDocuments.set(document, feeds);
  }
  if (variables === null || typeof variables !== 'object') return null;
  for (const [name, value] of Object.entries(variables)) {
    const found = valueProblem(value, feeds.get(name) ?? name);
    if (found) return found;
  }
  return null;
}

/**
 * Checks every input once, in one place, before the variables are coerced (graphql-js coerces an
 * input recursively: a filter nested 5,000 levels deep overflowed the stack) and before any string
 * reaches SQL: no string of any argument may hold NUL, which Postgres text cannot store. Each
 * refusal is a BAD_USER_INPUT naming the argument.
 */
export function useInputGuard(): Plugin {
  const check = (args: { document: DocumentNode; variableValues?: unknown }, stop: (result: { errors: GraphQLError[] }) => void) => {
    const problem = inputProblem(args.document, args.variableValues);
    if (problem) stop({ errors: [problem] });
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      check(args, setResultAndStopExecution);
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      check(args, setResultAndStopExecution);
    },
  };
}
