import { z } from 'zod';

/** Retail or corporate. */
export const customerKindSchema = z.enum(['retail', 'corporate']).meta({ id: 'CustomerKind' });

/** Query of `GET /api/customers`. */
export const customerListQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('name (partial), ID number, mobile, account number, USCC or customer id'),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  branchId: z.string().min(1).max(64).optional().describe("home branch in this branch's subtree"),
  kind: customerKindSchema.optional(),
  rmId: z.string().min(1).max(64).optional(),
});

/** Path parameters of `GET /api/customers/:id`. */
export const customerIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

/** A row of the customer list. Money is yuan. */
export const customerListItemSchema = z
  .object({
    id: z.string(),
    cno: z.number().int(),
    kind: customerKindSchema,
    name: z.string(),
    gender: z.string().nullable(),
    age: z.number().int().nullable(),
    idNumberMasked: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    city: z.string().nullable(),
    homeBranchId: z.string(),
    homeBranchName: z.string(),
    rmId: z.string().nullable(),
    rmName: z.string().nullable(),
    status: z.string(),
    aum: z.number().describe('assets under management, yuan'),
    uscc: z.string().nullable(),
    industry: z.string().nullable(),
  })
  .meta({ id: 'CustomerListItem' });

/** A value of a custom attribute. */
export const attributeValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** The customer profile of the customer page. */
export const customerDetailSchema = customerListItemSchema
  .extend({
    birthDate: z.string().nullable(),
    occupation: z.string().nullable(),
    incomeBand: z.string().nullable(),
    riskTolerance: z.string().nullable(),
    onboardDate: z.string().nullable(),
    addressMasked: z.string().nullable(),
    consentMarketing: z.boolean().nullable(),
    consentSms: z.boolean().nullable(),
    consentPhone: z.boolean().nullable(),
    registeredCapital: z.number().nullable().describe('yuan'),
    established: z.string().nullable(),
    legalRep: z.string().nullable(),
    employees: z.number().int().nullable(),
    size: z.string().nullable(),
    attributes: z.record(z.string(), attributeValueSchema),
  })
  .meta({ id: 'CustomerDetail' });

/** A product a customer holds or held (one account). Money is yuan. */
export const holdingSchema = z
  .object({
    accountId: z.string(),
    productId: z.string(),
    productName: z.string(),
    category: z.string(),
    riskLevel: z.string().nullable(),
    opened: z.string(),
    closed: z.string().nullable(),
    status: z.string(),
    balance: z.number(),
    creditLimit: z.number().nullable(),
    maturityDate: z.string().nullable(),
    rate: z.number().nullable(),
  })
  .meta({ id: 'Holding' });

/** Month-end aggregates of one customer. Money is yuan. */
export const monthlySchema = z
  .object({
    month: z.string().describe('YYYY-MM-01'),
    aum: z.number(),
    depositBalance: z.number(),
    investmentBalance: z.number(),
    loanBalance: z.number(),
    inflow: z.number(),
    outflow: z.number(),
    txnCount: z.number().int(),
  })
  .meta({ id: 'Monthly' });

/** `GET /api/customers` answer. */
export const customerListResponseSchema = z.object({
  items: z.array(customerListItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** `GET /api/customers/:id` answer. */
export const customerViewResponseSchema = z.object({
  customer: customerDetailSchema,
  holdings: z.array(holdingSchema),
  monthly: z.array(monthlySchema).describe('up to 13 months, oldest first'),
});

/** Query of the customer list, parsed. */
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;
/** A row of the customer list. */
export type CustomerListItem = z.infer<typeof customerListItemSchema>;
/** The customer profile. */
export type CustomerDetail = z.infer<typeof customerDetailSchema>;
/** One holding. */
export type Holding = z.infer<typeof holdingSchema>;
/** One month of aggregates. */
export type Monthly = z.infer<typeof monthlySchema>;
/** A page of customers. */
export type CustomerListResponse = z.infer<typeof customerListResponseSchema>;
/** The customer view: profile, holdings, monthly aggregates. */
export type CustomerView = z.infer<typeof customerViewResponseSchema>;
