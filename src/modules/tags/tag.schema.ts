import { z } from 'zod';

/** The seven themes of the tag catalogue (ABC's profile themes). */
export const TAG_THEMES = [
  'natural',
  'asset',
  'liability',
  'risk',
  'transaction',
  'behaviour',
  'value',
] as const;

/** Bilingual labels of the themes, for the catalogue UI and CLI output. */
export const TAG_THEME_LABELS: Record<TagTheme, { zh: string; en: string }> = {
  natural: { zh: '自然属性', en: 'Natural' },
  asset: { zh: '资产', en: 'Assets' },
  liability: { zh: '负债', en: 'Liabilities' },
  risk: { zh: '风险', en: 'Risk' },
  transaction: { zh: '交易', en: 'Transactions' },
  behaviour: { zh: '行为', en: 'Behaviour' },
  value: { zh: '价值', en: 'Value' },
};

/** A tag id: the column name in customer_tag and the name used in audience expressions. */
export const TAG_ID_PATTERN = /^[a-z][a-z0-9_]{1,62}$/;

/** A text in Chinese and English. */
export const bilingualSchema = z.object({
  zh: z.string().trim().min(1).max(200),
  en: z.string().trim().min(1).max(200),
});

/** A bilingual description (longer than a label). */
export const bilingualTextSchema = z.object({
  zh: z.string().trim().max(2000),
  en: z.string().trim().max(2000),
});

/** A tag theme. */
export const tagThemeSchema = z.enum(TAG_THEMES).meta({ id: 'TagTheme' });
/** The value kind of a tag. */
export const tagKindSchema = z.enum(['enum', 'boolean', 'numeric']).meta({ id: 'TagKind' });
/** Which customers a tag applies to. */
export const tagAppliesToSchema = z.enum(['retail', 'corporate', 'all']);
/** The unit of a numeric tag. */
export const tagUnitSchema = z.enum(['yuan', 'count', 'days', 'months', 'years', 'pct', 'score', 'ratio']);
/** How often a tag is refreshed. */
export const tagRefreshSchema = z.enum(['daily', 'realtime']);
/** Lifecycle status of a tag. */
export const tagStatusSchema = z.enum(['active', 'retired']);

/** One allowed value of an enum tag, in display order. */
export const tagValueSchema = z.object({
  value: z.string().min(1).max(100),
  zh: z.string().min(1).max(100),
  en: z.string().min(1).max(100),
});

/** Where a tag's values come from. */
export const tagSourceSchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('sql'),
      expression: z
        .string()
        .trim()
        .min(1)
        .max(20_000)
        .describe('DuckDB SQL expression over customer_features'),
    }),
    z.object({
      type: z.literal('model'),
      model: z.string().min(1).max(100),
      output: z.string().min(1).max(100),
    }),
    z.object({
      type: z.literal('list'),
      customerIds: z.array(z.string().min(1).max(64)).max(5_000_000),
    }),
  ])
  .meta({ id: 'TagSource' });

/** Fields a user (or a catalogue file) writes; the rest are filled by the catalogue service. */
const tagAuthoredShape = {
  id: z
    .string()
    .regex(TAG_ID_PATTERN, 'a tag id is lower-case snake_case: a letter, then 1–62 of a-z, 0-9, _'),
  name: bilingualSchema,
  theme: tagThemeSchema,
  kind: tagKindSchema,
  appliesTo: tagAppliesToSchema.default('all'),
  values: z.array(tagValueSchema).max(200).optional(),
  buckets: z.array(z.number()).max(50).optional(),
  unit: tagUnitSchema.optional(),
  scale: z.number().int().min(0).max(6).optional(),
  source: tagSourceSchema,
  refresh: tagRefreshSchema.default('daily'),
  description: bilingualTextSchema.default({ zh: '', en: '' }),
};

type Refinable = {
  kind: 'enum' | 'boolean' | 'numeric';
  values?: { value: string }[];
  buckets?: number[];
  scale?: number;
};

