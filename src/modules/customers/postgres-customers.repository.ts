import { sql, type Kysely } from 'kysely';
import { customerScopeFilter, type AccessTables, type Principal } from '../access/index.ts';
import type { Database } from '../../platform/db/index.ts';
import type { CustomerTables } from './customers.migrations.ts';
import type { CustomerRecord, HoldingRecord, MonthlyRecord } from './customer.ts';
import type { CustomerSearch } from './customer-search.ts';
import type { CustomerFilter, CustomersRepository, PageRequest } from './customers.repository.ts';

type Tables = CustomerTables & AccessTables;

/** Customers read per query when resolving numbers to rows (keeps bound arrays moderate). */
const CNO_BATCH = 5_000;

/** CustomersRepository over the serving database (PGlite or PostgreSQL). */
export class PostgresCustomersRepository implements CustomersRepository {
  private readonly db: Kysely<Tables>;

  constructor(database: Database) {
    this.db = database.kysely as unknown as Kysely<Tables>;
  }

  async list(principal: Principal, filter: CustomerFilter, page: PageRequest): Promise<CustomerRecord[]> {
    let query = this.filtered(principal, filter)
      .leftJoin('branch as hb', 'hb.id', 'c.home_branch_id')
      .leftJoin('staff as rm', 'rm.id', 'c.rm_id')
      .selectAll('c')
      .select(['hb.name as home_branch_name', 'rm.name as rm_name']);
    const search = filter.search;
    if (search) {
      // Exact name first, then names starting with the query, then by trigram similarity.
      query = query
        .orderBy(sql`c.name = ${search.text} DESC`)
        .orderBy(sql`c.name ILIKE ${search.prefixPattern} DESC`)
        .orderBy(sql`similarity(c.name, ${search.text}) DESC`);
    }
    const rows = await query
      .orderBy('c.aum', 'desc')
      .orderBy('c.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute();
    return rows.map((r) => toCustomer(r));
  }

  async count(principal: Principal, filter: CustomerFilter): Promise<number> {
    const row = await this.filtered(principal, filter)
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async findById(principal: Principal, id: string): Promise<CustomerRecord | undefined> {
    const row = await this.db
      .selectFrom('customer as c')
      .leftJoin('branch as hb', 'hb.id', 'c.home_branch_id')
      .leftJoin('staff as rm', 'rm.id', 'c.rm_id')
      .selectAll('c')
      .select(['hb.name as home_branch_name', 'rm.name as rm_name'])
      .where('c.id', '=', id)
      .where(customerScopeFilter(principal, 'c'))
      .executeTakeFirst();
    return row && toCustomer(row);
  }

  async findByCnos(principal: Principal, cnos: readonly number[]): Promise<CustomerRecord[]> {
    const out: CustomerRecord[] = [];
    for (let i = 0; i < cnos.length; i += CNO_BATCH) {
      const batch = cnos.slice(i, i + CNO_BATCH);
      const rows = await this.db
        .selectFrom('customer as c')
        .leftJoin('branch as hb', 'hb.id', 'c.home_branch_id')
        .leftJoin('staff as rm', 'rm.id', 'c.rm_id')
        .select(CUSTOMER_COLUMNS)
        .select(['hb.name as home_branch_name', 'rm.name as rm_name'])
        .where(sql<boolean>`c.cno = ANY(${sql.val([...batch])}::int[])`)
        .where(customerScopeFilter(principal, 'c'))
        .orderBy('c.cno')
        .execute();
      for (const r of rows) out.push(toCustomer(r));
    }
    return out;
  }

  async holdings(principal: Principal, customerId: string): Promise<HoldingRecord[]> {
    const rows = await this.db
      .selectFrom('holding as h')
      .leftJoin('product as p', 'p.id', 'h.product_id')
      .select([
        'h.account_id',
        'h.product_id',
        'p.name as product_name',
        'p.category',
        'p.risk_level',
        'h.opened',
        'h.closed',
        'h.status',
        'h.balance',
        'h.credit_limit',
        'h.maturity_date',
        'p.rate',
      ])
      .where('h.customer_id', '=', customerId)
      .where((eb) => eb.exists(this.inScope(principal, customerId)))
      .orderBy(sql`h.closed IS NOT NULL`)
      .orderBy('h.opened', 'desc')
      .orderBy('h.account_id')
      .execute();
    return rows.map((r) => ({
      accountId: r.account_id,
      productId: r.product_id,
      productName: r.product_name,
      category: r.category,
      riskLevel: r.risk_level,
      opened: r.opened,
      closed: r.closed,
      status: r.status,
      balanceCents: r.balance,
      creditLimitCents: r.credit_limit,
      maturityDate: r.maturity_date,
      rate: r.rate,
    }));
  }

  async monthly(principal: Principal, customerId: string, months: number): Promise<MonthlyRecord[]> {
    const rows = await this.db
      .selectFrom('monthly_aggregate as m')
      .selectAll('m')
      .where('m.customer_id', '=', customerId)
      .where((eb) => eb.exists(this.inScope(principal, customerId)))
      .orderBy('m.month', 'desc')
      .limit(months)
      .execute();
    return rows.reverse().map((r) => ({
      month: r.month,
      aumCents: r.aum,
      depositBalanceCents: r.deposit_balance,
      investmentBalanceCents: r.investment_balance,
      loanBalanceCents: r.loan_balance,
      inflowCents: r.inflow,
      outflowCents: r.outflow,
      txnCount: r.txn_count,
    }));
  }

  async countAll(): Promise<number> {
    const row = await this.db
      .selectFrom('customer')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private inScope(principal: Principal, customerId: string) {
    return this.db
      .selectFrom('customer as c')
      .select(sql`1`.as('one'))
      .where('c.id', '=', customerId)
      .where(customerScopeFilter(principal, 'c'));
  }

  private filtered(principal: Principal, filter: CustomerFilter) {
    let query = this.db.selectFrom('customer as c').where(customerScopeFilter(principal, 'c'));
    if (filter.kind) query = query.where('c.kind', '=', filter.kind);
    if (filter.rmId) query = query.where('c.rm_id', '=', filter.rmId);
    if (filter.branchId) {
      query = query.where(
        sql<boolean>`c.home_branch_id IN (SELECT sb.id FROM branch sb JOIN branch root ON root.id = ${filter.branchId} WHERE starts_with(sb.path, root.path))`,
      );
    }
    if (filter.search) query = query.where('c.id', 'in', this.searchHits(filter.search));
    return query;
  }

  // One indexed lookup per way of finding a customer, united: each branch can use its own index
  // (trigram GIN for names, b-trees for identifiers), which one OR over all columns could not.
  private searchHits(search: CustomerSearch) {
    const values = search.exactValues;
    let hits = this.db
      .selectFrom('customer')
      .select('id')
      .where('id_number', 'in', values)
      .union(this.db.selectFrom('customer').select('id').where('phone', 'in', values))
      .union(this.db.selectFrom('customer').select('id').where('uscc', 'in', values))
      .union(this.db.selectFrom('customer').select('id').where('id', 'in', values))
      .union(this.db.selectFrom('holding').select('customer_id as id').where('account_id', 'in', values));
    if (search.namePattern) {
      // Without letters that have case, LIKE matches what ILIKE would, without case-folding every name.
      const operator = search.caseless ? 'like' : 'ilike';
      hits = hits.union(
        this.db.selectFrom('customer').select('id').where('name', operator, search.namePattern),
      );
    }
    return hits;
  }
}

type CustomerColumn = Exclude<keyof CustomerTables['customer'], 'name_chars'>;

// Named columns rather than c.*: the list reads only what the list item shows (and generated or
// search-only columns added to customer later do not leak into the row type).
const CUSTOMER_COLUMNS = [
  'c.id',
  'c.cno',
  'c.kind',
  'c.name',
  'c.gender',
  'c.birth_date',
  'c.id_number',
  'c.phone',
  'c.address',
  'c.city',
  'c.occupation',
  'c.income_band',
  'c.risk_tolerance',
  'c.onboard_date',
  'c.home_branch_id',
  'c.rm_id',
  'c.status',
  'c.consent_marketing',
  'c.consent_sms',
  'c.consent_phone',
  'c.uscc',
  'c.industry',
  'c.registered_capital',
  'c.established',
  'c.legal_rep',
  'c.employees',
  'c.size',
  'c.attributes',
  'c.aum',
] as const satisfies readonly `c.${CustomerColumn}`[];

type CustomerRow = Pick<CustomerTables['customer'], CustomerColumn> & {
  home_branch_name: string | null;
  rm_name: string | null;
};

function toCustomer(r: CustomerRow): CustomerRecord {
  return {
    id: r.id,
    cno: r.cno,
    kind: r.kind,
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    idNumber: r.id_number,
    phone: r.phone,
    address: r.address,
    city: r.city,
    occupation: r.occupation,
    incomeBand: r.income_band,
    riskTolerance: r.risk_tolerance,
    onboardDate: r.onboard_date,
    homeBranchId: r.home_branch_id,
    homeBranchName: r.home_branch_name,
    rmId: r.rm_id,
    rmName: r.rm_name,
    status: r.status,
    consentMarketing: r.consent_marketing,
    consentSms: r.consent_sms,
    consentPhone: r.consent_phone,
    uscc: r.uscc,
    industry: r.industry,
    registeredCapitalCents: r.registered_capital,
    established: r.established,
    legalRep: r.legal_rep,
    employees: r.employees,
    size: r.size,
    attributes: r.attributes ?? {},
    aumCents: r.aum,
  };
}
