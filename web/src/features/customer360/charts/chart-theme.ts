/** Colours of the 360 charts: the brand blue for balances, a calm pair for money in and out. */
export const CHART_COLORS = {
  primary: '#1f4e9c',
  deposits: '#4e8fd8',
  investments: '#36a3a0',
  loans: '#c2410c',
  inflow: '#2f7fd1',
  outflow: '#f08c2e',
  net: '#1a2b4a',
  grid: '#e8ebf0',
} as const;

/** Colours of categorical slices (holdings donut, channels), in order. */
export const PALETTE = [
  '#1f4e9c',
  '#36a3a0',
  '#f0a030',
  '#7c5cc4',
  '#4e8fd8',
  '#e0625b',
  '#8fbf4d',
  '#d48cc4',
  '#6b7a90',
  '#c9a227',
  '#3fb0d8',
  '#a05a2c',
  '#5c6bc0',
] as const;