/** Cross-field rules: enum tags list their values, buckets ascend, numeric-only options. */
function refineTag(tag: Refinable, ctx: z.RefinementCtx): void {
  if (tag.kind === 'enum') {
    if (!tag.values?.length)
      ctx.addIssue({ code: 'custom', path: ['values'], message: 'an enum tag lists its allowed values' });
    const seen = new Set<string>();
    for (const [i, v] of (tag.values ?? []).entries()) {
      if (seen.has(v.value))
        ctx.addIssue({
          code: 'custom',
          path: ['values', i, 'value'],
          message: `duplicate value '${v.value}'`,
        });
      seen.add(v.value);
    }
  } else if (tag.values?.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['values'],
      message: `only enum tags have values (this is ${tag.kind})`,
    });
  }
  if (tag.kind !== 'numeric') {
    if (tag.buckets?.length)
      ctx.addIssue({ code: 'custom', path: ['buckets'], message: 'only numeric tags have buckets' });
    if (tag.scale !== undefined)
      ctx.addIssue({ code: 'custom', path: ['scale'], message: 'only numeric tags have a scale' });
  }
  const buckets = tag.buckets ?? [];
  for (let i = 1; i < buckets.length; i++) {
    if (!(buckets[i] > buckets[i - 1]))
      ctx.addIssue({ code: 'custom', path: ['buckets', i], message: 'bucket edges ascend strictly' });
  }
}

/** A tag as authored: the body of `POST /api/tags`, and an entry of a built-in catalogue YAML file. */
export const tagInputSchema = z.object(tagAuthoredShape).superRefine(refineTag).meta({ id: 'TagInput' });

/** The full tag definition as stored. */
export const tagDefinitionSchema = z
  .object({
    ...tagAuthoredShape,
    owner: z.string().min(1).max(100).default('panorama'),
    version: z.number().int().min(1).default(1),
    status: tagStatusSchema.default('active'),
    builtIn: z.boolean().default(false),
  })
  .superRefine(refineTag)
  .meta({ id: 'TagDefinition' });

/** The body of `PUT /api/tags/:id`: the authored fields; the id in the path wins. */
export const tagUpdateSchema = z
  .object({ ...tagAuthoredShape, id: tagAuthoredShape.id.optional() })
  .superRefine(refineTag)
  .meta({ id: 'TagUpdate' });

/** A tag definition (stored form). */
export type TagDefinition = z.output<typeof tagDefinitionSchema>;
/** A tag as authored (no owner/version/status/builtIn). */
export type TagInput = z.output<typeof tagInputSchema>;
/** A tag as written by a client, before defaults. */
export type TagInputRaw = z.input<typeof tagInputSchema>;
/** One of the seven themes. */
export type TagTheme = (typeof TAG_THEMES)[number];
/** enum | boolean | numeric. */
export type TagKind = z.output<typeof tagKindSchema>;
/** Where a tag's values come from. */
export type TagSource = z.output<typeof tagSourceSchema>;

/** One bar of a tag's distribution: an enum/boolean value, or a numeric bucket [low, high). */
export const distributionEntrySchema = z
  .object({
    label: z.string(),
    value: z.string().optional(),
    low: z.number().nullable().optional(),
    high: z.number().nullable().optional(),
    count: z.number().int(),
  })
  .meta({ id: 'TagDistributionEntry' });

/** Coverage of a tag: customers with a non-NULL value among those it applies to. */
export const coverageSchema = z
  .object({
    customers: z.number().int().describe('customers the run saw'),
    covered: z.number().int().describe('customers with a value'),
    ratio: z.number().describe('covered / customers, 0..1'),
  })
  .meta({ id: 'TagCoverage' });

/** Per-tag statistics of a run. */
export const tagRunStatSchema = z.object({
  coverage: coverageSchema,
  distribution: z.array(distributionEntrySchema),
  min: z.number().nullable().optional(),
  max: z.number().nullable().optional(),
  mean: z.number().nullable().optional(),
  invalid: z
    .object({ count: z.number().int(), values: z.array(z.string()) })
    .optional()
    .describe('enum values outside the declared list (set to NULL), or non-finite numbers'),
});

/** The report of a tag run (stored in tag_run.report). */
export const tagRunReportSchema = z
  .object({
    asOf: z.string().nullable(),
    customers: z.number().int(),
    tags: z.number().int(),
    only: z.array(z.string()).nullable(),
    seconds: z.number(),
    timings: z.object({ features: z.number(), tags: z.number(), stats: z.number(), write: z.number() }),
    servingRows: z.number().int(),
    perTag: z.record(z.string(), tagRunStatSchema),
    failed: z.array(z.object({ id: z.string(), message: z.string() })),
  })
  .meta({ id: 'TagRunReport' });

