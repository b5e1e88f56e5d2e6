import { sql, type Kysely, type RawBuilder } from 'kysely';
import { customerScopeFilter, type AccessTables, type Principal } from '../access/index.ts';
import type { Database } from '../../platform/db/index.ts';
import type { CustomerTables } from './customers.migrations.ts';
import type {
  Customer360Repository,
  NoteRow,
  SearchHitRow,
  SearchPlan,
  TransactionFilter,
  TransactionRow,
  Customer360Doc,
  View360Row,
} from './customer360.repository.ts';
import type { CustomerRecord } from './customer.ts';

type Tables = CustomerTables & AccessTables;

const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

/** Customer360Repository over the serving database (PGlite or PostgreSQL); each method is one named query. */
export class PostgresCustomer360Repository implements Customer360Repository {
  private readonly db: Kysely<Tables>;

  constructor(database: Database) {
    this.db = database.kysely as unknown as Kysely<Tables>;
  }

  private async rows<T>(query: RawBuilder<T>): Promise<T[]> {
    return (await query.execute(this.db)).rows;
  }

  async asOf(): Promise<string | null> {
    const [row] = await this.rows<{ as_of: string | null }>(
      sql`SELECT to_char(max(ts) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS as_of FROM recent_transaction`,
    );
    return row?.as_of ?? null;
  }

