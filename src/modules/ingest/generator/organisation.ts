/** The bank's organisation: HQ → branches → sub-branches → outlets, and its staff, scaled by customers. */
import { BANK_NAME } from './commerce.ts';
import { makeMobile, makeReferralCode, MOBILE_PREFIXES, phoneOffset } from './identifiers.ts';
import { personName } from './names.ts';
import { CITIES } from './places.ts';
import { hash32, rngFor, SALT } from './random.ts';

/** One node of the branch tree. */
export interface BranchNode {
  id: string;
  parentId: string | null;
  level: 'hq' | 'branch' | 'sub_branch' | 'outlet';
  name: string;
  cityIdx: number;
  lat: number;
  lon: number;
  /** Relative number of customers banking here; 0 for nodes without customers (HQ). */
  weight: number;
}

/** One employee. */
export interface StaffMember {
  id: string;
  name: string;
  role: 'rm' | 'branch_manager' | 'hq_analyst' | 'admin' | 'auditor';
  branchIdx: number;
  referralCode: string | null;
  phone: string;
}

/** The organisation plus the lookup tables customers are assigned with (plain data: it crosses threads). */
export interface Organisation {
  branches: BranchNode[];
  staff: StaffMember[];
  /** Indices into CITIES where the bank has a branch. */
  cityIdxs: number[];
  /** Customer-serving branch indices per bank city (parallel to cityIdxs) and their weights. */
  nodesByCity: number[][];
  nodeWeightsByCity: number[][];
  /** RM staff indices per branch index (empty for nodes without RMs). */
  rmsByBranch: number[][];
}

/** Offset that keeps staff mobile numbers apart from customers' (customers stay below 5·10^7). */
const STAFF_PHONE_BASE = 60_000_000;

const clamp = (x: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, x));

/**
 * Builds the branch tree and staff for `customers` customers: about √(N/1000) city branches (3–15),
 * sub-branches and outlets growing with N, one RM per ~400 customers, a manager per branch and
 * sub-branch, and HQ analysts, admins and auditors.
 */
