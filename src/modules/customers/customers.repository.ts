import type { Principal } from '../access/index.ts';
import type { CustomerRecord, HoldingRecord, MonthlyRecord } from './customer.ts';
import type { CustomerSearch } from './customer-search.ts';

/** Filters of a customer list; all combine with AND, and with the principal's scope. */
export interface CustomerFilter {
  search?: CustomerSearch | null;
  /** Home branch in this branch's subtree. */
  branchId?: string;
  kind?: 'retail' | 'corporate';
  rmId?: string;
}

/** A page request: `offset` rows skipped, at most `limit` returned. */
export interface PageRequest {
  offset: number;
  limit: number;
}

/**
 * Reads customers for the 360 view and search. Contract: every method applies the principal's
 * data scope (access's customerScopeFilter), so a customer outside it is indistinguishable from
 * an absent one; lists are ordered by search relevance when searching, then AUM descending, then id.
 */
export interface CustomersRepository {
  list(principal: Principal, filter: CustomerFilter, page: PageRequest): Promise<CustomerRecord[]>;
  count(principal: Principal, filter: CustomerFilter): Promise<number>;
  /** The customer, or undefined when absent or outside the scope. */
  findById(principal: Principal, id: string): Promise<CustomerRecord | undefined>;
  /** Customers with these numbers (cno) that the principal may see, in cno order; absent ones skipped. */
  findByCnos(principal: Principal, cnos: readonly number[]): Promise<CustomerRecord[]>;
  /** Accounts of a customer with their products, open ones first, newest first; empty when out of scope. */
  holdings(principal: Principal, customerId: string): Promise<HoldingRecord[]>;
  /** The latest `months` month-end aggregates of a customer, oldest first; empty when out of scope. */
  monthly(principal: Principal, customerId: string, months: number): Promise<MonthlyRecord[]>;
  /** Number of customers in the serving database (readiness probe); no scope. */
  countAll(): Promise<number>;
}
