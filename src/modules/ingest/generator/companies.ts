/**
 * The corporate world, built once on the main thread before customers are simulated: corporate
 * customers and the non-customer companies around them, the people behind them, supply chains
 * (whose payments both sides of an edge recompute identically), hidden groups, guarantees and circles.
 */
import { addMonths } from './calendar.ts';
import { BRAND_CHARS, INDUSTRIES, OTHER_BANKS, OWN_BANK } from './commerce.ts';
import { makeUscc, orgCodeBody } from './identifiers.ts';
import { personName, pickSurname } from './names.ts';
import { CITIES } from './places.ts';
import { P, PRODUCTS } from './products.ts';
import { hash32, type Rng, rngFor, SALT, sampleIndex, weightedTable } from './random.ts';

/** Company size classes (customer.size). */
export type CompanySize = 'micro' | 'small' | 'medium' | 'large';

/** A working-capital loan of a corporate customer. Money in yuan. */
export interface CompanyLoan {
  product: number;
  amount: number;
  start: number;
  termMonths: number;
  rate: number;
}

/** A company of the generated economy (customer or not). Money in yuan. */
export interface Company {
  entityId: string;
  /** Customer index (0-based) or -1. */
  customerIndex: number;
  name: string;
  brand: string;
  uscc: string;
  industryIdx: number;
  cityIdx: number;
  address: string;
  capital: number;
  established: number;
  size: CompanySize;
  employees: number;
  revenue: number;
  legalRep: number;
  legalRepName: string;
  /** Settlement account: ours (`A…01`) for customers, another bank's otherwise. */
  account: string;
  bank: string;
  payDay: number;
  hasPayroll: boolean;
  loan: CompanyLoan | null;
  hasBill: boolean;
  /** Window month in which financial trouble starts; -1 for healthy companies. */
  distressMonth: number;
  groupId: number;
  role: 'operating' | 'holding' | 'investor';
}

/** A person of the enterprise graph: legal representative, shareholder, executive or controller. */
export interface Person {
  entityId: string;
  name: string;
  male: boolean;
  birthYear: number;
  cityIdx: number;
  customerIndex: number;
}

/** A supply relationship: `supplier` sells to `buyer` about `annual` yuan a year. */
export interface SupplyEdge {
  supplier: number;
  buyer: number;
  annual: number;
  perMonth: number;
  day: number;
  since: number;
}

/** A stake: person or company `holder` owns `pct` of `company`. */
export interface Holding {
  holderPerson: boolean;
  holder: number;
  company: number;
  pct: number;
  since: number;
  type: 'shareholder' | 'investment';
}

/** `guarantor` guarantees `borrower`'s debt of `amount` yuan. */
export interface Guarantee {
  guarantor: number;
  borrower: number;
  amount: number;
  since: number;
  until: number;
  circle: number;
}

/** A group under one controller, hidden behind holding companies and nominee legal representatives. */
export interface CompanyGroup {
  id: number;
  controller: number;
  spouse: number;
  holdings: number[];
  members: number[];
}

/** Everything the enterprise tables and the corporate simulation need. */
export interface CompanyWorld {
  companies: Company[];
  persons: Person[];
  edges: SupplyEdge[];
  /** Edge indices per company (filled for customers only). */
  edgesOf: number[][];
  /** Company index per customer index, -1 for retail customers. */
  companyOfCustomer: Int32Array;
  /** Retail customers who are a company's legal representative → that company. */
  ownerOf: Map<number, number>;
  /** Corporate customers per CITIES index that pay salaries through us (weighted by headcount). */
  payrollEmployersByCity: number[][];
  /** Other employers per CITIES index (they pay salaries from other banks). */
  otherEmployersByCity: number[][];
  /** Property developers per CITIES index (home purchases pay them). */
  developersByCity: number[][];
  holdings: Holding[];
  executives: { person: number; company: number; since: number }[];
  families: [number, number][];
  guarantees: Guarantee[];
  groups: CompanyGroup[];
  circles: number[][];
}

