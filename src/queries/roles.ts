import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { actorRoles } from '../db/schema.js';
import { groupedInKeyOrder } from './rows.js';

export type ActorRoleRow = typeof actorRoles.$inferSelect;

/** Every role of each actor, earliest first (open starts first). */
export async function rolesOfActors(db: Db, actorIds: readonly number[]): Promise<ActorRoleRow[][]> {
  const rows = await db
    .select()
    .from(actorRoles)
    .where(inArray(actorRoles.actorId, [...actorIds]))
    .orderBy(asc(actorRoles.actorId), asc(actorRoles.validFrom), asc(actorRoles.id));
  return groupedInKeyOrder(actorIds, rows, (row) => row.actorId);
}

/** The role held on a date: of those covering it, the one that began last (a later office outranks an earlier one). */
export function roleAt(roles: ActorRoleRow[], date: string): ActorRoleRow | null {
  const covering = roles.filter((r) => (r.validFrom ?? '0000-01-01') <= date && date <= (r.validTo ?? '9999-12-31'));
  return covering.sort((a, b) => (b.validFrom ?? '').localeCompare(a.validFrom ?? ''))[0] ?? null;
}
