export interface YearMonth {
  year: number;
  month: number;
}

export interface CalendarDay extends YearMonth {
  day: number;
}

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const HEADER = /^date[ \t]+(\d{4})-(\d{2})(?=\s|$)/i;

/** Reads ` date YYYY-MM` at the start of the first line; the range check is left to the caller. */
export function readHeader(text: string): { year: number; month: number; rest: string } | null {
  const match = HEADER.exec(text.trimStart());
  if (!match) return null;
  const rest = text.trimStart().slice(match[0].length);
  return { year: Number(match[1]), month: Number(match[2]), rest };
}

export function headerProblem({ year, month }: YearMonth): string | null {
  if (year < MIN_YEAR || year > MAX_YEAR) return `the year must be between ${MIN_YEAR} and ${MAX_YEAR}`;
  if (month < 1 || month > 12) return 'the month must be between 01 and 12';
  return null;
}

export function isoDate({ year, month, day }: CalendarDay): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, februari: 2, feb: 2, maart: 3, mrt: 3, april: 4, apr: 4, mei: 5,
  juni: 6, jun: 6, juli: 7, jul: 7, augustus: 8, aug: 8, september: 9, sept: 9, sep: 9,
  oktober: 10, okt: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const WEEKDAY = '(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\\.?,?\\s+';
const TIME = '(?:[01]?\\d|2[0-3])[u:.h][0-5]\\d(?!\\d)(?:\\s*uur\\b)?';
const TIME_AFTER_DATE = `(?:\\s*[-–—,|]?\\s*(?:om\\s+)?${TIME})?`;

const NUMERIC_DATE = new RegExp(`^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}|\\d{2})(?!\\d)${TIME_AFTER_DATE}`, 'i');
const WORDED_DATE = new RegExp(
  `^(?:${WEEKDAY})?(\\d{1,2})\\s+(${MONTH_NAMES})\\.?(?![\\p{L}])(?:\\s+(\\d{4})(?!\\d))?${TIME_AFTER_DATE}`,
  'iu',
);
const BARE_TIME = new RegExp(`^${TIME}`, 'i');
const RELATIVE_TIME = /^\d{1,3}\s+(?:minuten|minuut|min|uur|dagen|dag)\s+geleden\b/i;
const UPDATE_LABEL =
  /^(?:laatst\s+bijgewerkt|bijgewerkt|gepubliceerd|geplaatst|laatste\s+update|update|aangepast)(\s*:)?(?:\s+(?:op|om|vandaag|gisteren)\b)*/i;

export interface TimestampToken {
  length: number;
  /** Whether the token is certainly boilerplate even when ordinary text follows it. */
  strong: boolean;
  date?: CalendarDay;
}

/** Matches a publication timestamp at the start of `text`, as found in bylines and datelines. */
export function matchTimestamp(text: string, header: YearMonth): TimestampToken | null {
  const label = UPDATE_LABEL.exec(text);
  if (label) {
    // Without a colon, `Aangepast` or `Update` could start a sentence; they count only before a timestamp.
    const hasColon = label[1] !== undefined;
    if (hasColon || timestampFollows(text.slice(label[0].length).trimStart(), header)) {
      return { length: label[0].length, strong: hasColon };
    }
  }
  return matchDateOrTime(text, header);
}

/**
 * Whether `text` starts with a timestamp, after any further labels. A loop, not recursion: a hostile
 * line may repeat `update` a hundred thousand times, deeper than the call stack goes.
 */
function timestampFollows(text: string, header: YearMonth): boolean {
  let rest = text;
  for (let label = UPDATE_LABEL.exec(rest); label; label = UPDATE_LABEL.exec(rest)) {
    if (label[1] !== undefined) return true;
    rest = rest.slice(label[0].length).trimStart();
  }
  return matchDateOrTime(rest, header) !== null;
}

function matchDateOrTime(text: string, header: YearMonth): TimestampToken | null {
  const numeric = NUMERIC_DATE.exec(text);
  if (numeric) {
    const date = calendarDay(Number(numeric[3]), numeric[3]!.length, Number(numeric[2]), Number(numeric[1]), header);
    return withDate(numeric[0].length, date);
  }
  const worded = WORDED_DATE.exec(text);
  if (worded) {
    const month = MONTHS[worded[2]!.toLowerCase()]!;
    const yearText = worded[3];
    const date = yearText
      ? calendarDay(Number(yearText), 4, month, Number(worded[1]), header)
      : calendarDay(header.year, 4, month, Number(worded[1]), header);
    return withDate(worded[0].length, date);
  }
  const time = BARE_TIME.exec(text) ?? RELATIVE_TIME.exec(text);
  return time ? { length: time[0].length, strong: false } : null;
}

// An impossible day (`31/09/19`) is still a timestamp, but names no day.
function withDate(length: number, date: CalendarDay | null): TimestampToken {
  return date ? { length, strong: false, date } : { length, strong: false };
}

function calendarDay(year: number, digits: number, month: number, day: number, header: YearMonth): CalendarDay | null {
  // A two-digit year (`5/09/16`) is read in the header's century.
  const fullYear = digits === 2 ? Math.floor(header.year / 100) * 100 + year : year;
  if (month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(fullYear, month, 0)).getUTCDate();
  return day <= daysInMonth ? { year: fullYear, month, day } : null;
}