/** What the world is built from. */
export interface CompanyWorldInput {
  seed: number;
  asOfDay: number;
  windowStart: number;
  months: number;
  customers: number;
  /** Customer indices of corporate customers, ascending, with their city. */
  corporate: { index: number; cityIdx: number }[];
  /** Retail customer indices per CITIES index (candidates for legal representatives). */
  retailByCity: number[][];
  /** Name of a retail customer (legal representatives who bank with us). */
  retailName: (index: number) => { name: string; male: boolean; birthYear: number };
  bankCityIdxs: number[];
}

const SIZES: Record<
  CompanySize,
  { emp: [number, number]; revenue: [number, number]; capital: [number, number] }
> = {
  micro: { emp: [3, 9], revenue: [1e6, 5e6], capital: [1e5, 1e6] },
  small: { emp: [10, 99], revenue: [5e6, 5e7], capital: [1e6, 1e7] },
  medium: { emp: [100, 999], revenue: [5e7, 4e8], capital: [1e7, 1e8] },
  large: { emp: [1000, 20000], revenue: [4e8, 5e9], capital: [1e8, 1e9] },
};
const SIZE_NAMES: CompanySize[] = ['micro', 'small', 'medium', 'large'];
const CUSTOMER_SIZES = weightedTable([40, 35, 18, 7]);
const OTHER_SIZES = weightedTable([28, 35, 25, 12]);
const INDUSTRY_TABLE = weightedTable(INDUSTRIES.map((i) => i.weight));
const BANK_TABLE = weightedTable(OTHER_BANKS.map(([, w]) => w));
const PAY_DAYS = [5, 8, 10, 10, 15, 15, 15, 20, 25, 28];
const LETTER_INDEX = new Map(INDUSTRIES.map((ind, i) => [ind.letter, i]));

const logUniform = (rng: Rng, lo: number, hi: number): number =>
  Math.exp(rng.uniform(Math.log(lo), Math.log(hi)));
const roundTo = (x: number, step: number): number => Math.max(step, Math.round(x / step) * step);

/** The account id of a customer's n-th account (1-based): `A` + 8-digit customer number + 2 digits. */
export function accountId(customerIndex: number, n: number): string {
  return 'A' + String(customerIndex + 1).padStart(8, '0') + String(n).padStart(2, '0');
}

/** The customer id of customer index `i`: `C` + 8-digit customer number. */
export function customerId(customerIndex: number): string {
  return 'C' + String(customerIndex + 1).padStart(8, '0');
}