export function buildOrganisation(seed: number, customers: number): Organisation {
  const rng = rngFor(seed, SALT.org);
  const branchCount = clamp(Math.round(Math.sqrt(customers / 1000)), 3, CITIES.length);
  const subPerBranch = clamp(Math.round(customers / (branchCount * 15000)), 2, 10);
  const outletsPerSub = clamp(Math.round(customers / (branchCount * subPerBranch * 4000)), 1, 6);
  const branches: BranchNode[] = [];
  const usedNames = new Set<string>();
  const uniqueName = (candidates: string[], fallback: string): string => {
    for (const c of candidates) {
      if (!usedNames.has(c)) {
        usedNames.add(c);
        return c;
      }
    }
    let n = 2;
    while (usedNames.has(`${fallback}${n}`)) n++;
    usedNames.add(`${fallback}${n}`);
    return `${fallback}${n}`;
  };
  const jitter = (v: number, span: number): number => Math.round((v + rng.uniform(-span, span)) * 1e6) / 1e6;

  const hqCity = CITIES[0];
  branches.push({
    id: 'HQ',
    parentId: null,
    level: 'hq',
    name: `${BANK_NAME}总行`,
    cityIdx: 0,
    lat: hqCity.lat,
    lon: hqCity.lon,
    weight: 0,
  });
  const cityIdxs: number[] = [];
  for (let b = 0; b < branchCount; b++) {
    const city = CITIES[b];
    cityIdxs.push(b);
    const branchId = `B${String(b + 1).padStart(2, '0')}`;
    branches.push({
      id: branchId,
      parentId: 'HQ',
      level: 'branch',
      name: uniqueName([`${BANK_NAME}${city.name}分行`], `${BANK_NAME}${city.name}分行`),
      cityIdx: b,
      lat: jitter(city.lat, 0.01),
      lon: jitter(city.lon, 0.01),
      weight: rng.uniform(0.8, 1.4),
    });
    const subs = Math.max(2, subPerBranch + rng.range(-1, 1));
    for (let s = 0; s < subs; s++) {
      const subId = `${branchId}-S${String(s + 1).padStart(2, '0')}`;
      const district = city.districts[s % city.districts.length].name.replace(/区$/, '');
      const road = city.roads[(s * 3 + b) % city.roads.length];
      branches.push({
        id: subId,
        parentId: branchId,
        level: 'sub_branch',
        name: uniqueName(
          [`${city.name}${district}支行`, `${city.name}${road}支行`],
          `${city.name}${district}支行`,
        ),
        cityIdx: b,
        lat: jitter(city.lat, 0.08),
        lon: jitter(city.lon, 0.1),
        weight: rng.uniform(0.6, 1.5),
      });
      const outlets = Math.max(0, outletsPerSub + rng.range(-1, 1));
      for (let o = 0; o < outlets; o++) {
        const outletRoad = city.roads[rng.int(city.roads.length)];
        const suffix = rng.pick(['社区支行', '分理处', '营业所']);
        branches.push({
          id: `${subId}-O${String(o + 1).padStart(2, '0')}`,
          parentId: subId,
          level: 'outlet',
          name: uniqueName(
            [`${city.name}${outletRoad}${suffix}`, `${city.name}${district}${outletRoad}${suffix}`],
            `${city.name}${outletRoad}${suffix}`,
          ),
          cityIdx: b,
          lat: jitter(city.lat, 0.1),
          lon: jitter(city.lon, 0.12),
          weight: rng.uniform(0.3, 1.0),
        });
      }
    }
  }

  const nodesByCity: number[][] = cityIdxs.map(() => []);
  const nodeWeightsByCity: number[][] = cityIdxs.map(() => []);
  branches.forEach((node, i) => {
    if (node.level === 'hq') return;
    nodesByCity[node.cityIdx].push(i);
    nodeWeightsByCity[node.cityIdx].push(node.weight);
  });

  const staff: StaffMember[] = [];
  const addStaff = (role: StaffMember['role'], branchIdx: number): number => {
    const idx = staff.length;
    const male = rng.chance(role === 'rm' ? 0.45 : 0.55);
    const name = personName(rng, male ? 'M' : 'F', rng.range(1970, 1998));
    staff.push({
      id: `S${String(idx + 1).padStart(6, '0')}`,
      name,
      role,
      branchIdx,
      referralCode:
        role === 'rm' || role === 'branch_manager' ? makeReferralCode(idx, hash32(seed, 3)) : null,
      phone: makeMobile(rng.pick(MOBILE_PREFIXES), STAFF_PHONE_BASE + idx, phoneOffset(seed)),
    });
    return idx;
  };
  for (let i = 0; i < 2; i++) addStaff('admin', 0);
  for (let i = 0; i < 2 + Math.floor(customers / 500_000); i++) addStaff('auditor', 0);
  for (let i = 0; i < 3 + Math.round(customers / 200_000); i++) addStaff('hq_analyst', 0);
  branches.forEach((node, i) => {
    if (node.level === 'branch' || node.level === 'sub_branch') addStaff('branch_manager', i);
  });

  // RMs: at least one per serving node, the rest in proportion to the customers a node expects.
  const rmsByBranch: number[][] = branches.map(() => []);
  const cityTotal = cityIdxs.reduce((s, c) => s + CITIES[c].weight, 0);
  const expected = branches.map((node) => {
    if (node.level === 'hq') return 0;
    const cityNodes = nodeWeightsByCity[node.cityIdx].reduce((s, w) => s + w, 0);
    return (CITIES[node.cityIdx].weight / cityTotal) * (node.weight / cityNodes);
  });
  const servingCount = expected.filter((e) => e > 0).length;
  const totalRms = Math.max(servingCount, Math.round(customers / 400));
  const extra = totalRms - servingCount;
  const quotas = expected.map((e) => (e > 0 ? 1 + Math.floor(e * extra) : 0));
  let remaining = totalRms - quotas.reduce((s, q) => s + q, 0);
  const byRemainder = expected
    .map((e, i) => ({ i, r: e > 0 ? e * extra - Math.floor(e * extra) : -1 }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i, r } of byRemainder) {
    if (remaining <= 0 || r < 0) break;
    quotas[i]++;
    remaining--;
  }
  quotas.forEach((q, i) => {
    for (let k = 0; k < q; k++) rmsByBranch[i].push(addStaff('rm', i));
  });

  return { branches, staff, cityIdxs, nodesByCity, nodeWeightsByCity, rmsByBranch };
}
