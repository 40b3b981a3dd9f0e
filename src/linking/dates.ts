import type { KbRole } from './types.js';

const DAY = 86_400_000;

// Linking asks for the same few thousand dates (roles, conflicts, publication days) over and over.
const days = new Map<string, number>();

/** Days since the epoch of an ISO date (`YYYY-MM-DD`). */
export function dayNumber(iso: string): number {
  let day = days.get(iso);
  if (day === undefined) {
    day = Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY);
    if (days.size < 100_000) days.set(iso, day);
  }
  return day;
}

/** Whether a role was held on `date`, give or take `marginDays` (a month-precise date is the 1st of its month). */
export function isRoleActive(role: KbRole, date: string, marginDays: number): boolean {
  const day = dayNumber(date);
  if (role.from !== null && dayNumber(role.from) > day + marginDays) return false;
  if (role.to !== null && dayNumber(role.to) < day - marginDays) return false;
  return true;
}
