import type { TagDefinition, TagRunReport, TagRunStat, TagVersion } from './tag.schema.ts';

/** A catalogue row with its bookkeeping. */
export interface StoredTag {
  definition: TagDefinition;
  /** A user changed this built-in: catalogue upgrades leave it alone. */
  userEdited: boolean;
  /** Hash of the catalogue-file version last applied (built-ins). */
  catalogueHash: string | null;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

/** Who changed a definition and why (recorded in its history). */
export interface ChangeMeta {
  by: string;
  note: string | null;
  userEdited: boolean;
  catalogueHash: string | null;
}

/** Progress of a running tag run. */
export interface RunProgress {
  step: string;
  done: number;
  total: number;
}

/** A tag run as stored. */
export interface TagRunRecord {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: Date;
  finishedAt: Date | null;
  startedBy: string;
  progress: RunProgress | null;
  report: TagRunReport | null;
  error: string | null;
}

/** Latest statistics of a tag. */
export interface StoredStat {
  runId: string;
  computedAt: Date;
  stat: TagRunStat;
}

/**
 * Persistence of the tag catalogue, runs and per-tag statistics, plus the bulk write of tag values
 * into customer_profile.tags.
 */
export interface TagRepository {
  /** Every tag, ordered by theme then id. */
  list(): Promise<StoredTag[]>;
  get(id: string): Promise<StoredTag | undefined>;
  /** Inserts a new tag and its version 1 history row. */
  insert(tag: TagDefinition, meta: ChangeMeta): Promise<void>;
  /** Replaces a tag (its version already raised) and appends the history row, atomically. */
  update(tag: TagDefinition, meta: ChangeMeta): Promise<void>;
  /** The tag's versions, newest first. */
  versions(id: string): Promise<TagVersion[]>;
  /** Latest statistics per tag id. */
  stats(): Promise<Map<string, StoredStat>>;
  saveStats(runId: string, computedAt: Date, perTag: Record<string, TagRunStat>): Promise<void>;
  startRun(run: { id: string; startedAt: Date; startedBy: string }): Promise<void>;
  setRunProgress(id: string, progress: RunProgress): Promise<void>;
  finishRun(
    id: string,
    finishedAt: Date,
    outcome: { report: TagRunReport } | { error: string },
  ): Promise<void>;
  latestRun(): Promise<TagRunRecord | undefined>;
  /** Marks runs left 'running' by a process that died as failed. */
  failRunningRuns(error: string): Promise<number>;
  /**
   * Writes profile tags from a CSV (customer_id, tags JSON) through a staging table: a full run
   * replaces each customer's tags, `only` replaces just those keys; scores are never touched.
   */
  writeProfileTags(csvFile: string, only: readonly string[] | null): Promise<number>;
  /** The given ids that are not customers of the serving database. */
  unknownCustomerIds(ids: readonly string[]): Promise<string[]>;
}
