import type { ArticleScope } from '../queries/article-filter.js';
import type { KeyPart, Page } from '../queries/keyset.js';
import { CONFLICT_ROLES } from '../queries/rows.js';
import { isCalendarDate } from './calendar-date.js';
import { badInput } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface ConnectionArgs {
  first?: number | null | undefined;
  last?: number | null | undefined;
  after?: string | null | undefined;
  before?: string | null | undefined;
}

const ROLES = new Set<unknown>(CONFLICT_ROLES);

function checkSize(name: 'first' | 'last', value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw badInput(`\`${name}\` must be between 1 and ${MAX_PAGE_SIZE}, got ${value}`, { argument: name });
  }
  return value;
}

export function readPage(args: ConnectionArgs, shape: KeyPart[]): Page {
  if (args.first != null && args.last != null) {
    throw badInput('pass either `first` or `last`, not both', { argument: 'last' });
  }
  const backward = args.last != null;
  const limit = backward ? checkSize('last', args.last!) : checkSize('first', args.first ?? DEFAULT_PAGE_SIZE);
  return {
    limit,
    backward,
    after: args.after != null ? decodeCursor(args.after, shape, 'after') : null,
    before: args.before != null ? decodeCursor(args.before, shape, 'before') : null,
    shape,
  };
}

// Cursors are the sort key of a row, so they stay valid when rows are added anywhere in the list.
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, shape: KeyPart[], argument: 'after' | 'before'): unknown[] {
  const invalid = () => badInput(`\`${argument}\` is not a cursor of this list`, { argument });
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(key) || key.length !== shape.length) throw invalid();
  shape.forEach((part, i) => {
    if (!fitsPart(part, key[i])) throw invalid();
  });
  return key;
}

// The ranges of the SQL types a cursor's values are cast to (see keyset.ts): Postgres refuses
// anything outside them with an error of its own, which a client must never cause.
const INT4 = 2 ** 31;
const FLOAT4_MAX = 3.4028234663852886e38;
const FLOAT4_MIN_NORMAL = 1.1754943508222875e-38;

function fitsPart(part: KeyPart, value: unknown): boolean {
  switch (part) {
    case 'int':
      return Number.isSafeInteger(value) && (value as number) >= -INT4 && (value as number) < INT4;
    case 'real': {
      if (typeof value !== 'number') return false;
      const size = Math.abs(value);
      return size === 0 || (size >= FLOAT4_MIN_NORMAL && size <= FLOAT4_MAX);
    }
    case 'date':
      return isCalendarDate(value);
    case 'text':
      // Postgres text holds neither NUL nor a lone UTF-16 surrogate.
      return typeof value === 'string' && value.length <= 1000 && !/[\u0000\p{Cs}]/u.test(value);
    case 'conflict_role':
      return typeof value === 'string' && ROLES.has(value);
  }
}

export interface Connection<Edge> {
  edges: (Edge & { cursor: string })[];
  articleScope?: ArticleScope;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: () => Promise<number> | number;
}

/**
 * An edge whose cursor is encoded when it is read: a ConflictTraversal holds some 270 edges and
 * asks for no cursor at all, and their base64 was 2–3 % of the server's CPU. The edge's own fields
 * are its own properties; the cursor is a getter on the prototype (an object spread leaves it out).
 */
class LazyCursorEdge<Row> {
  #cursor: string | undefined;
  readonly #row: Row;
  readonly #keyOf: (row: Row) => unknown[];
  constructor(row: Row, keyOf: (row: Row) => unknown[]) {
    this.#row = row;
    this.#keyOf = keyOf;
  }
  get cursor(): string {
    return (this.#cursor ??= encodeCursor(this.#keyOf(this.#row)));
  }
}

/** Turns the rows of a keyset query (fetched with `limit + 1`) into a Relay connection; cursors are made only when read. */
export function toConnection<Row, Edge>(
  rows: Row[],
  page: Page,
  keyOf: (row: Row) => unknown[],
  edgeOf: (row: Row) => Edge,
  totalCount: () => Promise<number> | number,
): Connection<Edge> {
  const more = rows.length > page.limit;
  const kept = rows.slice(0, page.limit);
  if (page.backward) kept.reverse();
  const edges = kept.map((row) => Object.assign(new LazyCursorEdge(row, keyOf), edgeOf(row)) as Edge & { cursor: string });
  return {
    edges,
    pageInfo: {
      hasNextPage: page.backward ? page.before != null : more,
      hasPreviousPage: page.backward ? more : page.after != null,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
    totalCount,
  };
}
