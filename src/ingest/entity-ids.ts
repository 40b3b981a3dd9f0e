import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { KINDS, LINKED_KINDS, type Kind } from '../kinds.js';

export class UnknownEntityError extends Error {
  override name = 'UnknownEntityError';
}

/**
 * Database ids of the linked entities by slug, looked up once and kept: the knowledge base is
 * small and its ids never change while it is synced, so a bulk load does not ask again per batch.
 */
export class EntityIds {
  readonly #known = Object.fromEntries(KINDS.map((kind) => [kind, new Map<string, number>()])) as Record<Kind, Map<string, number>>;

  /** The ids of these slugs of a kind (and of every slug of it looked up before). */
  async of(db: Db, kind: Kind, slugs: string[]): Promise<Map<string, number>> {
    const known = this.#known[kind];
    const missing = [...new Set(slugs.filter((slug) => !known.has(slug)))];
    if (missing.length > 0) {
      const { table } = LINKED_KINDS[kind];
      const rows: { id: number; slug: string }[] = await db
        .select({ id: table.id, slug: table.slug })
        .from(table)
        .where(inArray(table.slug, missing));
      for (const row of rows) known.set(row.slug, row.id);
      const unknown = missing.filter((slug) => !known.has(slug));
      if (unknown.length > 0) {
        throw new UnknownEntityError(
          `the linker returned ${kind} slugs that are not in the database: ${unknown.join(', ')} (is the knowledge base synced?)`,
        );
      }
    }
    return known;
  }
}
