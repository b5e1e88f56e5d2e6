// Public surface of the audiences module: the audience expression language, the bitmap index
// snapshot and its store, audience counts and breakdowns, saved segments, splits and exports.
export {
  AudienceExpressionError,
  audienceToText,
  parseAudience,
  validateAudience,
  type AudienceComparison,
  type AudienceField,
  type AudienceNode,
} from './audience-expression.ts';
export { evaluateAudience } from './audience-evaluate.ts';
export {
  SYSTEM_COLUMNS,
  audienceFieldsOf,
  snapshotMeta,
  type AudienceSnapshotMeta,
  type AudienceTagInfo,
} from './audience.ts';
export {
  CUSTOMER_TAG_TABLE,
  buildAudienceIndex,
  rebuildAudienceSnapshot,
  writeSnapshot,
  type RebuildReport,
} from './audience-index-build.ts';
export {
  AudienceIndexMissingError,
  AudienceIndexStore,
  NO_INDEX_MESSAGE,
  snapshotPath,
  type SnapshotLogger,
} from './audience-index-store.ts';
export { scopeBitmap } from './audience-scope.ts';
export { audienceMigrations, type AudienceTables } from './audiences.migrations.ts';
export type { AudienceRepository, BranchNode } from './audience.repository.ts';
export { PostgresAudienceRepository } from './postgres-audience.repository.ts';
export { AudienceService, autoEdges, type AudienceLogger, type SegmentExport } from './audience.service.ts';
export { segmentRefs, type SegmentKind, type SegmentRecord } from './segment.ts';
export { EXPORT_COLUMNS, EXPORT_CONTENT_TYPES, csvField, type ExportFormat } from './segment-export.ts';
export {
  SPLIT_BUCKETS,
  SplitCounter,
  assignGroup,
  splitBucket,
  splitLayout,
  type SplitPlan,
  type SplitResult,
} from './segment-split.ts';
export * from './audience.schema.ts';
