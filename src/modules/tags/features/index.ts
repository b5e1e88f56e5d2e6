// Public surface of the feature views: the customer_features build and its documented columns.
export {
  checkAsOf,
  createFeatureTables,
  defaultAsOf,
  describeFeatureColumns,
  FEATURE_STEPS,
  type FeatureProgress,
  type FeatureStep,
  type FeatureTablesOptions,
  type FeatureTablesReport,
} from './create-feature-tables.ts';
export {
  FEATURE_COLUMNS,
  FEATURE_GROUPS,
  type FeatureColumn,
  type FeatureGroup,
  type FeatureType,
} from './feature-columns.ts';
export { attributeColumnName, type AttributeColumn } from './feature-sql.ts';
export { CATEGORY_LABELS, CITY_TIERS, SIGNAL_LABELS } from './feature-vocabulary.ts';
