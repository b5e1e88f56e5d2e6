import type { Principal } from '../access/index.ts';
import { systemClock, type Clock } from '../../platform/clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { openMemoryWarehouse, type Warehouse } from '../../platform/warehouse/index.ts';
import {
  BUILT_IN_CATALOGUE_DIR,
  readCatalogueFiles,
  syncBuiltInTags,
  type CatalogueSyncReport,
} from './tag-catalogue.ts';
import {
  compileTag,
  featureColumnNames,
  featureSchemaDdl,
  TagDefinitionError,
  validateTag,
} from './tag-compiler.ts';
import { assertCanEditTags } from './tag.policy.ts';
import type { RunProgress, StoredTag, TagRepository } from './tag.repository.ts';
import { loadListMembers, runTags, type FeatureBuilder, type RunTagsResult } from './tag-runner.ts';
import { computeTagStats } from './tag-stats.ts';
import { authoredPart, quoteIdent, quoteLiteral } from './tag.ts';
import type { TagWarehouseAccess } from './tag-warehouse.ts';
import type {
  TagDefinition,
  TagInput,
  TagPreview,
  TagRunStatus,
  TagSummary,
  TagTheme,
  TagVersion,
  Coverage,
  DistributionEntry,
} from './tag.schema.ts';

/** A documented column of customer_features. */
export interface FeatureColumnDoc {
  name: string;
  type: string;
  zh: string;
  en: string;
}

/** Runs after a successful tag run with the same warehouse session (the audience snapshot rebuild). */
export type AfterTagRun = (
  warehouse: Warehouse,
  tags: TagDefinition[],
  result: RunTagsResult,
) => Promise<void>;

/** What the catalogue service is built from. */
export interface TagCatalogueServiceDeps {
  repository: TagRepository;
  warehouse: TagWarehouseAccess;
  /** FEATURE_COLUMNS of the features module: validation without data, the editor's column list. */
  featureColumns: readonly FeatureColumnDoc[];
  afterRun?: AfterTagRun;
  catalogueDir?: string;
  clock?: Clock;
  buildFeatures?: FeatureBuilder;
  /** Show progress of in-process runs on the terminal (default false: the API reports it). */
  runProgress?: boolean;
}

/** Filters of the catalogue list. */
export interface TagListFilter {
  theme?: TagTheme;
  q?: string;
  status?: 'active' | 'retired' | 'all';
  kind?: TagDefinition['kind'];
}

/** A tag with its latest statistics. */
export interface TagDetail {
  tag: TagSummary;
  coverage: Coverage | null;
  distribution: DistributionEntry[];
  versions: TagVersion[];
}

const DEFAULT_PREVIEW_SAMPLE = 20_000;

interface ActiveRun {
  id: string;
  startedAt: Date;
  progress: RunProgress;
  done: Promise<void>;
}

/**
 * The tag catalogue: built-ins loaded from files at start, user tags created and edited (each edit
 * a new version with history), retired, previewed on a sample before saving, and runs started.
 */
export class TagCatalogueService {
  private readonly clock: Clock;
  private loaded: Promise<CatalogueSyncReport> | null = null;
  private schemaWarehouse: Promise<Warehouse> | null = null;
  private active: ActiveRun | null = null;

