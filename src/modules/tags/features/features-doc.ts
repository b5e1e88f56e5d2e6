/**
 * docs/features.md as a function of FEATURE_COLUMNS and the feature vocabulary, so the page cannot
 * drift from the table: a test compares the file with featuresMarkdown(), and
 * `npx tsx src/modules/tags/features/features-doc.ts` rewrites it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FEATURE_COLUMNS, FEATURE_GROUPS, type FeatureGroup } from './feature-columns.ts';
import {
  CARD_INTERCHANGE_RATE,
  INTERNET_WEALTH_PLATFORMS,
  LARGE_OUTFLOW_YUAN,
  OWN_BANK_NAMES,
  PASSIVE_TYPES,
  PAYMENT_PLATFORMS,
  REVENUE_RATES,
  WINDOWS,
} from './feature-vocabulary.ts';

/** Where the generated page lives. */
export const FEATURES_DOC_PATH = fileURLToPath(new URL('../../../../docs/features.md', import.meta.url));

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown of docs/features.md. */
export function featuresMarkdown(): string {
  const lines: string[] = [
    '# Feature views: `customer_features`',
    '',
    '<!-- Generated from src/modules/tags/features/feature-columns.ts by',
    '     `npx tsx src/modules/tags/features/features-doc.ts`; do not edit by hand. -->',
    '',
    '`createFeatureTables(warehouse, { asOf?, onProgress? })` (src/modules/tags/features) rebuilds the DuckDB table',
    '`customer_features`: exactly one row per customer of `raw_customer`, the columns below, then one `attr_<name>`',
    'column per custom attribute (`raw_custom_attribute`; DOUBLE when every value is a number, else VARCHAR; names',
    'are lower-cased, other characters become `_` or `_u<hex>_`). Tag SQL expressions see only these columns.',
    '',
    '## How it is computed',
    '',
    '- **As-of date**: `asOf`, by default the last transaction day in the warehouse (the data\'s "today", not the',
    '  wall clock). Rows after it are ignored.',
    `- **Windows**: a transaction \`d\` days before as-of (d = 0 on the as-of day) is in the w-day window when d < w;`,
    `  windows are ${WINDOWS.join(', ')} days. "Last N calendar months" bitmasks count the as-of month as month 0.`,
    `- **Customer transactions** leave out ${PASSIVE_TYPES.map((t) => `\`${t}\``).join(', ')} (not the`,
    "  customer's doing) and the credit leg of a move between two of the customer's own accounts (a leg whose",
    '  counterparty account belongs to the same customer), so a wealth purchase counts once.',
    '- **External flows** (inflow/outflow) also leave out both legs of own-account moves: buying a time deposit',
    '  is neither an inflow nor an outflow.',
    `- **Other banks**: a counterparty bank that is not ${[...OWN_BANK_NAMES, ...PAYMENT_PLATFORMS].map((b) => `\`${b}\``).join(', ')}.`,
    `  **Internet wealth platforms**: counterparty names ${INTERNET_WEALTH_PLATFORMS.map((b) => `\`${b}\``).join(', ')}.`,
    `  A **large** outflow is a single external debit of at least ${LARGE_OUTFLOW_YUAN.toLocaleString('en-US')} yuan.`,
    '- **Holdings** are accounts not closed or matured, opened on or before as-of. Liability balances are',
    '  positive amounts owed. AUM = deposits (current, time deposit, CD, payroll, corporate settlement) +',
    '  investments (wealth, fund, insurance), as publish computes it. AUM history reads `raw_balance_monthly`.',
    `- **Estimated revenue**: balance × rate per category (${Object.entries(REVENUE_RATES)
      .map(([c, r]) => `${c} ${(r * 100).toFixed(1)}%`)
      .join(', ')}) + 90-day card spending × 4 × ${(CARD_INTERCHANGE_RATE * 100).toFixed(1)}%.`,
    '- **RFM scores** rank customers of the same kind with `percent_rank` (ties share a score): 1 + floor(5 × rank),',
    '  capped at 5. R orders by last transaction date, F by 365-day transactions, M by 365-day inflow + outflow.',
    '- **Enterprise graph**: relations in force on the as-of date (since ≤ as-of ≤ until); a supplier→buyer pair',
    '  counts once whether it is stored as `supplier`, `buyer` or both. Signals and news: the last 365 days.',
    '- The build is a handful of DuckDB passes (transactions, month-end balances, accounts, app events, graph,',
    '  ranks, custom attributes, final join); no per-row JavaScript.',
    '',
  ];
  for (const group of Object.keys(FEATURE_GROUPS) as FeatureGroup[]) {
    const columns = FEATURE_COLUMNS.filter((c) => c.group === group);
    if (columns.length === 0) continue;
    lines.push(`## ${FEATURE_GROUPS[group].en} / ${FEATURE_GROUPS[group].zh}`, '');
    lines.push('| column | type | description | 说明 |', '| --- | --- | --- | --- |');
    for (const c of columns) lines.push(`| \`${c.name}\` | ${c.type} | ${cell(c.en)} | ${cell(c.zh)} |`);
    lines.push('');
  }
  lines.push(`${FEATURE_COLUMNS.length} documented columns.`, '');
  return lines.join('\n');
}

/** The page as Prettier (the repository's formatter, `npm run format`) lays it out. */
export async function formattedFeaturesMarkdown(): Promise<string> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(FEATURES_DOC_PATH)) ?? {};
  return prettier.format(featuresMarkdown(), { ...options, filepath: FEATURES_DOC_PATH });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(FEATURES_DOC_PATH, await formattedFeaturesMarkdown());
  process.stdout.write(`wrote ${FEATURES_DOC_PATH}\n`);
}
