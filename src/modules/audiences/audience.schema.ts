// Request and response shapes of the audience and segment endpoints (shared with the web UI).
import { z } from 'zod';
import { customerListItemSchema } from '../customers/index.ts';
import { SEGMENT_NAME_MAX } from './segment.ts';

/** A bilingual label. */
export const audienceLabelSchema = z.object({ zh: z.string(), en: z.string() });

/**
 * An audience expression: the text form (`aum_tier in ('1m+') and age >= 30`) or the JSON form
 * (an AudienceNode, checked by validateAudience). An empty text means everyone in scope.
 */
export const audienceExpressionInputSchema = z
  .union([z.string().max(20_000), z.object({ op: z.string() }).loose().describe('AudienceNode (JSON form)')])
  .meta({ id: 'AudienceExpressionInput' });

/** The JSON form as answered (an AudienceNode). */
export const audienceNodeOutputSchema = z
  .object({ op: z.string() })
  .loose()
  .describe('AudienceNode (JSON form)')
  .meta({ id: 'AudienceNode' });

/** A value of an enum or boolean field with its label and the count of customers in scope. */
export const audienceFieldValueSchema = z.object({
  value: z.string(),
  zh: z.string(),
  en: z.string(),
  count: z.number().int(),
});

/** A field the audience builder offers (one indexed tag). */
export const audienceFieldSchema = z
  .object({
    id: z.string(),
    name: audienceLabelSchema,
    theme: z.string(),
    kind: z.enum(['enum', 'boolean', 'numeric']),
    appliesTo: z.string(),
    values: z.array(audienceFieldValueSchema).optional(),
    min: z.number().nullable().optional(),
    max: z.number().nullable().optional(),
    unit: z.string().optional(),
    buckets: z.array(z.number()).optional(),
    scale: z.number().int().optional(),
  })
  .meta({ id: 'AudienceField' });

/** Response of `GET /api/audiences/fields`. */
export const audienceFieldsResponseSchema = z.object({
  fields: z.array(audienceFieldSchema),
  builtAt: z.string().describe('when the index was built'),
});

/** Body of `POST /api/audiences/parse`. */
export const audienceParseRequestSchema = z.object({ text: z.string().max(20_000) });

/** Response of `POST /api/audiences/parse`: the JSON form and the canonical text. */
export const audienceParseResponseSchema = z.object({ json: audienceNodeOutputSchema, text: z.string() });

/** Body of `POST /api/audiences/count`. */
export const audienceCountRequestSchema = z.object({ expression: audienceExpressionInputSchema });

/** Response of `POST /api/audiences/count`. */
export const audienceCountResponseSchema = z
  .object({
    count: z.number().int().describe("customers matching, within the caller's scope"),
    scopeTotal: z.number().int().describe("customers in the caller's scope"),
    ms: z.number().describe('evaluation time in milliseconds'),
    text: z.string(),
    json: audienceNodeOutputSchema,
  })
  .meta({ id: 'AudienceCount' });

/** Body of `POST /api/audiences/breakdown`. */
export const audienceBreakdownRequestSchema = z.object({
  expression: audienceExpressionInputSchema,
  by: z
    .string()
    .min(1)
    .max(64)
    .describe("a field id, or '_branch' (home branch, one level below the caller's)"),
});

/** One bar of a breakdown; `value` null is the bar of customers without a value. */
export const audienceBucketSchema = z.object({
  value: z.string().nullable(),
  label: audienceLabelSchema,
  count: z.number().int(),
  low: z.number().nullable().optional().describe('numeric buckets: inclusive lower edge (null = open)'),
  high: z.number().nullable().optional().describe('numeric buckets: exclusive upper edge (null = open)'),
});

/** Response of `POST /api/audiences/breakdown`. */
export const audienceBreakdownResponseSchema = z
  .object({ by: z.string(), total: z.number().int(), buckets: z.array(audienceBucketSchema) })
  .meta({ id: 'AudienceBreakdown' });

/** Body of `POST /api/audiences/sample`. */
export const audienceSampleRequestSchema = z.object({
  expression: audienceExpressionInputSchema,
  limit: z.number().int().min(1).max(100).default(20),
});

/** Response of `POST /api/audiences/sample`: the lowest customer numbers of the result. */
export const audienceSampleResponseSchema = z.object({
  items: z.array(customerListItemSchema),
  count: z.number().int(),
});

