/**
 * Dates as integer day numbers (days since 1970-01-01, UTC) with cached string forms, so the hot
 * path never builds Date objects.
 */

const DAY_MS = 86_400_000;

/** Calendar parts of a day number. */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** Day number of a calendar date. */
export function dayOf(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** Calendar parts of a day number (Hinnant's civil_from_days). */
export function ymdOf(day: number): Ymd {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

const DAY_BASE = dayOf(1900, 1, 1);
const DAY_SPAN = dayOf(2200, 1, 1) - DAY_BASE;
const dayStrings: (string | undefined)[] = new Array<string | undefined>(DAY_SPAN);

/** `YYYY-MM-DD` of a day number (memoised). */
export function dayString(day: number): string {
  const i = day - DAY_BASE;
  if (i >= 0 && i < DAY_SPAN) {
    const cached = dayStrings[i];
    if (cached !== undefined) return cached;
  }
  const { y, m, d } = ymdOf(day);
  const s = `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
  if (i >= 0 && i < DAY_SPAN) dayStrings[i] = s;
  return s;
}

/** `YYYYMMDD` of a day number (for ID numbers). */
export function compactDayString(day: number): string {
  const s = dayString(day);
  return s.slice(0, 4) + s.slice(5, 7) + s.slice(8, 10);
}

/** Parses `YYYY-MM-DD` strictly; null when malformed or not a real date. */
export function parseDay(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const day = dayOf(y, m, d);
  const back = ymdOf(day);
  return back.y === y && back.m === m && back.d === d ? day : null;
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** True on Saturdays and Sundays. */
export function isWeekend(day: number): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

/** Last day of the month containing `day`. */
export function monthEnd(day: number): number {
  const { y, m } = ymdOf(day);
  return m === 12 ? dayOf(y + 1, 1, 1) - 1 : dayOf(y, m + 1, 1) - 1;
}

/** First day of the month containing `day`. */
export function monthStart(day: number): number {
  const { y, m } = ymdOf(day);
  return dayOf(y, m, 1);
}

/** Adds whole months to a day, clamping the day of the month (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(day: number, months: number): number {
  const { y, m, d } = ymdOf(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const first = dayOf(ny, nm, 1);
  return first + Math.min(d, monthEnd(first) - first + 1) - 1;
}

/**
 * The default as-of date: the last day of the previous month (UTC) of `now`. It depends on the day
 * the generator runs; pass an explicit as-of date for output that does not.
 */
export function defaultAsOf(now: Date): string {
  const firstOfMonth = dayOf(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return dayString(firstOfMonth - 1);
}

/** One month of the generated window. */
export interface MonthSpan {
  /** 0 = first month of the window. */
  index: number;
  /** First day of the month (day number). */
  start: number;
  /** Last day generated in the month: the month end, or the as-of date in the last month. */
  end: number;
  /** `YYYY-MM-01`, the balance_monthly key. */
  label: string;
  /** Calendar month 1–12. */
  calendarMonth: number;
}

/** The `months` calendar months ending with the month of `asOfDay`. */
export function monthWindow(asOfDay: number, months: number): MonthSpan[] {
  const spans: MonthSpan[] = [];
  const lastStart = monthStart(asOfDay);
  for (let i = 0; i < months; i++) {
    const start = addMonths(lastStart, i - (months - 1));
    const end = i === months - 1 ? asOfDay : monthEnd(start);
    spans.push({ index: i, start, end, label: dayString(start), calendarMonth: ymdOf(start).m });
  }
  return spans;
}

let clockStrings: string[] | undefined;

/** `HH:MM:SS` of a second of the day (table built once: 86,400 short strings). */
export function clockString(secondOfDay: number): string {
  if (!clockStrings) {
    clockStrings = new Array<string>(86400);
    for (let s = 0; s < 86400; s++) {
      clockStrings[s] = `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
    }
  }
  return clockStrings[secondOfDay];
}

const stampPrefixes: (string | undefined)[] = new Array<string | undefined>(DAY_SPAN);

/** `YYYY-MM-DD HH:MM:SS` of a timestamp given as seconds since the epoch. */
export function timestampString(epochSeconds: number): string {
  const day = Math.floor(epochSeconds / 86400);
  const i = day - DAY_BASE;
  let prefix = stampPrefixes[i];
  if (prefix === undefined) {
    prefix = dayString(day) + ' ';
    stampPrefixes[i] = prefix;
  }
  return prefix + clockString(epochSeconds - day * 86400);
}