  // One round trip per view: the scoped customer row joined to its precomputed document, with the
  // live parts (profile, notes, first transaction page, holdings, months, in-scope related customers)
  // as scalar subqueries, each an indexed lookup by customer id.
  async view360(
    principal: Principal,
    customerId: string,
    pageSize: number,
    months: number,
  ): Promise<View360Row | undefined> {
    const [row] = await this.rows<Record<string, unknown>>(sql`
      SELECT c.*, hb.name AS home_branch_name, rm.name AS rm_name, rm.phone AS rm_phone, d.doc,
        p.tags AS profile_tags, p.scores AS profile_scores, p.updated_at AS profile_updated_at,
        (p.customer_id IS NOT NULL) AS has_profile,
        (SELECT json_agg(json_build_object('id', b.id, 'name', b.name) ORDER BY length(b.path))
          FROM branch b WHERE strpos(hb.path, '/' || b.id || '/') > 0) AS branch_path,
        (SELECT json_agg(x) FROM (
          SELECT h.account_id, h.product_id, pr.name AS product_name, pr.category, pr.risk_level, h.opened,
            h.closed, h.status, h.balance, h.credit_limit, h.maturity_date, pr.rate
          FROM holding h LEFT JOIN product pr ON pr.id = h.product_id WHERE h.customer_id = c.id
          ORDER BY h.closed IS NOT NULL, h.opened DESC, h.account_id) x) AS holdings,
        (SELECT json_agg(m ORDER BY m.month) FROM (
          SELECT * FROM monthly_aggregate WHERE customer_id = c.id ORDER BY month DESC LIMIT ${months}) m) AS monthly,
        (SELECT json_agg(n) FROM (
          SELECT id, customer_id, text, author_id, author_name, created_at FROM customer_note
          WHERE customer_id = c.id ORDER BY created_at DESC, id DESC LIMIT 20) n) AS notes,
        (SELECT count(*) FROM customer_note WHERE customer_id = c.id) AS note_total,
        (SELECT json_agg(t) FROM (
          SELECT id, ts, account_id, amount, channel, type, counterparty_name, counterparty_account,
            counterparty_bank, mcc, memo
          FROM recent_transaction WHERE customer_id = c.id ORDER BY ts DESC, id DESC LIMIT ${pageSize}) t) AS txns,
        (SELECT count(*) FROM recent_transaction WHERE customer_id = c.id) AS txn_total,
        (SELECT json_agg(DISTINCT rc.id) FROM customer_relation r
          JOIN customer rc ON rc.id = r.related_customer_id AND ${customerScopeFilter(principal, 'rc')}
          WHERE r.customer_id = c.id) AS related_in_scope
      FROM customer c
      LEFT JOIN branch hb ON hb.id = c.home_branch_id
      LEFT JOIN staff rm ON rm.id = c.rm_id
      LEFT JOIN customer_360 d ON d.customer_id = c.id
      LEFT JOIN customer_profile p ON p.customer_id = c.id
      WHERE c.id = ${customerId} AND ${customerScopeFilter(principal, 'c')}`);
    if (!row) return undefined;
    const json = <T>(v: unknown): T | null =>
      v === null || v === undefined ? null : ((typeof v === 'string' ? JSON.parse(v) : v) as T);
    const list = (v: unknown) => json<Record<string, unknown>[]>(v) ?? [];
    const emptyDoc: Customer360Doc = {
      counterparties: [],
      channelTypes: [],
      appLogins: 0,
      eventTypes: [],
      recentEvents: [],
      relations: [],
      signals: [],
      news: [],
      lifeEvents: [],
    };
    const doc = json<Customer360Doc>(row.doc) ?? emptyDoc;
    // The document keeps every related customer's id; show only those the principal may open.
    const visible = new Set(json<string[]>(row.related_in_scope) ?? []);
    return {
      record: toCustomerRecord(row),
      extras: {
        rmPhone: (row.rm_phone as string | null) ?? null,
        branchPath:
          json<{ id: string; name: string | null }[]>(row.branch_path)?.map((b) => ({
            id: b.id,
            name: b.name ?? b.id,
          })) ?? [],
      },
      profile: row.has_profile
        ? {
            tags: json<Record<string, unknown>>(row.profile_tags) ?? {},
            scores: json<Record<string, unknown>>(row.profile_scores) ?? {},
            updatedAt: row.profile_updated_at ? toDate(row.profile_updated_at) : null,
          }
        : undefined,
      holdings: list(row.holdings).map((r) => ({
        accountId: String(r.account_id),
        productId: String(r.product_id),
        productName: (r.product_name as string | null) ?? null,
        category: (r.category as string | null) ?? null,
        riskLevel: (r.risk_level ?? null) as string | null,
        opened: String(r.opened),
        closed: (r.closed as string | null) ?? null,
        status: String(r.status),
        balanceCents: num(r.balance),
        creditLimitCents: numOrNull(r.credit_limit),
        maturityDate: (r.maturity_date as string | null) ?? null,
        rate: numOrNull(r.rate),
      })),
      monthly: list(row.monthly).map((r) => ({
        month: String(r.month),
        aumCents: num(r.aum),
        depositBalanceCents: num(r.deposit_balance),
        investmentBalanceCents: num(r.investment_balance),
        loanBalanceCents: num(r.loan_balance),
        inflowCents: num(r.inflow),
        outflowCents: num(r.outflow),
        txnCount: num(r.txn_count),
      })),
      notes: { rows: list(row.notes).map(toNote), total: num(row.note_total) },
      transactions: { rows: list(row.txns).map(toTransactionRow), total: num(row.txn_total) },
      doc: {
        ...emptyDoc,
        ...doc,
        channelTypes: doc.channelTypes.map((c) => ({ ...c, lastTs: toDate(c.lastTs) })),
        recentEvents: doc.recentEvents.map((e) => ({ ...e, ts: toDate(e.ts) })),
        news: doc.news.map((n) => ({ ...n, ts: toDate(n.ts) })),
        relations: doc.relations.map((r) => ({
          ...r,
          relatedCustomerId:
            r.relatedCustomerId && visible.has(r.relatedCustomerId) ? r.relatedCustomerId : null,
        })),
      },
    };
  }