/** Response of `GET /api/audiences/index`. */
export const audienceIndexResponseSchema = z
  .object({
    customers: z.number().int(),
    builtAt: z.string(),
    columns: z.number().int(),
    bytes: z.number().int(),
    bytesPerMillion: z.number().int(),
    memory: z.array(z.object({ column: z.string(), kind: z.enum(['enum', 'bsi']), bytes: z.number().int() })),
  })
  .meta({ id: 'AudienceIndexReport' });

/** dynamic (re-evaluated on read) or static (members frozen when saved). */
export const segmentKindSchema = z.enum(['dynamic', 'static']);

/** A saved segment as answered; `count` is within the caller's scope (null while no index exists). */
export const segmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    kind: segmentKindSchema,
    text: z.string(),
    json: audienceNodeOutputSchema,
    count: z.number().int().nullable(),
    lastCount: z.number().int().nullable().describe('whole-bank count when last counted'),
    countedAt: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Segment' });

/** Response of `GET /api/segments`. */
export const segmentListResponseSchema = z.object({ items: z.array(segmentSchema) });

const segmentName = z
  .string()
  .trim()
  .min(1)
  .max(SEGMENT_NAME_MAX)
  .refine((s) => !/[\u0000-\u001f]/.test(s), 'must not contain control characters');

/** Body of `POST /api/segments`. */
export const segmentCreateRequestSchema = z.object({
  name: segmentName,
  description: z.string().trim().max(1000).default(''),
  kind: segmentKindSchema.default('dynamic'),
  expression: audienceExpressionInputSchema,
});

/** Body of `PUT /api/segments/:id`: the fields to change. */
export const segmentUpdateRequestSchema = z.object({
  name: segmentName.optional(),
  description: z.string().trim().max(1000).optional(),
  kind: segmentKindSchema.optional(),
  expression: audienceExpressionInputSchema.optional(),
});

/** Path parameters of `/api/segments/:id`. */
export const segmentIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

/** Body of `POST /api/segments/overlap`. */
export const segmentOverlapRequestSchema = z.object({
  ids: z.array(z.string().min(1).max(64)).min(2).max(3),
});

/** Response of `POST /api/segments/overlap`: every intersection (Venn-ready). */
export const segmentOverlapResponseSchema = z.object({
  sets: z.array(z.object({ ids: z.array(z.string()), count: z.number().int() })),
});

/** Body of `POST /api/segments/:id/split`. */
export const segmentSplitRequestSchema = z.object({
  experimentKey: z.string().trim().min(1).max(100),
  arms: z
    .array(z.object({ name: z.string().trim().min(1).max(50), percent: z.number().min(0).max(100) }))
    .min(1)
    .max(10),
  controlPercent: z.number().min(0).max(100).default(0),
  holdoutPercent: z.number().min(0).max(100).default(0),
});

/** Response of `POST /api/segments/:id/split`. */
export const segmentSplitResponseSchema = z.object({
  arms: z.array(z.object({ name: z.string(), count: z.number().int() })),
  control: z.number().int(),
  holdout: z.number().int(),
  total: z.number().int(),
});

/** Query of `GET /api/segments/:id/export`. */
export const segmentExportQuerySchema = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') });

/** An audience expression as a request gives it. */
export type AudienceExpressionInput = z.infer<typeof audienceExpressionInputSchema>;
/** A field of the builder. */
export type AudienceFieldInfo = z.infer<typeof audienceFieldSchema>;
/** A count answer. */
export type AudienceCount = z.infer<typeof audienceCountResponseSchema>;
/** A breakdown answer. */
export type AudienceBreakdown = z.infer<typeof audienceBreakdownResponseSchema>;
/** One breakdown bar. */
export type AudienceBucket = z.infer<typeof audienceBucketSchema>;
/** The index report. */
export type AudienceIndexReport = z.infer<typeof audienceIndexResponseSchema>;
/** A segment as answered. */
export type Segment = z.infer<typeof segmentSchema>;
/** Body of a segment create. */
export type SegmentCreateRequest = z.infer<typeof segmentCreateRequestSchema>;
/** Body of a segment update. */
export type SegmentUpdateRequest = z.infer<typeof segmentUpdateRequestSchema>;
/** Body of a split. */
export type SegmentSplitRequest = z.infer<typeof segmentSplitRequestSchema>;
/** A split answer. */
export type SegmentSplitResponse = z.infer<typeof segmentSplitResponseSchema>;
