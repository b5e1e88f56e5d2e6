import type { Principal } from '../access/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { NotFoundError } from '../../platform/errors.ts';
import {
  ageOn,
  centsToYuan,
  scalarAttributes,
  type CustomerRecord,
  type HoldingRecord,
  type MonthlyRecord,
} from './customer.ts';
import { maskAddress, maskIdNumber, maskPhone } from './customer-masking.ts';
import { parseCustomerSearch } from './customer-search.ts';
import type {
  CustomerDetail,
  CustomerListItem,
  CustomerListQuery,
  CustomerListResponse,
  CustomerView,
  Holding,
  Monthly,
} from './customer.schema.ts';
import type { CustomersRepository } from './customers.repository.ts';

/** How many month-ends the customer view shows. */
export const MONTHS_IN_VIEW = 13;

/** Customer search, list and 360 view, always within the caller's data scope. */
export class CustomersService {
  constructor(
    private readonly repository: CustomersRepository,
    private readonly clock: Clock,
  ) {}

  /** A page of the customers the principal may see that match the query, with the total count. */
  async list(principal: Principal, query: CustomerListQuery): Promise<CustomerListResponse> {
    const filter = {
      search: parseCustomerSearch(query.q),
      branchId: query.branchId,
      kind: query.kind,
      rmId: query.rmId,
    };
    const [rows, total] = await Promise.all([
      this.repository.list(principal, filter, {
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      }),
      this.repository.count(principal, filter),
    ]);
    const today = this.today();
    return {
      items: rows.map((r) => toListItem(r, today)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** The customer view; NotFoundError when the customer is absent or outside the principal's scope. */
  async get(principal: Principal, id: string): Promise<CustomerView> {
    const record = await this.repository.findById(principal, id);
    if (!record) throw new NotFoundError('customer');
    const [holdings, monthly] = await Promise.all([
      this.repository.holdings(principal, id),
      this.repository.monthly(principal, id, MONTHS_IN_VIEW),
    ]);
    return {
      customer: toDetail(record, this.today()),
      holdings: holdings.map(toHolding),
      monthly: monthly.map(toMonthly),
    };
  }

  /** Number of customers loaded (readiness probe). */
  countAll(): Promise<number> {
    return this.repository.countAll();
  }

  private today(): string {
    const now = this.clock.now();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }
}

/** A customer record as a list item (identifiers masked, money in yuan), as GET /api/customers shows it. */
export function toListItem(r: CustomerRecord, today: string): CustomerListItem {
  return {
    id: r.id,
    cno: r.cno,
    kind: r.kind === 'corporate' ? 'corporate' : 'retail',
    name: r.name,
    gender: r.gender,
    age: r.kind === 'corporate' ? null : ageOn(r.birthDate, today),
    idNumberMasked: maskIdNumber(r.idNumber),
    phoneMasked: maskPhone(r.phone),
    city: r.city,
    homeBranchId: r.homeBranchId,
    homeBranchName: r.homeBranchName ?? r.homeBranchId,
    rmId: r.rmId,
    rmName: r.rmName,
    status: r.status,
    aum: centsToYuan(r.aumCents),
    uscc: r.uscc,
    industry: r.industry,
  };
}

/** A customer record as the profile the API shows (identifiers masked, money in yuan). */
export function toDetail(r: CustomerRecord, today: string): CustomerDetail {
  return {
    ...toListItem(r, today),
    birthDate: r.birthDate,
    occupation: r.occupation,
    incomeBand: r.incomeBand,
    riskTolerance: r.riskTolerance,
    onboardDate: r.onboardDate,
    addressMasked: maskAddress(r.address),
    consentMarketing: r.consentMarketing,
    consentSms: r.consentSms,
    consentPhone: r.consentPhone,
    registeredCapital: r.registeredCapitalCents === null ? null : centsToYuan(r.registeredCapitalCents),
    established: r.established,
    legalRep: r.legalRep,
    employees: r.employees,
    size: r.size,
    attributes: scalarAttributes(r.attributes),
  };
}

function toHolding(h: HoldingRecord): Holding {
  return {
    accountId: h.accountId,
    productId: h.productId,
    productName: h.productName ?? h.productId,
    category: h.category ?? 'unknown',
    riskLevel: h.riskLevel,
    opened: h.opened,
    closed: h.closed,
    status: h.status,
    balance: centsToYuan(h.balanceCents),
    creditLimit: h.creditLimitCents === null ? null : centsToYuan(h.creditLimitCents),
    maturityDate: h.maturityDate,
    rate: h.rate,
  };
}

function toMonthly(m: MonthlyRecord): Monthly {
  return {
    month: m.month,
    aum: centsToYuan(m.aumCents),
    depositBalance: centsToYuan(m.depositBalanceCents),
    investmentBalance: centsToYuan(m.investmentBalanceCents),
    loanBalance: centsToYuan(m.loanBalanceCents),
    inflow: centsToYuan(m.inflowCents),
    outflow: centsToYuan(m.outflowCents),
    txnCount: m.txnCount,
  };
}