  async transactions(
    customerId: string,
    filter: TransactionFilter,
  ): Promise<{ rows: TransactionRow[]; total: number }> {
    const conditions = [sql`customer_id = ${customerId}`];
    if (filter.type) conditions.push(sql`type = ${filter.type}`);
    if (filter.channel) conditions.push(sql`channel = ${filter.channel}`);
    if (filter.minAmountCents !== undefined) conditions.push(sql`abs(amount) >= ${filter.minAmountCents}`);
    if (filter.maxAmountCents !== undefined) conditions.push(sql`abs(amount) <= ${filter.maxAmountCents}`);
    // Days are bank-local (Asia/Shanghai): [from 00:00+08, to+1 00:00+08).
    if (filter.from)
      conditions.push(sql`ts >= (${filter.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
    if (filter.to)
      conditions.push(sql`ts < ((${filter.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
    const where = sql.join(conditions, sql` AND `);
    const [rows, [count]] = await Promise.all([
      this.rows<Record<string, unknown>>(sql`
        SELECT id, ts, account_id, amount, channel, type, counterparty_name, counterparty_account,
          counterparty_bank, mcc, memo
        FROM recent_transaction WHERE ${where}
        ORDER BY ts DESC, id DESC OFFSET ${filter.offset} LIMIT ${filter.limit}`),
      this.rows<{ n: unknown }>(sql`SELECT count(*) AS n FROM recent_transaction WHERE ${where}`),
    ]);
    return {
      total: num(count?.n),
      rows: rows.map(toTransactionRow),
    };
  }

  async notes(
    customerId: string,
    offset: number,
    limit: number,
  ): Promise<{ rows: NoteRow[]; total: number }> {
    const [rows, [count]] = await Promise.all([
      this.rows<Record<string, unknown>>(sql`
        SELECT id, customer_id, text, author_id, author_name, created_at FROM customer_note
        WHERE customer_id = ${customerId} ORDER BY created_at DESC, id DESC OFFSET ${offset} LIMIT ${limit}`),
      this.rows<{ n: unknown }>(
        sql`SELECT count(*) AS n FROM customer_note WHERE customer_id = ${customerId}`,
      ),
    ]);
    return { rows: rows.map(toNote), total: num(count?.n) };
  }

  async addNote(note: { id: string; customerId: string; text: string; authorId: string }): Promise<NoteRow> {
    // The author's display name is copied so the note keeps it when the user is renamed or removed.
    const [row] = await this.rows<Record<string, unknown>>(sql`
      INSERT INTO customer_note (id, customer_id, author_id, author_name, text)
      SELECT ${note.id}, ${note.customerId}, ${note.authorId},
        coalesce((SELECT display_name FROM app_user WHERE id = ${note.authorId}), ${note.authorId}), ${note.text}
      RETURNING id, customer_id, text, author_id, author_name, created_at`);
    return toNote(row);
  }

  // One indexed branch per way of finding a customer (b-trees for identifiers, the name_chars trigram
  // GIN for partial and one-wrong-character names, the name trigram GIN for similarity of long
  // names), each scoped and capped, then the best hit per customer ranked.
  async search(principal: Principal, plan: SearchPlan): Promise<SearchHitRow[]> {
    const values = sql.join(plan.exactValues);
    const cap = Math.max(plan.limit * 5, 50);
    const scope = customerScopeFilter(principal, 'c');
    const branches = [
      sql`SELECT c.id, 'id_number' AS field, c.id_number AS value, 1.0 AS score FROM customer c
          WHERE c.id_number IN (${values}) AND ${scope}`,
      sql`SELECT c.id, 'phone', c.phone, 1.0 FROM customer c WHERE c.phone IN (${values}) AND ${scope}`,
      sql`SELECT c.id, 'uscc', c.uscc, 1.0 FROM customer c WHERE c.uscc IN (${values}) AND ${scope}`,
      sql`SELECT c.id, 'customer_id', c.id, 1.0 FROM customer c WHERE c.id IN (${values}) AND ${scope}`,
      sql`SELECT c.id, 'account_number', h.account_id, 1.0 FROM holding h JOIN customer c ON c.id = h.customer_id
          WHERE h.account_id IN (${values}) AND ${scope}`,
    ];
    if (plan.containsPattern) {
      branches.push(sql`(SELECT c.id, 'name', c.name,
            CASE WHEN c.name = ${plan.text} THEN 1.0 WHEN starts_with(c.name, ${plan.text}) THEN 0.9
              ELSE 0.6 + 0.3 * word_similarity(${plan.text}, c.name) END
          FROM customer c WHERE c.name_chars LIKE ${plan.containsPattern} AND ${scope} LIMIT ${cap})`);
    }
    for (const pattern of plan.typoPatterns) {
      branches.push(sql`(SELECT c.id, 'name', c.name, 0.3 + 0.3 * similarity(c.name, ${plan.text})
          FROM customer c WHERE c.name_chars LIKE ${pattern} AND ${scope} LIMIT ${cap})`);
    }
    if (plan.similarity) {
      branches.push(sql`(SELECT c.id, 'name', c.name, 0.8 * similarity(c.name, ${plan.text})
          FROM customer c WHERE c.name % ${plan.text} AND ${scope} LIMIT ${cap})`);
    }
    const rows = await this.rows<Record<string, unknown>>(sql`
      WITH hits AS (${sql.join(branches, sql` UNION ALL `)}),
      best AS (
        SELECT DISTINCT ON (id) id, field, value, score FROM hits ORDER BY id, score DESC, field
      )
      SELECT b.id, c.name, c.kind, b.field, b.value, b.score, c.home_branch_id, hb.name AS branch_name,
        rm.name AS rm_name
      FROM best b JOIN customer c ON c.id = b.id
      LEFT JOIN branch hb ON hb.id = c.home_branch_id
      LEFT JOIN staff rm ON rm.id = c.rm_id
      ORDER BY b.score DESC, length(c.name), c.id
      LIMIT ${plan.limit}`);
    return rows.map((r) => {
      const kind = String(r.kind);
      const field = String(r.field) as SearchHitRow['field'];
      return {
        customerId: String(r.id),
        name: String(r.name),
        kind,
        field: field === 'name' && kind === 'corporate' ? 'company_name' : field,
        value: String(r.value),
        branchId: String(r.home_branch_id),
        branchName: (r.branch_name as string | null) ?? null,
        rmName: (r.rm_name as string | null) ?? null,
        score: Math.round(num(r.score) * 1000) / 1000,
      };
    });
  }
}

function toNote(r: Record<string, unknown>): NoteRow {
  return {
    id: String(r.id),
    customerId: String(r.customer_id),
    text: String(r.text),
    authorId: String(r.author_id),
    authorName: String(r.author_name),
    createdAt: toDate(r.created_at),
  };
}

function toTransactionRow(r: Record<string, unknown>): TransactionRow {
  return {
    id: String(r.id),
    ts: toDate(r.ts),
    accountId: String(r.account_id),
    amountCents: num(r.amount),
    channel: String(r.channel),
    type: String(r.type),
    counterpartyName: (r.counterparty_name as string | null) ?? null,
    counterpartyAccount: (r.counterparty_account as string | null) ?? null,
    counterpartyBank: (r.counterparty_bank as string | null) ?? null,
    mcc: (r.mcc as string | null) ?? null,
    memo: (r.memo as string | null) ?? null,
  };
}

/** The customer row (c.* plus home_branch_name and rm_name) as the customers module's record. */
function toCustomerRecord(r: Record<string, unknown>): CustomerRecord {
  const v = r as Record<string, never>;
  return {
    id: v.id,
    cno: v.cno,
    kind: v.kind,
    name: v.name,
    gender: v.gender,
    birthDate: v.birth_date,
    idNumber: v.id_number,
    phone: v.phone,
    address: v.address,
    city: v.city,
    occupation: v.occupation,
    incomeBand: v.income_band,
    riskTolerance: v.risk_tolerance,
    onboardDate: v.onboard_date,
    homeBranchId: v.home_branch_id,
    homeBranchName: v.home_branch_name,
    rmId: v.rm_id,
    rmName: v.rm_name,
    status: v.status,
    consentMarketing: v.consent_marketing,
    consentSms: v.consent_sms,
    consentPhone: v.consent_phone,
    uscc: v.uscc,
    industry: v.industry,
    registeredCapitalCents: v.registered_capital,
    established: v.established,
    legalRep: v.legal_rep,
    employees: v.employees,
    size: v.size,
    attributes: v.attributes ?? {},
    aumCents: v.aum,
  };
}
