/** Keys the search box handles itself. */
export type SearchKey = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End';

/**
 * The highlighted row after a key press, wrapping around the ends; -1 means none (the input).
 * With no results there is nothing to highlight.
 */
export function moveActive(current: number, count: number, key: SearchKey): number {
  if (count <= 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return current < 0 || current >= count - 1 ? 0 : current + 1;
    case 'ArrowUp':
      return current <= 0 ? count - 1 : current - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
  }
}

/** The row Enter opens: the highlighted one, else the best match (the first). */
export function rowToOpen(active: number, count: number): number {
  if (count <= 0) return -1;
  return active >= 0 && active < count ? active : 0;
}

/** The query to send for what is typed: trimmed, inner whitespace collapsed, at most 100 characters. */
export function normaliseQuery(text: string): string {
  return text.trim().replace(/\s+/g, ' ').slice(0, 100);
}
