// Public surface of the tags module: tag definitions, the catalogue service and the tag runner.
export * from './tag.schema.ts';
export { tagMigrations, type TagTables } from './tags.migrations.ts';
export type { TagRepository, TagRunRecord, StoredTag, RunProgress } from './tag.repository.ts';
export { PostgresTagRepository } from './postgres-tag.repository.ts';
export {
  TagCatalogueService,
  type AfterTagRun,
  type FeatureColumnDoc,
  type TagCatalogueServiceDeps,
  type TagDetail,
  type TagListFilter,
} from './tag.service.ts';
export { runTags, type FeatureBuilder, type RunTagsOptions, type RunTagsResult } from './tag-runner.ts';
export { compileTag, validateTag, TagDefinitionError, type TagProblem } from './tag-compiler.ts';
export {
  BUILT_IN_CATALOGUE_DIR,
  readCatalogueFiles,
  syncBuiltInTags,
  type CatalogueEntry,
  type CatalogueSyncReport,
} from './tag-catalogue.ts';
export { dataDirWarehouseAccess, openWarehouseAccess, type TagWarehouseAccess } from './tag-warehouse.ts';
export { assertCanEditTags, canEditTags, TAG_EDITOR_ROLES } from './tag.policy.ts';
export { CUSTOMER_TAG_BASE_COLUMNS } from './tag.ts';
export { createFeatureTables, FEATURE_COLUMNS, type FeatureTablesReport } from './features/index.ts';