  constructor(private readonly deps: TagCatalogueServiceDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  /** Loads the built-in catalogue files once per process (insert new, upgrade unedited built-ins). */
  loadBuiltIns(): Promise<CatalogueSyncReport> {
    if (!this.loaded) {
      this.loaded = (async () =>
        syncBuiltInTags(
          this.deps.repository,
          readCatalogueFiles(this.deps.catalogueDir ?? BUILT_IN_CATALOGUE_DIR),
        ))();
      this.loaded.catch(() => (this.loaded = null));
    }
    return this.loaded;
  }

  /** Every tag definition (active and retired), built-ins loaded first. */
  async definitions(): Promise<TagDefinition[]> {
    await this.loadBuiltIns();
    return (await this.deps.repository.list()).map((s) => s.definition);
  }

  /** The catalogue with coverage and last run time, filtered. */
  async list(filter: TagListFilter = {}): Promise<{ items: TagSummary[] }> {
    await this.loadBuiltIns();
    const [stored, stats] = await Promise.all([this.deps.repository.list(), this.deps.repository.stats()]);
    const q = filter.q?.toLowerCase();
    const status = filter.status ?? 'active';
    const items = stored
      .filter((s) => status === 'all' || s.definition.status === status)
      .filter((s) => !filter.theme || s.definition.theme === filter.theme)
      .filter((s) => !filter.kind || s.definition.kind === filter.kind)
      .filter(
        (s) =>
          !q ||
          s.definition.id.includes(q) ||
          s.definition.name.zh.toLowerCase().includes(q) ||
          s.definition.name.en.toLowerCase().includes(q),
      )
      .map((s) => summaryOf(s, stats.get(s.definition.id)));
    return { items };
  }

  /** One tag with its distribution and version history. */
  async get(id: string): Promise<TagDetail> {
    await this.loadBuiltIns();
    const stored = await this.deps.repository.get(id);
    if (!stored) throw new NotFoundError(`tag '${id}'`);
    const [stats, versions] = await Promise.all([
      this.deps.repository.stats(),
      this.deps.repository.versions(id),
    ]);
    const stat = stats.get(id);
    return {
      tag: summaryOf(stored, stat),
      coverage: stat?.stat.coverage ?? null,
      distribution: stat?.stat.distribution ?? [],
      versions,
    };
  }

  /** Creates a user tag (version 1) after validating its definition. */
  async create(principal: Principal, input: TagInput): Promise<TagDetail> {
    assertCanEditTags(principal, 'create tags');
    await this.loadBuiltIns();
    if (await this.deps.repository.get(input.id))
      throw new ConflictError(
        `a tag with id '${input.id}' already exists: choose another id or edit that tag`,
      );
    await this.validate(input);
    const tag: TagDefinition = {
      ...input,
      owner: principal.username,
      version: 1,
      status: 'active',
      builtIn: false,
    };
    await this.deps.repository.insert(tag, {
      by: principal.username,
      note: 'created',
      userEdited: true,
      catalogueHash: null,
    });
    return this.get(tag.id);
  }

  /** Edits a tag: a new version with history; an edited built-in is no longer upgraded by the catalogue. */
  async update(
    principal: Principal,
    id: string,
    input: Omit<TagInput, 'id'> & { id?: string },
  ): Promise<TagDetail> {
    assertCanEditTags(principal, 'edit tags');
    await this.loadBuiltIns();
    const current = await this.deps.repository.get(id);
    if (!current) throw new NotFoundError(`tag '${id}'`);
    if (input.id && input.id !== id)
      throw new ValidationError(
        `the id of a tag cannot change ('${id}' → '${input.id}'): create a new tag instead`,
        {
          field: 'id',
        },
      );
    if (input.kind !== current.definition.kind)
      throw new ValidationError(
        `the kind of tag '${id}' cannot change (${current.definition.kind} → ${input.kind}): audiences and segments rely on it; create a new tag instead`,
        { field: 'kind' },
      );
    const authored: TagInput = { ...input, id };
    await this.validate(authored);
    const next: TagDefinition = {
      ...authoredPart(authored),
      owner: current.definition.owner,
      version: current.definition.version + 1,
      status: current.definition.status,
      builtIn: current.definition.builtIn,
    };
    await this.deps.repository.update(next, {
      by: principal.username,
      note: 'edited',
      userEdited: true,
      catalogueHash: current.catalogueHash,
    });
    return this.get(id);
  }

  /** Retires a tag: it is no longer computed nor offered to audiences; its history stays. */
  async retire(principal: Principal, id: string): Promise<TagDetail> {
    assertCanEditTags(principal, 'retire tags');
    await this.loadBuiltIns();
    const current = await this.deps.repository.get(id);
    if (!current) throw new NotFoundError(`tag '${id}'`);
    if (current.definition.status === 'retired') throw new ConflictError(`tag '${id}' is already retired`);
    await this.deps.repository.update(
      { ...current.definition, status: 'retired', version: current.definition.version + 1 },
      {
        by: principal.username,
        note: 'retired',
        userEdited: current.userEdited,
        catalogueHash: current.catalogueHash,
      },
    );
    return this.get(id);
  }

  /** Replaces the members of an uploaded-list tag; ids that are not customers are reported, not stored. */
  async replaceListMembers(
    principal: Principal,
    id: string,
    customerIds: readonly string[],
  ): Promise<{ tag: TagSummary; accepted: number; unknownIds: string[] }> {
    assertCanEditTags(principal, 'edit tags');
    const current = await this.deps.repository.get(id);
    if (!current) throw new NotFoundError(`tag '${id}'`);
    if (current.definition.source.type !== 'list')
      throw new ValidationError(
        `tag '${id}' is computed from ${current.definition.source.type}, not from an uploaded list`,
      );
    const unique = [...new Set(customerIds.map((c) => c.trim()).filter(Boolean))];
    const unknown = new Set(await this.deps.repository.unknownCustomerIds(unique));
    const known = unique.filter((c) => !unknown.has(c));
    await this.deps.repository.update(
      {
        ...current.definition,
        source: { type: 'list', customerIds: known },
        version: current.definition.version + 1,
      },
      {
        by: principal.username,
        note: `list uploaded: ${known.length} customers`,
        userEdited: true,
        catalogueHash: current.catalogueHash,
      },
    );
    const detail = await this.get(id);
    return { tag: detail.tag, accepted: known.length, unknownIds: [...unknown].slice(0, 1000) };
  }

  /** The documented feature columns tag expressions may use. */
  featureColumns(): readonly FeatureColumnDoc[] {
    return this.deps.featureColumns;
  }

  /**
   * Evaluates a definition on a deterministic sample of customers (every k-th customer number) of
   * the current customer_features, without saving it: coverage, distribution and examples.
   */
  async preview(input: TagInput, sample = DEFAULT_PREVIEW_SAMPLE): Promise<TagPreview> {
    if (this.active)
      throw new ConflictError(
        'a tag run is in progress and holds the warehouse: preview again when it has finished',
      );
    return this.deps.warehouse.read(async (warehouse) => {
      if (!(await this.hasFeatures(warehouse)))
        throw new ConflictError(
          "customer features are not computed yet: run the tags first ('panorama tags run')",
        );
      const featureNames = await featureColumnNames(warehouse);
      await validateTag(warehouse, input, featureNames);
      const [{ n }] = await warehouse.all<{ n: bigint }>('SELECT count(*) AS n FROM customer_features');
      const step = Math.max(1, Math.ceil(Number(n) / sample));
      let unknownIds: string[] | undefined;
      if (input.source.type === 'list') {
        await warehouse.run(
          'CREATE OR REPLACE TEMP TABLE tag_list_member (tag_id VARCHAR, customer_id VARCHAR)',
        );
        await loadListMembers(warehouse, [input]);
        const rows = await warehouse.all<{ customer_id: string }>(
          `SELECT customer_id FROM tag_list_member l WHERE NOT EXISTS (SELECT 1 FROM customer_features f WHERE f.customer_id = l.customer_id) LIMIT 1000`,
        );
        unknownIds = rows.map((r) => r.customer_id);
      }
      const column = quoteIdent(input.id);
      const sql = compileTag(input);
      try {
        await warehouse.run(
          `CREATE OR REPLACE TEMP TABLE tag_preview AS SELECT customer_id, cno, ${sql} AS ${column} FROM customer_features WHERE cno % ${step} = 0`,
        );
      } catch (error) {
        throw new TagDefinitionError(
          input.id,
          'bind',
          (error instanceof Error ? error.message : String(error)).split('\n')[0],
        );
      }
      try {
        const { customers, perTag } = await computeTagStats(warehouse, 'tag_preview', [input]);
        const stat = perTag[input.id];
        if (stat.invalid && input.kind === 'enum')
          throw new TagDefinitionError(
            input.id,
            'value',
            `the expression gives ${stat.invalid.values.map((v) => quoteLiteral(v)).join(', ')} for ${stat.invalid.count} customers of the sample, which is not among its values (${(input.values ?? []).map((v) => quoteLiteral(v.value)).join(', ')})`,
            { values: stat.invalid.values },
          );
        const examples = await warehouse.all<{ customer_id: string; v: string | number | boolean }>(
          `SELECT customer_id, ${column} AS v FROM tag_preview WHERE ${column} IS NOT NULL ORDER BY cno LIMIT 10`,
        );
        return {
          sample: customers,
          coverage: stat.coverage,
          distribution: stat.distribution,
          examples: examples.map((e) => ({ customerId: e.customer_id, value: e.v })),
          sql,
          ...(unknownIds ? { unknownIds } : {}),
        };
      } finally {
        await warehouse.run('DROP TABLE IF EXISTS temp.tag_preview');
      }
    });
  }

  /**
   * Starts a run in this process and returns once it holds the warehouse; 409 when a run is going
   * on here or another process holds the warehouse.
   */
  async startRun(principal: Principal, only?: readonly string[]): Promise<TagRunStatus> {
    assertCanEditTags(principal, 'run tags');
    if (this.active)
      throw new ConflictError(
        `a tag run is already in progress (started ${this.active.startedAt.toISOString()})`,
      );
    const tags = await this.definitions();
    const id = newId();
    const startedAt = this.clock.now();
    let opened!: () => void;
    const holding = new Promise<void>((resolve) => (opened = resolve));
    const active: ActiveRun = {
      id,
      startedAt,
      progress: { step: 'waiting', done: 0, total: 1 },
      done: Promise.resolve(),
    };
    this.active = active;
    const work = this.deps.warehouse.write(async (warehouse) => {
      opened();
      const result = await runTags({
        warehouse,
        tags,
        only: only ?? null,
        repository: this.deps.repository,
        runId: id,
        startedBy: principal.username,
        buildFeatures: this.deps.buildFeatures,
        progress: this.deps.runProgress ?? false,
        onProgress: (p) => (active.progress = p),
      });
      if (this.deps.afterRun) {
        active.progress = {
          step: 'audience index',
          done: active.progress.total,
          total: active.progress.total,
        };
        try {
          await this.deps.afterRun(warehouse, tags, result);
        } catch (error) {
          await this.deps.repository.finishRun(id, this.clock.now(), {
            error: `tags computed, but rebuilding the audience index failed: ${error instanceof Error ? error.message : error}`,
          });
          throw error;
        }
      }
    });
    active.done = work.then(
      () => undefined,
      () => undefined,
    );
    void active.done.finally(() => {
      if (this.active === active) this.active = null;
    });
    try {
      await Promise.race([holding, work]);
    } catch (error) {
      if (this.active === active) this.active = null;
      throw error;
    }
    return this.latestRun();
  }

  /** Waits for the in-process run, if any (tests, shutdown). */
  async waitForRun(): Promise<void> {
    await this.active?.done;
  }

  /** The latest run: the in-process one with live progress, else the last recorded. */
  async latestRun(): Promise<TagRunStatus> {
    const active = this.active;
    // The stored row says 'succeeded' before the audience index is rebuilt: the run is over only then.
    if (active) {
      return {
        id: active.id,
        status: 'running',
        startedAt: active.startedAt.toISOString(),
        finishedAt: null,
        progress: active.progress,
        report: null,
        error: null,
      };
    }
    const stored = await this.deps.repository.latestRun();
    if (!stored) throw new NotFoundError('tag run');
    return {
      id: stored.id,
      status: stored.status,
      startedAt: stored.startedAt.toISOString(),
      finishedAt: stored.finishedAt?.toISOString() ?? null,
      progress: stored.progress,
      report: stored.report,
      error: stored.error,
    };
  }

  /** Validates a definition against the real customer_features when reachable, else the documented schema. */
  private async validate(tag: TagInput): Promise<void> {
    if (tag.source.type !== 'sql') {
      await validateTag(await this.schemaOnly(), tag, []);
      return;
    }
    if (!this.active) {
      try {
        const done = await this.deps.warehouse.read(async (warehouse) => {
          if (!(await this.hasFeatures(warehouse))) return false;
          await validateTag(warehouse, tag, await featureColumnNames(warehouse));
          return true;
        });
        if (done) return;
      } catch (error) {
        if (error instanceof TagDefinitionError) throw error;
        // Warehouse busy or absent: the documented schema still catches unknown columns and types.
      }
    }
    await validateTag(
      await this.schemaOnly(),
      tag,
      this.deps.featureColumns.map((c) => c.name),
    );
  }

  private schemaOnly(): Promise<Warehouse> {
    if (!this.schemaWarehouse) {
      this.schemaWarehouse = (async () => {
        const warehouse = await openMemoryWarehouse();
        await warehouse.run(featureSchemaDdl(this.deps.featureColumns));
        return warehouse;
      })();
    }
    return this.schemaWarehouse;
  }

  private async hasFeatures(warehouse: Warehouse): Promise<boolean> {
    return (await featureColumnNames(warehouse)).length > 0;
  }

  /** Releases the in-memory validation warehouse. */
  async close(): Promise<void> {
    await this.waitForRun();
    if (this.schemaWarehouse) (await this.schemaWarehouse).close();
    this.schemaWarehouse = null;
  }
}

function summaryOf(
  stored: StoredTag,
  stat: { computedAt: Date; stat: { coverage: Coverage } } | undefined,
): TagSummary {
  return {
    ...stored.definition,
    coverage: stat?.stat.coverage ?? null,
    lastRunAt: stat?.computedAt.toISOString() ?? null,
    updatedAt: stored.updatedAt.toISOString(),
  };
}
