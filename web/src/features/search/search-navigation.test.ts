import { describe, expect, test } from 'vitest';
import { moveActive, normaliseQuery, rowToOpen } from './search-navigation.ts';

describe('search keyboard navigation', () => {
  test('arrow down walks the rows and wraps to the first', () => {
    expect(moveActive(-1, 3, 'ArrowDown')).toBe(0);
    expect(moveActive(0, 3, 'ArrowDown')).toBe(1);
    expect(moveActive(2, 3, 'ArrowDown')).toBe(0);
  });

  test('arrow up from the input or the first row goes to the last', () => {
    expect(moveActive(-1, 3, 'ArrowUp')).toBe(2);
    expect(moveActive(0, 3, 'ArrowUp')).toBe(2);
    expect(moveActive(2, 3, 'ArrowUp')).toBe(1);
  });

  test('Home and End jump to the ends; no rows means nothing highlighted', () => {
    expect(moveActive(1, 5, 'Home')).toBe(0);
    expect(moveActive(1, 5, 'End')).toBe(4);
    expect(moveActive(2, 0, 'ArrowDown')).toBe(-1);
  });

  test('Enter opens the highlighted row, else the best match', () => {
    expect(rowToOpen(2, 5)).toBe(2);
    expect(rowToOpen(-1, 5)).toBe(0);
    // A highlight left over from a longer list falls back to the first row.
    expect(rowToOpen(7, 3)).toBe(0);
    expect(rowToOpen(-1, 0)).toBe(-1);
  });

  test('queries are trimmed, whitespace collapsed, capped at 100 characters', () => {
    expect(normaliseQuery('  张  三 ')).toBe('张 三');
    expect(normaliseQuery('   ')).toBe('');
    expect(normaliseQuery('1'.repeat(150))).toHaveLength(100);
  });
});
