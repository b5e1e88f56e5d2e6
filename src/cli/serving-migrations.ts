import { accessMigrations } from '../modules/access/index.ts';
import { customerMigrations } from '../modules/customers/index.ts';
import { audienceMigrations } from '../modules/audiences/index.ts';
import { tagMigrations } from '../modules/tags/index.ts';
import type { Migration } from '../platform/db/index.ts';

/** Every serving-database migration of the modules in this build; extend as modules add tables. */
export const servingMigrations: Migration[] = [
  ...accessMigrations,
  ...customerMigrations,
  ...audienceMigrations,
  ...tagMigrations,
];
