// Response shapes of the HTTP API, as specified in docs/api-contract.md.

/** A role a signed-in user can have. */
export type Role = 'admin' | 'hq_analyst' | 'branch_manager' | 'rm' | 'auditor';

/** The signed-in user. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  staffId: string | null;
  branchId: string | null;
  branchName: string | null;
}

/** A level of the branch tree. */
export type BranchLevel = 'hq' | 'branch' | 'sub_branch' | 'outlet';

/** One branch of the organisation tree. */
export interface Branch {
  id: string;
  parentId: string | null;
  level: BranchLevel;
  name: string;
  city: string | null;
}

/** A member of staff. */
export interface Staff {
  id: string;
  name: string;
  role: Role;
  branchId: string;
}

/** Retail or corporate customer. */
export type CustomerKind = 'retail' | 'corporate';

/** A row of the customer list. Money is yuan. */
export interface CustomerListItem {
  id: string;
  cno: number;
  kind: CustomerKind;
  name: string;
  gender: string | null;
  age: number | null;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  city: string | null;
  homeBranchId: string;
  homeBranchName: string;
  rmId: string | null;
  rmName: string | null;
  status: string;
  aum: number;
  uscc: string | null;
  industry: string | null;
}

/** The customer profile shown on the customer page. */
export interface CustomerDetail extends CustomerListItem {
  birthDate: string | null;
  occupation: string | null;
  incomeBand: string | null;
  riskTolerance: string | null;
  onboardDate: string | null;
  addressMasked: string | null;
  consentMarketing: boolean | null;
  consentSms: boolean | null;
  consentPhone: boolean | null;
  registeredCapital: number | null;
  established: string | null;
  legalRep: string | null;
  employees: number | null;
  size: string | null;
  attributes: Record<string, string | number | boolean | null>;
}

/** A product a customer holds or held (one account). */
export interface Holding {
  accountId: string;
  productId: string;
  productName: string;
  category: string;
  riskLevel: string | null;
  opened: string;
  closed: string | null;
  status: string;
  balance: number;
  creditLimit: number | null;
  maturityDate: string | null;
  rate: number | null;
}

/** Month-end aggregates of one customer. */
export interface Monthly {
  month: string;
  aum: number;
  depositBalance: number;
  investmentBalance: number;
  loanBalance: number;
  inflow: number;
  outflow: number;
  txnCount: number;
}

/** One page of a list. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** `GET /api/customers/:id`. */
export interface CustomerView {
  customer: CustomerDetail;
  holdings: Holding[];
  monthly: Monthly[];
}

/** Machine-readable error codes of the API. */
export type ApiErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'internal'
  | 'network'
  | 'bad_response';