/** A catalogue row of `GET /api/tags`. */
export const tagSummarySchema = z
  .object({
    ...tagAuthoredShape,
    owner: z.string(),
    version: z.number().int(),
    status: tagStatusSchema,
    builtIn: z.boolean(),
    coverage: coverageSchema.nullable(),
    lastRunAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'TagSummary' });

/** Query of `GET /api/tags`. */
export const tagListQuerySchema = z.object({
  theme: tagThemeSchema.optional(),
  q: z.string().trim().max(100).optional().describe('id or name (zh/en), partial'),
  status: z.enum(['active', 'retired', 'all']).default('active'),
  kind: tagKindSchema.optional(),
});

/** Response of `GET /api/tags`. */
export const tagListResponseSchema = z.object({ items: z.array(tagSummarySchema) });

/** Path parameters of `/api/tags/:id`. */
export const tagIdParamsSchema = z.object({ id: z.string().min(1).max(63) });

/** A version in a tag's history. */
export const tagVersionSchema = z
  .object({
    version: z.number().int(),
    definition: tagDefinitionSchema,
    changedBy: z.string(),
    changedAt: z.string(),
    note: z.string().nullable(),
  })
  .meta({ id: 'TagVersion' });

/** Response of `GET /api/tags/:id`. */
export const tagDetailResponseSchema = z.object({
  tag: tagSummarySchema,
  coverage: coverageSchema.nullable(),
  distribution: z.array(distributionEntrySchema),
  versions: z.array(tagVersionSchema),
});

/** Body of `POST /api/tags/preview`. */
export const tagPreviewRequestSchema = z.object({
  definition: tagInputSchema,
  sample: z
    .number()
    .int()
    .min(100)
    .max(200_000)
    .optional()
    .describe('customers in the sample (default 20,000)'),
});

/** Response of `POST /api/tags/preview`. */
export const tagPreviewResponseSchema = z.object({
  sample: z.number().int().describe('customers evaluated'),
  coverage: coverageSchema,
  distribution: z.array(distributionEntrySchema),
  examples: z.array(
    z.object({ customerId: z.string(), value: z.union([z.string(), z.number(), z.boolean()]) }),
  ),
  sql: z.string().describe('the compiled select expression'),
  unknownIds: z.array(z.string()).optional().describe('list tags: uploaded ids that are not customers'),
});

/** A column of customer_features, as documented by the features module. */
export const featureColumnSchema = z
  .object({ name: z.string(), type: z.string(), zh: z.string(), en: z.string() })
  .loose()
  .meta({ id: 'FeatureColumn' });

/** Response of `GET /api/tags/features`. */
export const featureColumnsResponseSchema = z.object({ columns: z.array(featureColumnSchema) });

/** Body of `POST /api/tags/runs`. */
export const tagRunRequestSchema = z.object({
  only: z.array(z.string().regex(TAG_ID_PATTERN)).max(1000).optional(),
});

/** Progress of a run. */
export const tagRunProgressSchema = z.object({
  step: z.string(),
  done: z.number(),
  total: z.number(),
});

/** Response of `GET /api/tags/runs/latest` and `POST /api/tags/runs`. */
export const tagRunResponseSchema = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'succeeded', 'failed']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    progress: tagRunProgressSchema.nullable(),
    report: tagRunReportSchema.nullable(),
    error: z.string().nullable().optional(),
  })
  .meta({ id: 'TagRun' });

/** Response of `POST /api/tags/:id/list` (replace an uploaded list's members). */
export const tagListUploadResponseSchema = z.object({
  tag: tagSummarySchema,
  accepted: z.number().int(),
  unknownIds: z.array(z.string()),
});

/** Statistics of one tag in a run. */
export type TagRunStat = z.output<typeof tagRunStatSchema>;
/** A tag run's report. */
export type TagRunReport = z.output<typeof tagRunReportSchema>;
/** A bar of a distribution. */
export type DistributionEntry = z.output<typeof distributionEntrySchema>;
/** Coverage of a tag. */
export type Coverage = z.output<typeof coverageSchema>;
/** A catalogue row. */
export type TagSummary = z.output<typeof tagSummarySchema>;
/** A version in a tag's history. */
export type TagVersion = z.output<typeof tagVersionSchema>;
/** The preview response. */
export type TagPreview = z.output<typeof tagPreviewResponseSchema>;
/** The tag run API shape. */
export type TagRunStatus = z.output<typeof tagRunResponseSchema>;
