/**
 * Who the customers are at the coarsest level — kind, gender, birth date, city and birthplace — as
 * a pure function of (seed, index), so any thread can recompute any customer; plus the pass that
 * makes resident ID numbers unique.
 */
import { dayString } from './calendar.ts';
import { makeResidentId } from './identifiers.ts';
import { personName } from './names.ts';
import { ALL_REGIONS, CITIES, CITY_REGION_OFFSET, ORIGIN_DISTRICTS } from './places.ts';
import { hash32, rngFor, SALT, sampleIndex, weightedTable, type WeightedTable } from './random.ts';

/** Share of customers that are companies. */
export const CORPORATE_SHARE = 0.05;

/** The first draws of a customer's life. */
export interface CustomerCore {
  corporate: boolean;
  male: boolean;
  /** Day number of birth (retail). */
  birthDay: number;
  /** Index into CITIES. */
  cityIdx: number;
  /** Index into ALL_REGIONS of the birthplace (the ID number's region code). */
  regionIdx: number;
}

/** What customer cores depend on besides their index. */
export interface PopulationModel {
  seed: number;
  asOfDay: number;
  cityIdxs: number[];
  cityTable: WeightedTable;
}

// Ages of a bank's retail book: working ages dominate, the old bank more than the young.
const AGE_BANDS: readonly (readonly [number, number, number])[] = [
  [18, 22, 6],
  [23, 29, 16],
  [30, 39, 22],
  [40, 49, 20],
  [50, 59, 17],
  [60, 69, 12],
  [70, 85, 7],
];
const AGE_TABLE = weightedTable(AGE_BANDS.map(([, , w]) => w));

/** The population model for the bank's cities (customers live where the bank has branches). */
export function populationModel(seed: number, asOfDay: number, cityIdxs: number[]): PopulationModel {
  return { seed, asOfDay, cityIdxs, cityTable: weightedTable(cityIdxs.map((c) => CITIES[c].weight)) };
}

/** The core of customer `index` (0-based). */
export function customerCore(model: PopulationModel, index: number): CustomerCore {
  const rng = rngFor(model.seed, SALT.core, index);
  const corporate = rng.next() < CORPORATE_SHARE;
  const cityIdx = model.cityIdxs[sampleIndex(model.cityTable, rng)];
  const male = rng.next() < 0.49;
  const [lo, hi] = AGE_BANDS[sampleIndex(AGE_TABLE, rng)];
  const ageDays = Math.floor(rng.uniform(lo * 365.25, (hi + 1) * 365.25 - 1));
  const city = CITIES[cityIdx];
  const regionIdx =
    rng.next() < 0.72
      ? CITY_REGION_OFFSET[cityIdx] + rng.int(city.districts.length)
      : rng.next() < 0.5
        ? ALL_REGIONS.length - ORIGIN_DISTRICTS.length + rng.int(ORIGIN_DISTRICTS.length)
        : rng.int(ALL_REGIONS.length - ORIGIN_DISTRICTS.length);
  return { corporate, male, birthDay: model.asOfDay - ageDays, cityIdx, regionIdx };
}

/** The name of retail customer `index`. */
export function customerName(model: PopulationModel, index: number, core: CustomerCore): string {
  const year = Number(dayString(core.birthDay).slice(0, 4));
  return personName(rngFor(model.seed, SALT.name, index), core.male ? 'M' : 'F', year);
}

const SPAN_DAYS = 40_000;

/**
 * Sequence numbers (the 3 digits after the birth date) for every retail customer, counted per
 * (region, birth date, gender) in index order so no two customers share an ID number (up to 500
 * people per region, day and gender — far beyond what any generated size reaches).
 */
export function assignIdSequences(
  model: PopulationModel,
  cores: (index: number) => CustomerCore,
  count: number,
): Uint16Array {
  const seqs = new Uint16Array(count);
  const minDay = model.asOfDay - SPAN_DAYS;
  const counters = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const core = cores(i);
    if (core.corporate) continue;
    const key = (core.regionIdx * SPAN_DAYS + (core.birthDay - minDay)) * 2 + (core.male ? 1 : 0);
    const n = counters.get(key) ?? 0;
    counters.set(key, n + 1);
    const base = hash32(model.seed, key, SALT.idSeq) % 500;
    seqs[i] = ((base + n) % 500) * 2 + (core.male ? 1 : 0);
  }
  return seqs;
}

/** The resident ID number of a retail customer from its core and sequence. */
export function residentIdOf(core: CustomerCore, sequence: number): string {
  const birth = dayString(core.birthDay);
  return makeResidentId(
    ALL_REGIONS[core.regionIdx].code,
    birth.slice(0, 4) + birth.slice(5, 7) + birth.slice(8, 10),
    sequence,
  );
}
