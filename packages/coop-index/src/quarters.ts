import type { Instant, IsoDate, Quarter } from "./types.ts";

/** Quarters, days and working days are Berlin local time, so boundaries sit at local midnight across DST. */
export const TIME_ZONE = "Europe/Berlin";

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/** en-CA orders year-month-day; formatToParts keeps us independent of ICU's exact pattern. */
const berlinDayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const berlinClockFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

const INSTANT_STRING = /^\d{4}-\d{2}-\d{2}T.+(?:Z|[+-]\d{2}:?\d{2})$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Milliseconds since the epoch, or NaN. Strings need `Z` or an offset: a bare local time would
 * be read in the server's zone and make the result depend on the machine.
 */
export function toEpochMs(at: Instant): number {
  if (at instanceof Date) return at.getTime();
  return INSTANT_STRING.test(at) ? Date.parse(at) : Number.NaN;
}

function partsOf(format: Intl.DateTimeFormat, ms: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of format.formatToParts(ms)) if (part.type !== "literal") out[part.type] = Number(part.value);
  return out;
}

/** Days since 1970-01-01 of a calendar date. */
export function isoDateToDayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (dayNumberToIsoDate(ms / MS_PER_DAY) !== date) throw new RangeError(`not a calendar date: ${date}`);
  return ms / MS_PER_DAY;
}

export function dayNumberToIsoDate(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Berlin's offset is a whole number of hours and changes only on full UTC hours, so the Berlin
 * day is constant within a UTC hour: one Intl call per hour instead of one per event.
 */
const dayByUtcHour = new Map<number, number>();

/** Berlin calendar day (as a day number) of an instant given in epoch milliseconds. */
export function berlinDayNumber(ms: number): number {
  const hour = Math.floor(ms / MS_PER_HOUR);
  let day = dayByUtcHour.get(hour);
  if (day === undefined) {
    const p = partsOf(berlinDayFormat, hour * MS_PER_HOUR);
    day = Date.UTC(p.year!, p.month! - 1, p.day!) / MS_PER_DAY;
    if (dayByUtcHour.size > 200_000) dayByUtcHour.clear();
    dayByUtcHour.set(hour, day);
  }
  return day;
}

/** The Berlin calendar day of an instant. */
export function berlinDate(at: Instant): IsoDate {
  const ms = toEpochMs(at);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(at)}`);
  return dayNumberToIsoDate(berlinDayNumber(ms));
}

function berlinOffsetMs(ms: number): number {
  const p = partsOf(berlinClockFormat, ms);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(ms / 1000) * 1000;
}

/** The instant at which a Berlin calendar day begins (23:00 or 22:00 UTC the day before). */
export function berlinMidnight(date: IsoDate): Date {
  const utc = isoDateToDayNumber(date) * MS_PER_DAY;
  const guess = utc - berlinOffsetMs(utc);
  return new Date(utc - berlinOffsetMs(guess));
}

function checkQuarter(q: Quarter): void {
  if (!Number.isInteger(q.year) || ![1, 2, 3, 4].includes(q.quarter)) {
    throw new RangeError(`not a quarter: ${JSON.stringify(q)}`);
  }
}

/** The quarter an instant falls in, in Berlin local time. */
export function quarterOf(at: Instant): Quarter {
  const date = berlinDate(at);
  const month = Number(date.slice(5, 7));
  return { year: Number(date.slice(0, 4)), quarter: (Math.floor((month - 1) / 3) + 1) as Quarter["quarter"] };
}

export function quarterLabel(q: Quarter): string {
  checkQuarter(q);
  return `Q${q.quarter}/${q.year}`;
}

export function nextQuarter(q: Quarter): Quarter {
  checkQuarter(q);
  return q.quarter === 4
    ? { year: q.year + 1, quarter: 1 }
    : { year: q.year, quarter: (q.quarter + 1) as Quarter["quarter"] };
}

export function previousQuarter(q: Quarter): Quarter {
  checkQuarter(q);
  return q.quarter === 1
    ? { year: q.year - 1, quarter: 4 }
    : { year: q.year, quarter: (q.quarter - 1) as Quarter["quarter"] };
}

/** Year-over-year comparison partner; Q3 and Q4 have their own seasonality. */
export function sameQuarterLastYear(q: Quarter): Quarter {
  checkQuarter(q);
  return { year: q.year - 1, quarter: q.quarter };
}

export type QuarterBounds = {
  /** First instant of the quarter (Berlin midnight), inclusive. */
  start: Date;
  /** First instant of the next quarter, exclusive. */
  end: Date;
  firstDay: IsoDate;
  lastDay: IsoDate;
};

export function quarterBounds(q: Quarter): QuarterBounds {
  checkQuarter(q);
  const firstDay = `${String(q.year).padStart(4, "0")}-${String(q.quarter * 3 - 2).padStart(2, "0")}-01`;
  const next = nextQuarter(q);
  const nextFirstDay = `${String(next.year).padStart(4, "0")}-${String(next.quarter * 3 - 2).padStart(2, "0")}-01`;
  return {
    start: berlinMidnight(firstDay),
    end: berlinMidnight(nextFirstDay),
    firstDay,
    lastDay: dayNumberToIsoDate(isoDateToDayNumber(nextFirstDay) - 1),
  };
}

export type Holidays = readonly IsoDate[] | ReadonlySet<IsoDate>;

function holidaySet(holidays: Holidays): ReadonlySet<IsoDate> {
  return holidays instanceof Set ? holidays : new Set(holidays);
}

/** Monday to Friday and not a holiday from the county calendar. */
export function isWorkingDay(date: IsoDate, holidays: Holidays = []): boolean {
  const weekday = (isoDateToDayNumber(date) + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday !== 0 && weekday !== 6 && !holidaySet(holidays).has(date);
}

/** The n-th working day after `date` (the day itself never counts). */
export function addWorkingDays(date: IsoDate, n: number, holidays: Holidays = []): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer: ${n}`);
  const set = holidaySet(holidays);
  let day = isoDateToDayNumber(date);
  for (let left = n; left > 0;) {
    day += 1;
    if (isWorkingDay(dayNumberToIsoDate(day), set)) left -= 1;
  }
  return dayNumberToIsoDate(day);
}

/**
 * Last day on which late events still enter a quarter: quarter end + 10 working days.
 * From the following Berlin midnight on, the quarter is a frozen snapshot.
 */
export function snapshotFreezeDate(q: Quarter, holidays: Holidays = [], workingDays = 10): IsoDate {
  return addWorkingDays(quarterBounds(q).lastDay, workingDays, holidays);
}

/** `now` is passed in so that the maths stays pure. */
export function isQuarterFrozen(q: Quarter, now: Instant, holidays: Holidays = [], workingDays = 10): boolean {
  return berlinDate(now) > snapshotFreezeDate(q, holidays, workingDays);
}
