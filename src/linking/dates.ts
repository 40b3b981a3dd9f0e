import { memoBounded } from './memo.js';
import type { KbRole } from './types.js';

const DAY = 86_400_000;

/** Days since the epoch of an ISO date (`YYYY-MM-DD`); the same few thousand dates (roles, conflicts, publication days) come back over and over. */
export const dayNumber: (iso: string) => number = memoBounded(100_000, (iso) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY));

/** Whether a role was held on `date`, give or take `marginDays` (a month-precise date is the 1st of its month). */
export function isRoleActive(role: KbRole, date: string, marginDays: number): boolean {
  const day = dayNumber(date);
  if (role.from !== null && dayNumber(role.from) > day + marginDays) return false;
  if (role.to !== null && dayNumber(role.to) < day - marginDays) return false;
  return true;
}
