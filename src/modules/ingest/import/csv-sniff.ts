const CANDIDATES = [',', ';', '\t', '|'] as const;

/**
 * Splits CSV text into records (RFC 4180: quoted fields may hold delimiters, doubled quotes and
 * line breaks). With `complete` false the text is a cut-off head, so a last unterminated record is
 * dropped.
 */
export function parseCsvRecords(
  text: string,
  delimiter: string,
  quote = '"',
  maxRecords = Infinity,
  complete = false,
): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n && records.length < maxRecords) {
    const ch = text[i];
    if (quoted) {
      if (ch === quote) {
        if (text[i + 1] === quote) {
          field += quote;
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === quote && field.length === 0) quoted = true;
    else if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      record.push(field);
      field = '';
      if (!(record.length === 1 && record[0] === '')) records.push(record);
      record = [];
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (records.length < maxRecords && complete && !quoted && (field !== '' || record.length > 0)) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/**
 * Picks the delimiter among , ; tab | that splits the first records into the same number (> 1) of
 * fields most consistently; a single-column file gets ','.
 */
export function sniffDelimiter(text: string, quote = '"', complete = false): string {
  let best: string = ',';
  let bestScore = -1;
  for (const candidate of CANDIDATES) {
    const records = parseCsvRecords(text, candidate, quote, 50, complete);
    if (records.length === 0) continue;
    const width = records[0].length;
    if (width < 2) continue;
    const consistent = records.filter((r) => r.length === width).length / records.length;
    const score = consistent * 1000 + Math.min(width, 999);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Drops the first `lines` physical lines of a text head. */
export function skipLines(text: string, lines: number): string {
  let at = 0;
  for (let i = 0; i < lines; i++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return '';
    at = next + 1;
  }
  return text.slice(at);
}