/** Builds the corporate world. Deterministic in its input; runs once, on the main thread. */
export function buildCompanyWorld(input: CompanyWorldInput): CompanyWorld {
  const { seed, asOfDay } = input;
  const rng = rngFor(seed, SALT.company);
  const companies: Company[] = [];
  const persons: Person[] = [];
  const names = new Set<string>();
  const usedRetail = new Set<number>();
  const ownerOf = new Map<number, number>();
  const bankCityTable = weightedTable(input.bankCityIdxs.map((c) => CITIES[c].weight));

  const addPerson = (
    name: string,
    male: boolean,
    birthYear: number,
    cityIdx: number,
    customerIndex = -1,
  ): number => {
    persons.push({
      entityId: 'EP' + String(persons.length + 1).padStart(7, '0'),
      name,
      male,
      birthYear,
      cityIdx,
      customerIndex,
    });
    return persons.length - 1;
  };
  const newPerson = (
    r: Rng,
    cityIdx: number,
    male = r.chance(0.72),
    birthYear = r.range(1958, 1992),
    surname?: string,
  ): number =>
    addPerson(
      personName(r, male ? 'M' : 'F', birthYear, surname ?? pickSurname(r)),
      male,
      birthYear,
      cityIdx,
    );

  const companyName = (
    r: Rng,
    cityIdx: number,
    industryIdx: number,
    size: CompanySize,
    forced?: string,
  ): { name: string; brand: string } => {
    const city = CITIES[cityIdx];
    for (let attempt = 0; attempt < 12; attempt++) {
      const brand = BRAND_CHARS[r.int(BRAND_CHARS.length)] + BRAND_CHARS[r.int(BRAND_CHARS.length)];
      if (brand[0] === brand[1]) continue;
      const phrase = forced ?? r.pick(INDUSTRIES[industryIdx].phrases);
      const form =
        forced !== undefined
          ? ''
          : size === 'large'
            ? r.pick(['股份有限公司', '集团有限公司', '股份有限公司'])
            : size === 'medium'
              ? r.pick(['有限公司', '有限公司', '股份有限公司'])
              : '有限公司';
      const name =
        attempt < 8
          ? city.name + brand + phrase + form
          : city.name + r.pick(city.districts).name.replace(/区$/, '') + brand + phrase + form;
      if (!names.has(name)) {
        names.add(name);
        return { name, brand };
      }
    }
    const name = `${city.name}${companies.length}号${INDUSTRIES[industryIdx].phrases[0]}有限公司`;
    names.add(name);
    return { name, brand: '全景' };
  };

  const addCompany = (
    r: Rng,
    customerIndex: number,
    cityIdx: number,
    opts: { industryIdx?: number; size?: CompanySize; role?: Company['role']; phrase?: string } = {},
  ): number => {
    const k = companies.length;
    const industryIdx = opts.industryIdx ?? sampleIndex(INDUSTRY_TABLE, r);
    const size = opts.size ?? SIZE_NAMES[sampleIndex(customerIndex >= 0 ? CUSTOMER_SIZES : OTHER_SIZES, r)];
    const spec = SIZES[size];
    const { name, brand } = companyName(r, cityIdx, industryIdx, size, opts.phrase);
    const city = CITIES[cityIdx];
    const district = r.pick(city.districts);
    const established = asOfDay - Math.round(logUniform(r, 300, size === 'large' ? 12000 : 9000));
    const revenue = roundTo(logUniform(r, spec.revenue[0], spec.revenue[1]), 10000);
    const employees = Math.round(
      Math.max(spec.emp[0], Math.min(spec.emp[1], revenue / logUniform(r, 3e5, 1.5e6))),
    );
    const capital = roundTo(logUniform(r, spec.capital[0], spec.capital[1]), 10000);
    const address = `${city.prefix}${district.name}${r.pick(city.roads)}${r.range(1, 999)}号${r.chance(0.5) ? `${r.pick(['创业', '科技', '国际', '中心', '商务', '金融'])}大厦${r.range(2, 30)}楼` : `${r.range(1, 12)}幢`}`;
    let bank = OWN_BANK;
    let account = '';
    if (customerIndex >= 0) account = accountId(customerIndex, 1);
    else {
      bank = OTHER_BANKS[sampleIndex(BANK_TABLE, r)][0];
      account = '3' + String(hash32(seed, k, 77) % 1e9).padStart(9, '0') + String(k).padStart(8, '0');
    }
    companies.push({
      entityId: 'EC' + String(k + 1).padStart(7, '0'),
      customerIndex,
      name,
      brand,
      uscc: makeUscc(district.code, orgCodeBody(k, hash32(seed, 8) % 100_000_000)),
      industryIdx,
      cityIdx,
      address,
      capital,
      established,
      size,
      employees,
      revenue,
      legalRep: -1,
      legalRepName: '',
      account,
      bank,
      payDay: r.pick(PAY_DAYS),
      hasPayroll: false,
      loan: null,
      hasBill: false,
      distressMonth: -1,
      groupId: -1,
      role: opts.role ?? 'operating',
    });
    return k;
  };

  const setLegalRep = (k: number, person: number): void => {
    companies[k].legalRep = person;
    companies[k].legalRepName = persons[person].name;
  };

  const giveLoan = (r: Rng, c: Company): void => {
    const product =
      c.size === 'micro' ? P.workingCapital[2] : r.chance(0.7) ? P.workingCapital[0] : P.workingCapital[1];
    const termMonths = Math.round((PRODUCTS[product].termDays ?? 365) / 30.4);
    const min = PRODUCTS[product].minAmount;
    const amount = Math.max(min, roundTo(c.revenue * r.uniform(0.05, 0.25), 10000));
    const start = Math.max(c.established + 60, asOfDay - r.range(20, termMonths * 30 - 5));
    c.loan = { product, amount, start, termMonths, rate: PRODUCTS[product].rate + r.uniform(-0.003, 0.008) };
  };

  // Corporate customers first (their company index equals their rank among corporate customers).
  const companyOfCustomer = new Int32Array(input.customers).fill(-1);
  for (const { index, cityIdx } of input.corporate) {
    const r = rngFor(seed, SALT.company, index, 1);
    const k = addCompany(r, index, cityIdx);
    companyOfCustomer[index] = k;
    const c = companies[k];
    const pool = input.retailByCity[cityIdx];
    let rep = -1;
    if (pool && pool.length > 0 && r.chance(0.22)) {
      const candidate = pool[r.int(pool.length)];
      if (!usedRetail.has(candidate)) {
        usedRetail.add(candidate);
        const who = input.retailName(candidate);
        rep = addPerson(who.name, who.male, who.birthYear, cityIdx, candidate);
        ownerOf.set(candidate, k);
      }
    }
    setLegalRep(k, rep >= 0 ? rep : newPerson(r, cityIdx));
    c.hasPayroll = c.employees >= 8 && r.chance(0.45);
    if (r.chance({ micro: 0.25, small: 0.38, medium: 0.45, large: 0.4 }[c.size])) giveLoan(r, c);
    c.hasBill = (c.size === 'medium' || c.size === 'large') && r.chance(0.3);
    if (r.chance(0.06)) c.distressMonth = Math.max(0, input.months - r.range(1, Math.min(6, input.months)));
  }
  const corporateCount = companies.length;

  // Non-customer companies: suppliers, buyers, employers and developers around the customers.
  const others = Math.round(corporateCount * 1.2) + 40;
  for (let j = 0; j < others; j++) {
    const r = rngFor(seed, SALT.company, j, 2);
    const cityIdx = r.chance(0.75) ? input.bankCityIdxs[sampleIndex(bankCityTable, r)] : r.int(CITIES.length);
    const k = addCompany(r, -1, cityIdx);
    setLegalRep(k, newPerson(r, cityIdx));
    if (r.chance(0.04))
      companies[k].distressMonth = Math.max(0, input.months - r.range(1, Math.min(6, input.months)));
  }
  // Every bank city gets a property developer or two, for home purchases.
  for (const cityIdx of input.bankCityIdxs) {
    for (let j = 0; j < 2; j++) {
      const k = addCompany(rng, -1, cityIdx, {
        industryIdx: LETTER_INDEX.get('K') ?? 0,
        size: 'large',
        phrase: '房地产开发有限公司',
      });
      setLegalRep(k, newPerson(rng, cityIdx));
    }
  }

  // Indexes for partner search.
  const byLetterCustomer = new Map<string, number[]>();
  const byLetterOther = new Map<string, number[]>();
  companies.forEach((c, k) => {
    const letter = INDUSTRIES[c.industryIdx].letter;
    const map = c.customerIndex >= 0 ? byLetterCustomer : byLetterOther;
    if (!map.has(letter)) map.set(letter, []);
    map.get(letter)?.push(k);
  });
  const downstream = new Map<string, string[]>();
  for (const ind of INDUSTRIES)
    for (const up of ind.upstream) downstream.set(up, [...(downstream.get(up) ?? []), ind.letter]);

  const edges: SupplyEdge[] = [];
  const edgeKeys = new Set<number>();
  const addEdge = (r: Rng, supplier: number, buyer: number, annual: number): boolean => {
    if (supplier === buyer) return false;
    const key = supplier * 8_388_608 + buyer;
    if (edgeKeys.has(key)) return false;
    edgeKeys.add(key);
    const s = companies[supplier];
    const b = companies[buyer];
    const cap = Math.min(s.revenue, b.revenue) * 0.5;
    const volume = roundTo(Math.max(50_000, Math.min(annual, cap)), 1000);
    const since = Math.min(asOfDay - 60, Math.max(s.established, b.established) + r.range(30, 2000));
    edges.push({
      supplier,
      buyer,
      annual: volume,
      perMonth: volume > 2e7 ? 3 : volume > 3e6 ? 2 : 1,
      day: r.range(1, 28),
      since,
    });
    return true;
  };
  const pickPartner = (r: Rng, letter: string, self: number): number => {
    const preferCustomer = r.chance(0.4);
    const primary = (preferCustomer ? byLetterCustomer : byLetterOther).get(letter) ?? [];
    const secondary = (preferCustomer ? byLetterOther : byLetterCustomer).get(letter) ?? [];
    const list = primary.length > 1 ? primary : secondary.length > 0 ? secondary : primary;
    if (list.length === 0) return -1;
    let k = list[r.int(list.length)];
    if (companies[k].cityIdx !== companies[self].cityIdx && r.chance(0.5)) k = list[r.int(list.length)];
    return k === self ? -1 : k;
  };
  for (let k = 0; k < corporateCount; k++) {
    const r = rngFor(seed, SALT.company, k, 3);
    const c = companies[k];
    const ind = INDUSTRIES[c.industryIdx];
    const bonus = c.size === 'large' ? 2 : c.size === 'medium' ? 1 : 0;
    const nSup = r.range(1, 3) + bonus;
    const nBuy = r.range(1, 3) + bonus;
    for (let s = 0; s < nSup; s++) {
      const partner = pickPartner(r, r.pick(ind.upstream), k);
      if (partner >= 0) addEdge(r, partner, k, (c.revenue * r.uniform(0.4, 0.7)) / nSup);
    }
    const down = downstream.get(ind.letter) ?? ['F'];
    for (let b = 0; b < nBuy; b++) {
      const partner = pickPartner(r, r.pick(down), k);
      if (partner >= 0) addEdge(r, k, partner, (c.revenue * r.uniform(0.5, 0.9)) / nBuy);
    }
  }

  const holdings: Holding[] = [];
  const families: [number, number][] = [];
  const guarantees: Guarantee[] = [];
  const groups: CompanyGroup[] = [];
  const circles: number[][] = [];
  const grng = rngFor(seed, SALT.graph);
  const customerCompanies = Array.from({ length: corporateCount }, (_, k) => k);

  // Hidden groups: a controller and spouse own holding companies that own operating companies whose
  // legal representatives are nominees; members trade with and guarantee each other.
  const groupCount = Math.max(2, Math.round(corporateCount / 150));
  for (let g = 0; g < groupCount && corporateCount >= 6; g++) {
    const free = (k: number): boolean => companies[k].groupId < 0;
    const anchor = customerCompanies[grng.int(corporateCount)];
    if (!free(anchor)) continue;
    const cityIdx = companies[anchor].cityIdx;
    const controller = newPerson(grng, cityIdx, grng.chance(0.85), grng.range(1958, 1978));
    const spouse = newPerson(
      grng,
      cityIdx,
      !persons[controller].male,
      persons[controller].birthYear + grng.range(-3, 3),
    );
    families.push([controller, spouse]);
    const since = asOfDay - grng.range(800, 5000);
    const h1 = addCompany(grng, -1, cityIdx, {
      industryIdx: LETTER_INDEX.get('L') ?? 0,
      size: 'medium',
      role: 'holding',
      phrase: '投资控股有限公司',
    });
    setLegalRep(h1, controller);
    const ctrlPct = Math.round(grng.uniform(0.6, 0.9) * 100) / 100;
    holdings.push({
      holderPerson: true,
      holder: controller,
      company: h1,
      pct: ctrlPct,
      since,
      type: 'shareholder',
    });
    holdings.push({
      holderPerson: true,
      holder: spouse,
      company: h1,
      pct: Math.round((1 - ctrlPct) * 100) / 100,
      since,
      type: 'shareholder',
    });
    const holdingsOf = [h1];
    if (grng.chance(0.6)) {
      const h2 = addCompany(grng, -1, cityIdx, {
        industryIdx: LETTER_INDEX.get('L') ?? 0,
        size: 'small',
        role: 'holding',
        phrase: '实业有限公司',
      });
      setLegalRep(h2, spouse);
      holdings.push({
        holderPerson: true,
        holder: spouse,
        company: h2,
        pct: 1,
        since: since + grng.range(30, 600),
        type: 'shareholder',
      });
      holdingsOf.push(h2);
    }
    const members = [anchor];
    const wantCustomers = grng.range(2, 4);
    for (let tries = 0; members.length < wantCustomers && tries < 40; tries++) {
      const k = customerCompanies[grng.int(corporateCount)];
      if (free(k) && !members.includes(k) && (companies[k].cityIdx === cityIdx || grng.chance(0.3)))
        members.push(k);
    }
    const otherList = byLetterOther.get('C') ?? [];
    for (let j = grng.range(0, 2); j > 0 && otherList.length > 0; j--) {
      const k = otherList[grng.int(otherList.length)];
      if (free(k) && !members.includes(k)) members.push(k);
    }
    for (const k of members) companies[k].groupId = g;
    for (const h of holdingsOf) companies[h].groupId = g;
    groups.push({ id: g, controller, spouse, holdings: holdingsOf, members });
    for (const k of members) {
      const pct = Math.round(grng.uniform(0.51, 1) * 100) / 100;
      holdings.push({
        holderPerson: false,
        holder: grng.pick(holdingsOf),
        company: k,
        pct,
        since: Math.max(companies[k].established, since),
        type: 'shareholder',
      });
      if (pct < 1)
        holdings.push({
          holderPerson: true,
          holder: companies[k].legalRep,
          company: k,
          pct: Math.round((1 - pct) * 100) / 100,
          since: companies[k].established,
          type: 'shareholder',
        });
    }
    for (let e = grng.range(2, 4); e > 0; e--) {
      const a = grng.pick(members);
      const b = grng.pick(members);
      if (a !== b)
        addEdge(grng, a, b, Math.min(companies[a].revenue, companies[b].revenue) * grng.uniform(0.1, 0.3));
    }
    for (let e = grng.range(2, 3); e > 0; e--) {
      const a = grng.pick(members);
      const b = grng.pick(members);
      if (a === b || companies[b].customerIndex < 0) continue;
      if (!companies[b].loan) giveLoan(grng, companies[b]);
      const loan = companies[b].loan as CompanyLoan;
      guarantees.push({
        guarantor: a,
        borrower: b,
        amount: loan.amount,
        since: loan.start,
        until: addMonths(loan.start, loan.termMonths),
        circle: -1,
      });
    }
  }

  // Guarantee circles A → B → C (→ D) → A among customers outside groups.
  const circleCount = Math.max(2, Math.round(corporateCount / 300));
  for (let ci = 0; ci < circleCount && corporateCount >= 8; ci++) {
    const size = grng.range(3, 4);
    const members: number[] = [];
    for (let tries = 0; members.length < size && tries < 60; tries++) {
      const k = customerCompanies[grng.int(corporateCount)];
      if (companies[k].groupId < 0 && !members.includes(k) && !circles.some((c) => c.includes(k)))
        members.push(k);
    }
    if (members.length < 3) continue;
    const circle = circles.length;
    circles.push(members);
    members.forEach((guarantor, j) => {
      const borrower = members[(j + 1) % members.length];
      if (!companies[borrower].loan) giveLoan(grng, companies[borrower]);
      const loan = companies[borrower].loan as CompanyLoan;
      guarantees.push({
        guarantor,
        borrower,
        amount: loan.amount,
        since: loan.start,
        until: addMonths(loan.start, loan.termMonths),
        circle,
      });
    });
  }
  const inCircle = new Set(circles.flat());
  for (let k = 0; k < corporateCount; k++) {
    const loan = companies[k].loan;
    if (!loan || inCircle.has(k) || companies[k].groupId >= 0 || !grng.chance(0.3)) continue;
    const guarantor = grng.chance(0.5)
      ? customerCompanies[grng.int(corporateCount)]
      : grng.int(companies.length);
    if (guarantor === k || companies[guarantor].role !== 'operating') continue;
    guarantees.push({
      guarantor,
      borrower: k,
      amount: roundTo(loan.amount * grng.uniform(0.5, 1), 10000),
      since: loan.start,
      until: addMonths(loan.start, loan.termMonths),
      circle: -1,
    });
  }

  // Venture investors take minority stakes.
  const investorCount = Math.max(2, Math.round(companies.length / 400));
  const operatingCount = companies.length;
  for (let v = 0; v < investorCount; v++) {
    const cityIdx = input.bankCityIdxs[grng.int(input.bankCityIdxs.length)];
    const inv = addCompany(grng, -1, cityIdx, {
      industryIdx: LETTER_INDEX.get('L') ?? 0,
      size: 'medium',
      role: 'investor',
      phrase: '创业投资有限公司',
    });
    setLegalRep(inv, newPerson(grng, cityIdx));
    holdings.push({
      holderPerson: true,
      holder: companies[inv].legalRep,
      company: inv,
      pct: 1,
      since: companies[inv].established,
      type: 'shareholder',
    });
    for (let j = grng.range(1, 6); j > 0; j--) {
      const k = grng.int(operatingCount);
      if (companies[k].role !== 'operating') continue;
      holdings.push({
        holderPerson: false,
        holder: inv,
        company: k,
        pct: Math.round(grng.uniform(0.05, 0.2) * 100) / 100,
        since: Math.max(companies[k].established, asOfDay - grng.range(100, 2500)),
        type: 'investment',
      });
    }
  }

  // Ordinary shareholders and executives of every company not already owned above.
  const executives: { person: number; company: number; since: number }[] = [];
  const owned = new Set(holdings.filter((h) => h.type === 'shareholder').map((h) => h.company));
  companies.forEach((c, k) => {
    const r = rngFor(seed, SALT.graph, k, 1);
    executives.push({ person: c.legalRep, company: k, since: c.established });
    for (let e = r.range(0, c.size === 'micro' ? 1 : 2); e > 0; e--) {
      executives.push({
        person: newPerson(r, c.cityIdx),
        company: k,
        since: Math.min(asOfDay - 30, c.established + r.range(0, 3000)),
      });
    }
    if (owned.has(k)) return;
    let rest = 1;
    if (r.chance(0.15) && companies.length > 1) {
      const parent = r.int(operatingCount);
      if (parent !== k && companies[parent].role === 'operating') {
        const pct = Math.round(r.uniform(0.1, 0.4) * 100) / 100;
        holdings.push({
          holderPerson: false,
          holder: parent,
          company: k,
          pct,
          since: c.established,
          type: 'shareholder',
        });
        rest -= pct;
      }
    }
    const repPct = r.chance(0.4) ? rest : Math.round(rest * r.uniform(0.4, 0.9) * 100) / 100;
    holdings.push({
      holderPerson: true,
      holder: c.legalRep,
      company: k,
      pct: Math.round(repPct * 100) / 100,
      since: c.established,
      type: 'shareholder',
    });
    let left = Math.round((rest - repPct) * 100) / 100;
    if (left > 0) {
      const rep = persons[c.legalRep];
      const spouseFirst = r.chance(0.35);
      const others = r.range(1, 2);
      for (let j = 0; j < others && left > 0; j++) {
        const pct = j === others - 1 ? left : Math.round(left * r.uniform(0.3, 0.7) * 100) / 100;
        const holder =
          spouseFirst && j === 0
            ? newPerson(r, c.cityIdx, !rep.male, rep.birthYear + r.range(-3, 3))
            : newPerson(r, c.cityIdx);
        if (spouseFirst && j === 0) families.push([c.legalRep, holder]);
        holdings.push({
          holderPerson: true,
          holder,
          company: k,
          pct,
          since: c.established + r.range(0, 1000),
          type: 'shareholder',
        });
        left = Math.round((left - pct) * 100) / 100;
      }
    }
  });

  const edgesOf: number[][] = companies.map(() => []);
  edges.forEach((e, i) => {
    if (companies[e.supplier].customerIndex >= 0) edgesOf[e.supplier].push(i);
    if (companies[e.buyer].customerIndex >= 0) edgesOf[e.buyer].push(i);
  });

  const payrollEmployersByCity: number[][] = CITIES.map(() => []);
  const otherEmployersByCity: number[][] = CITIES.map(() => []);
  const developersByCity: number[][] = CITIES.map(() => []);
  companies.forEach((c, k) => {
    if (c.role !== 'operating') return;
    if (c.hasPayroll)
      for (let w = Math.min(20, Math.ceil(c.employees / 50)); w > 0; w--)
        payrollEmployersByCity[c.cityIdx].push(k);
    else if (c.customerIndex < 0 && c.employees >= 10) otherEmployersByCity[c.cityIdx].push(k);
    if (INDUSTRIES[c.industryIdx].letter === 'K' && c.customerIndex < 0) developersByCity[c.cityIdx].push(k);
  });

  return {
    companies,
    persons,
    edges,
    edgesOf,
    companyOfCustomer,
    ownerOf,
    payrollEmployersByCity,
    otherEmployersByCity,
    developersByCity,
    holdings,
    executives,
    families,
    guarantees,
    groups,
    circles,
  };
}
