// "Did you mean …?" for unknown tags, values and product categories.

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, so "teir" → "tier" is one
 * edit), over code points so Chinese values count one edit per character.
 */
export function editDistance(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  const rows = s.length + 1;
  const cols = t.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[rows - 1][cols - 1];
}

/**
 * Up to `limit` candidates close to `input`, nearest first: a case-insensitive match, a candidate that
 * contains the input (or is contained by it), or one within about a third of its length in edits.
 */
export function suggest(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const needle = input.toLowerCase();
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of candidates) {
    const hay = candidate.toLowerCase();
    const threshold = Math.max(1, Math.floor(Math.max(Array.from(needle).length, 3) / 3));
    let score = editDistance(needle, hay);
    if (score > threshold && needle.length >= 3 && (hay.includes(needle) || needle.includes(hay))) {
      score = threshold + 0.5; // a containment match ranks after close typos but still shows
    }
    if (score <= threshold + 0.5) scored.push({ candidate, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((s) => s.candidate);
}
