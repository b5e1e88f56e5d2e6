import { describe, expect, it } from 'vitest';
import {
  addMonths,
  dayOf,
  dayString,
  defaultAsOf,
  monthWindow,
  parseDay,
  timestampString,
  ymdOf,
} from './calendar.ts';

describe('calendar', () => {
  it('round-trips day numbers and strings', () => {
    for (const s of ['1900-03-01', '1970-01-01', '2000-02-29', '2024-12-31', '2099-07-15']) {
      const day = parseDay(s) as number;
      expect(dayString(day)).toBe(s);
      expect(ymdOf(day)).toEqual({
        y: Number(s.slice(0, 4)),
        m: Number(s.slice(5, 7)),
        d: Number(s.slice(8, 10)),
      });
    }
    expect(parseDay('2023-02-29')).toBeNull();
    expect(parseDay('2023-2-1')).toBeNull();
  });

  it('adds months clamping the day', () => {
    expect(dayString(addMonths(dayOf(2024, 1, 31), 1))).toBe('2024-02-29');
    expect(dayString(addMonths(dayOf(2024, 3, 15), -15))).toBe('2022-12-15');
  });

  it('defaults the as-of date to the end of the previous month (UTC)', () => {
    expect(defaultAsOf(new Date('2025-07-01T00:30:00Z'))).toBe('2025-06-30');
    expect(defaultAsOf(new Date('2025-03-31T23:59:00Z'))).toBe('2025-02-28');
  });

  it('builds the month window ending with the as-of date', () => {
    const spans = monthWindow(parseDay('2025-06-20') as number, 3);
    expect(spans.map((s) => s.label)).toEqual(['2025-04-01', '2025-05-01', '2025-06-01']);
    expect(dayString(spans[1].end)).toBe('2025-05-31');
    expect(dayString(spans[2].end)).toBe('2025-06-20');
  });

  it('formats timestamps', () => {
    expect(timestampString(dayOf(2025, 6, 30) * 86400 + 3661)).toBe('2025-06-30 01:01:01');
  });
});
