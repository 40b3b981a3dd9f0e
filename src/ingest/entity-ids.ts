import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { actors, conflicts } from '../db/schema.js';

export class UnknownEntityError extends Error {
  override name = 'UnknownEntityError';
}

/**
 * Database ids of actors and conflicts by slug, looked up once and kept: the knowledge base is
 * small and its ids never change while it is synced, so a bulk load does not ask again per batch.
 */
export class EntityIds {
  readonly #known = { actor: new Map<string, number>(), conflict: new Map<string, number>() };

  actors(db: Db, slugs: string[]): Promise<Map<string, number>> {
    return this.#resolve(db, 'actor', slugs);
  }

  conflicts(db: Db, slugs: string[]): Promise<Map<string, number>> {
    return this.#resolve(db, 'conflict', slugs);
  }

  async #resolve(db: Db, what: 'actor' | 'conflict', slugs: string[]): Promise<Map<string, number>> {
    const known = this.#known[what];
    const missing = [...new Set(slugs.filter((slug) => !known.has(slug)))];
    if (missing.length > 0) {
      const table = what === 'actor' ? actors : conflicts;
      const rows = await db.select({ id: table.id, slug: table.slug }).from(table).where(inArray(table.slug, missing));
      for (const row of rows) known.set(row.slug, row.id);
      const unknown = missing.filter((slug) => !known.has(slug));
      if (unknown.length > 0) {
        throw new UnknownEntityError(
          `the linker returned ${what} slugs that are not in the database: ${unknown.join(', ')} (is the knowledge base synced?)`,
        );
      }
    }
    return known;
  }
}
