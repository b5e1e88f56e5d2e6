import roaring from 'roaring';
import type { Principal } from '../access/index.ts';
import { toCustomerListItem, type CustomerListItem } from '../customers/index.ts';
import {
  BitSlicedIndex,
  EnumColumn,
  createBitmap,
  type AudienceIndex,
  type Bitmap,
} from '../../engines/bitmap/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import {
  BOOLEAN_LABELS,
  UNKNOWN_LABEL,
  audienceFieldsOf,
  snapshotMeta,
  type AudienceSnapshotMeta,
  type AudienceTagInfo,
} from './audience.ts';
import { evaluateAudience } from './audience-evaluate.ts';
import {
  audienceToText,
  parseAudience,
  validateAudience,
  type AudienceField,
  type AudienceNode,
} from './audience-expression.ts';
import type { AudienceIndexStore } from './audience-index-store.ts';
import type { AudienceRepository, BranchNode } from './audience.repository.ts';
import type {
  AudienceBreakdown,
  AudienceBucket,
  AudienceCount,
  AudienceExpressionInput,
  AudienceFieldInfo,
  AudienceIndexReport,
  Segment,
  SegmentCreateRequest,
  SegmentSplitRequest,
  SegmentSplitResponse,
  SegmentUpdateRequest,
} from './audience.schema.ts';
import { branchGroups, scopeBitmap } from './audience-scope.ts';
import { segmentRefs, type SegmentMembers, type SegmentRecord } from './segment.ts';
import { exportStream, type ExportFormat } from './segment-export.ts';
import { SplitCounter } from './segment-split.ts';

/** Customer numbers resolved to rows per batch when splitting or exporting. */
const MEMBER_BATCH = 5_000;
/** How long the branch tree is cached (it changes only on publish). */
const BRANCH_CACHE_MS = 30_000;

/** Receives the export log line (a pino logger fits). */
export interface AudienceLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** An evaluated expression: the node, its canonical text and the scoped result. */
interface Evaluated {
  index: AudienceIndex;
  node: AudienceNode;
  text: string;
  scope: Bitmap;
  result: Bitmap;
  ms: number;
}

/** A member export ready to stream. */
export interface SegmentExport {
  filename: string;
  format: ExportFormat;
  stream: NodeJS.ReadableStream;
}

const UNIT_LABELS: Record<string, { zh: string; en: string }> = {
  yuan: { zh: '元', en: ' yuan' },
  count: { zh: '', en: '' },
  days: { zh: '天', en: ' days' },
  months: { zh: '个月', en: ' months' },
  years: { zh: '年', en: ' years' },
  pct: { zh: '%', en: '%' },
  score: { zh: '分', en: '' },
  ratio: { zh: '', en: '' },
};

const formatNumber = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 4 });

function isHqRole(principal: Principal): boolean {
  return principal.role === 'admin' || principal.role === 'hq_analyst' || principal.role === 'auditor';
}

/**
 * Audience selection and segments over the bitmap index: fields, parse, count, breakdowns,
 * samples, the index report, saved segments, overlaps, splits and exports. Every result is
 * intersected with the caller's data-scope bitmap.
 */
export class AudienceService {
  private branchCache: { at: number; branches: BranchNode[] } | null = null;

  constructor(
    private readonly store: AudienceIndexStore,
    private readonly repository: AudienceRepository,
    private readonly clock: Clock,
    private readonly logger?: AudienceLogger,
    /** The live tag catalogue, to show current labels; the snapshot's own copy otherwise. */
    private readonly tagSource?: () => Promise<readonly AudienceTagInfo[]>,
  ) {}

  // ── expressions ──────────────────────────────────────────────────────────────────────────────

  /** The builder's fields: every indexed tag with labels, values (counted in scope) and ranges. */
  async fields(principal: Principal): Promise<{ fields: AudienceFieldInfo[]; builtAt: string }> {
    const index = this.store.require();
    const meta = snapshotMeta(index.meta);
    const scope = await this.scopeOf(principal, index);
    const tags = await this.currentTags(meta);
    const fields: AudienceFieldInfo[] = [];
    for (const tag of tags) {
      const column = index.column(tag.id);
      if (!column) continue;
      const field: AudienceFieldInfo = {
        id: tag.id,
        name: tag.name,
        theme: tag.theme,
        kind: tag.kind,
        appliesTo: tag.appliesTo,
      };
      if (tag.unit) field.unit = tag.unit;
      if (column instanceof EnumColumn) {
        const labelled = tag.kind === 'boolean' ? booleanValues() : (tag.values ?? []);
        const known = new Set(labelled.map((v) => v.value));
        const extra = column
          .values()
          .filter((v) => !known.has(v))
          .sort();
        field.values = [...labelled, ...extra.map((v) => ({ value: v, zh: v, en: v }))].map((v) => ({
          ...v,
          count: column.bitmapOf(v.value).andCardinality(scope),
        }));
      } else if (column instanceof BitSlicedIndex) {
        field.min = column.min();
        field.max = column.max();
        if (tag.buckets) field.buckets = tag.buckets;
        field.scale = tag.scale ?? 0;
      }
      fields.push(field);
    }
    return { fields, builtAt: meta.builtAt };
  }

  /** Parses the text form into the JSON form and the canonical text. */
  parse(text: string): { json: AudienceNode; text: string } {
    const index = this.store.require();
    const node = this.toNode(text, this.fieldMap(index));
    return { json: node, text: audienceToText(node) };
  }

  /** Customers matching the expression within the caller's scope. */
  async count(principal: Principal, expression: AudienceExpressionInput): Promise<AudienceCount> {
    const e = await this.evaluate(principal, expression);
    return { count: e.result.size, scopeTotal: e.scope.size, ms: e.ms, text: e.text, json: e.node };
  }

  /** The result split by a field's values, by numeric buckets, or by branch one level below the caller's. */
  async breakdown(
    principal: Principal,
    expression: AudienceExpressionInput,
    by: string,
  ): Promise<AudienceBreakdown> {
    const e = await this.evaluate(principal, expression);
    let buckets: AudienceBucket[];
    if (by === '_branch') {
      buckets = await this.branchBuckets(principal, e.index, e.result);
    } else {
      const meta = snapshotMeta(e.index.meta);
      const tag = (await this.currentTags(meta)).find((t) => t.id === by);
      const column = e.index.column(by);
      if (!tag || !column) {
        throw new ValidationError(
          `by: unknown field '${by}' (use a tag id of GET /api/audiences/fields or '_branch')`,
        );
      }
      buckets =
        column instanceof BitSlicedIndex
          ? numericBuckets(tag, column, e.result)
          : enumBuckets(tag, column, e.result);
    }
    return { by, total: e.result.size, buckets };
  }

  /** Up to `limit` customers of the result (lowest customer numbers first), as the customer list shows them. */
  async sample(
    principal: Principal,
    expression: AudienceExpressionInput,
    limit: number,
  ): Promise<{ items: CustomerListItem[]; count: number }> {
    const e = await this.evaluate(principal, expression);
    const cnos = Array.from(e.result.toUint32Array(Math.min(limit, 100)));
    const rows = await this.repository.customersByCno(principal, cnos);
    const today = this.today();
    return { items: rows.map((r) => toCustomerListItem(r, today)), count: e.result.size };
  }

  /** Size and memory of the loaded index. */
  indexReport(): AudienceIndexReport {
    const index = this.store.require();
    const meta = snapshotMeta(index.meta);
    const memory = index.memoryReport();
    const bytes = memory.reduce((sum, m) => sum + m.bytes, 0);
    const customers = index.universe.size;
    return {
      customers,
      builtAt: meta.builtAt,
      columns: memory.length,
      bytes,
      bytesPerMillion: customers ? Math.round((bytes / customers) * 1_000_000) : 0,
      memory,
    };
  }

  // ── segments ─────────────────────────────────────────────────────────────────────────────────

  /** Every saved segment, with its count in the caller's scope. */
  async listSegments(principal: Principal): Promise<{ items: Segment[] }> {
    const records = await this.repository.listSegments();
    const index = this.store.current();
    const scope = index ? await this.scopeOf(principal, index) : null;
    const items: Segment[] = [];
    for (const record of records) items.push(await this.present(record, index, scope));
    return { items };
  }

  /** One segment; NotFoundError when absent. */
  async getSegment(principal: Principal, id: string): Promise<Segment> {
    const record = await this.findSegment(id);
    const index = this.store.current();
    return this.present(record, index, index ? await this.scopeOf(principal, index) : null);
  }

  /** Saves a segment; a static one freezes the members the creator sees now. */
  async createSegment(principal: Principal, input: SegmentCreateRequest): Promise<Segment> {
    const index = this.store.require();
    const name = input.name.trim();
    if (await this.repository.findSegmentByName(name)) {
      throw new ValidationError(`name: a segment named '${name}' already exists`);
    }
    const fields = this.fieldMap(index);
    const node = this.toNode(input.expression, fields);
    const resolve = await this.segmentResolver(node, index, fields, name);
    const all = evaluateAudience(node, index, resolve);
    const scope = await this.scopeOf(principal, index);
    const meta = snapshotMeta(index.meta);
    const now = this.clock.now();
    const members = input.kind === 'static' ? freeze(all.intersection(scope), meta) : null;
    const record: SegmentRecord = {
      id: newId(),
      name,
      description: input.description,
      kind: input.kind,
      expression: node,
      text: audienceToText(node),
      lastCount: members ? members.memberCount : all.size,
      countedAt: now,
      indexBuiltAt: meta.builtAt,
      createdBy: principal.username,
      createdAt: now,
      updatedAt: now,
    };
    await this.repository.insertSegment(record, members);
    return this.present(record, index, scope);
  }

  /** Changes a segment (its creator or an admin); a static one is frozen again when its expression or kind changes. */
  async updateSegment(principal: Principal, id: string, input: SegmentUpdateRequest): Promise<Segment> {
    const record = await this.findSegment(id);
    this.mayChange(principal, record);
    const name = input.name?.trim() ?? record.name;
    if (name !== record.name && (await this.repository.findSegmentByName(name))) {
      throw new ValidationError(`name: a segment named '${name}' already exists`);
    }
    const kind = input.kind ?? record.kind;
    const now = this.clock.now();
    let updated: SegmentRecord = {
      ...record,
      name,
      kind,
      description: input.description ?? record.description,
      updatedAt: now,
    };
    let members: SegmentMembers | null | undefined;
    const index = this.store.current();
    if (input.expression !== undefined || kind !== record.kind || name !== record.name) {
      const ready = this.store.require();
      const fields = this.fieldMap(ready);
      const node = input.expression !== undefined ? this.toNode(input.expression, fields) : record.expression;
      // A renamed segment may now be referred to by its own expression's segments: check cycles again.
      const resolve = await this.segmentResolver(node, ready, fields, name);
      const all = evaluateAudience(node, ready, resolve);
      const meta = snapshotMeta(ready.meta);
      if (kind === 'static' && (input.expression !== undefined || record.kind !== 'static')) {
        members = freeze(all.intersection(await this.scopeOf(principal, ready)), meta);
      } else if (kind === 'dynamic' && record.kind === 'static') {
        members = null;
      }
      updated = {
        ...updated,
        expression: node,
        text: audienceToText(node),
        lastCount: members ? members.memberCount : kind === 'dynamic' ? all.size : record.lastCount,
        countedAt: now,
        indexBuiltAt: meta.builtAt,
      };
    }
    await this.repository.updateSegment(
      id,
      {
        name: updated.name,
        description: updated.description,
        kind: updated.kind,
        expression: updated.expression,
        text: updated.text,
        lastCount: updated.lastCount,
        countedAt: updated.countedAt,
        indexBuiltAt: updated.indexBuiltAt,
        updatedAt: now,
      },
      members,
    );
    return this.present(updated, index, index ? await this.scopeOf(principal, index) : null);
  }

  /** Deletes a segment (its creator or an admin). */
  async deleteSegment(principal: Principal, id: string): Promise<void> {
    const record = await this.findSegment(id);
    this.mayChange(principal, record);
    await this.repository.deleteSegment(id);
  }

  /** Counts of every intersection of 2–3 segments in the caller's scope (Venn-ready). */
  async overlap(principal: Principal, ids: string[]): Promise<{ sets: { ids: string[]; count: number }[] }> {
    if (new Set(ids).size !== ids.length) throw new ValidationError('ids: the same segment is listed twice');
    const index = this.store.require();
    const scope = await this.scopeOf(principal, index);
    const bitmaps: Bitmap[] = [];
    for (const id of ids)
      bitmaps.push((await this.segmentBitmap(await this.findSegment(id), index)).intersection(scope));
    const sets: { ids: string[]; count: number }[] = [];
    // Subsets in size order: singles, pairs, then the triple.
    const masks = Array.from({ length: (1 << ids.length) - 1 }, (_, i) => i + 1).sort(
      (a, b) => popcount(a) - popcount(b) || a - b,
    );
    for (const mask of masks) {
      const members = ids.map((_, i) => i).filter((i) => mask & (1 << i));
      let acc = bitmaps[members[0]];
      for (const i of members.slice(1)) acc = acc.intersection(bitmaps[i]);
      sets.push({ ids: members.map((i) => ids[i]), count: acc.size });
    }
    return { sets };
  }

  /** Splits the segment's members in the caller's scope into arms, control and holdout by a hash of (customer id, key). */
  async split(principal: Principal, id: string, request: SegmentSplitRequest): Promise<SegmentSplitResponse> {
    const counter = new SplitCounter(request);
    const index = this.store.require();
    const members = (await this.segmentBitmap(await this.findSegment(id), index)).intersection(
      await this.scopeOf(principal, index),
    );
    const cnos = members.toUint32Array();
    for (let i = 0; i < cnos.length; i += MEMBER_BATCH) {
      counter.add(await this.repository.customerIdsByCno(Array.from(cnos.subarray(i, i + MEMBER_BATCH))));
    }
    const result = counter.result();
    return {
      ...result,
      total: result.arms.reduce((s, a) => s + a.count, 0) + result.control + result.holdout,
    };
  }

  /** The segment's members in the caller's scope as a CSV or xlsx stream, with masked identifiers; logged. */
  async exportSegment(principal: Principal, id: string, format: ExportFormat): Promise<SegmentExport> {
    const record = await this.findSegment(id);
    const index = this.store.require();
    const members = (await this.segmentBitmap(record, index)).intersection(
      await this.scopeOf(principal, index),
    );
    const cnos = members.toUint32Array();
    const today = this.today();
    const repository = this.repository;
    async function* batches(): AsyncGenerator<CustomerListItem[]> {
      for (let i = 0; i < cnos.length; i += MEMBER_BATCH) {
        const rows = await repository.customersByCno(
          principal,
          Array.from(cnos.subarray(i, i + MEMBER_BATCH)),
        );
        yield rows.map((r) => toCustomerListItem(r, today));
      }
    }
    const started = this.clock.now();
    const stream = exportStream(format, batches(), {
      sheetName: record.name,
      onDone: (rows) =>
        this.logger?.info(
          {
            event: 'segment_export',
            user: principal.username,
            role: principal.role,
            segment: record.id,
            segmentName: record.name,
            format,
            rows,
            ms: this.clock.now().getTime() - started.getTime(),
          },
          'segment exported',
        ),
      onError: (error) =>
        this.logger?.error(
          { event: 'segment_export', user: principal.username, segment: record.id, format, err: error },
          'segment export failed',
        ),
    });
    const stamp = this.today().replace(/-/g, '');
    const safeName = record.name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 60);
    return { filename: `${safeName}-${stamp}.${format}`, format, stream };
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────────

  private async evaluate(principal: Principal, expression: AudienceExpressionInput): Promise<Evaluated> {
    const index = this.store.require();
    const fields = this.fieldMap(index);
    const node = this.toNode(expression, fields);
    const resolve = await this.segmentResolver(node, index, fields);
    const scope = await this.scopeOf(principal, index);
    const started = performance.now();
    const result = evaluateAudience(node, index, resolve).intersection(scope);
    const ms = Math.round((performance.now() - started) * 1000) / 1000;
    return { index, node, text: audienceToText(node), scope, result, ms };
  }

  private toNode(
    expression: AudienceExpressionInput,
    fields: ReadonlyMap<string, AudienceField>,
  ): AudienceNode {
    if (typeof expression === 'string') {
      return expression.trim() === '' ? { op: 'all' } : parseAudience(expression, fields);
    }
    return validateAudience(expression, fields);
  }

  private fieldMap(index: AudienceIndex): Map<string, AudienceField> {
    const meta = snapshotMeta(index.meta);
    return audienceFieldsOf(meta.tags.filter((t) => index.column(t.id)));
  }

  /** The tags of the snapshot, with current labels from the catalogue when one is wired (retired ones dropped). */
  private async currentTags(meta: AudienceSnapshotMeta): Promise<AudienceTagInfo[]> {
    if (!this.tagSource) return meta.tags;
    const live = new Map((await this.tagSource()).map((t) => [t.id, t]));
    return meta.tags.flatMap((t) => {
      const current = live.get(t.id);
      if (!current) return [t];
      if (current.status === 'retired') return [];
      // The kind and scale must stay those the index was built with; labels may be newer.
      return [
        {
          ...t,
          name: current.name,
          values: current.values ?? t.values,
          buckets: current.buckets ?? t.buckets,
          unit: current.unit ?? t.unit,
        },
      ];
    });
  }

  /**
   * Loads every segment the expression refers to (recursively) and returns the synchronous resolver
   * evaluateAudience calls. A chain that comes back to a segment already on it is a cycle: an error
   * naming the chain. `selfName` is the segment being saved (it may not refer to itself).
   */
  private async segmentResolver(
    node: AudienceNode,
    index: AudienceIndex,
    fields: ReadonlyMap<string, AudienceField>,
    selfName?: string,
  ): Promise<(name: string) => Bitmap> {
    const resolved = new Map<string, Bitmap>();
    const visit = async (name: string, chain: string[]): Promise<void> => {
      if (chain.includes(name)) {
        throw new ValidationError(
          `in_segment: segments refer to each other in a cycle: ${[...chain, name].join(' → ')}`,
        );
      }
      if (resolved.has(name)) return;
      const segment = await this.repository.findSegmentByName(name);
      if (!segment) {
        const names = (await this.repository.listSegments()).map((s) => s.name);
        const close = names.filter((n) => n.includes(name) || name.includes(n)).slice(0, 5);
        throw new ValidationError(
          `in_segment('${name}'): no segment of that name${close.length ? ` (did you mean ${close.map((n) => `'${n}'`).join(', ')}?)` : ''}`,
          { segment: name, suggestions: close },
        );
      }
      if (segment.kind === 'static') {
        resolved.set(name, await this.frozenMembers(segment, index));
        return;
      }
      let expression: AudienceNode;
      try {
        expression = validateAudience(segment.expression, fields);
      } catch (error) {
        throw new ValidationError(`segment '${name}' no longer fits the index: ${(error as Error).message}`);
      }
      for (const ref of segmentRefs(expression)) await visit(ref, [...chain, name]);
      resolved.set(
        name,
        evaluateAudience(expression, index, (n) => resolved.get(n) ?? createBitmap()),
      );
    };
    for (const ref of segmentRefs(node)) await visit(ref, selfName ? [selfName] : []);
    return (name) => {
      const bitmap = resolved.get(name);
      if (!bitmap) throw new ValidationError(`in_segment('${name}'): no segment of that name`);
      return bitmap;
    };
  }

  /** All members of a segment (unscoped): frozen ones for static, the evaluated expression for dynamic. */
  private async segmentBitmap(segment: SegmentRecord, index: AudienceIndex): Promise<Bitmap> {
    if (segment.kind === 'static') return this.frozenMembers(segment, index);
    const fields = this.fieldMap(index);
    let node: AudienceNode;
    try {
      node = validateAudience(segment.expression, fields);
    } catch (error) {
      throw new ValidationError(
        `segment '${segment.name}' no longer fits the index: ${(error as Error).message}`,
      );
    }
    const resolve = await this.segmentResolver(node, index, fields, segment.name);
    return evaluateAudience(node, index, resolve);
  }

  private async frozenMembers(segment: SegmentRecord, index: AudienceIndex): Promise<Bitmap> {
    const members = await this.repository.segmentMembers(segment.id);
    if (!members) return createBitmap();
    // Customers that left the bank since the freeze drop out; the rest stay as frozen.
    return roaring.RoaringBitmap32.deserialize(members.members, 'portable').intersection(index.universe);
  }

  /** The API shape of a segment; a dynamic segment counted on an older index is recounted and recorded. */
  private async present(
    record: SegmentRecord,
    index: AudienceIndex | null,
    scope: Bitmap | null,
  ): Promise<Segment> {
    let count: number | null = null;
    let { lastCount, countedAt } = record;
    if (index && scope) {
      try {
        const all = await this.segmentBitmap(record, index);
        count = all.andCardinality(scope);
        const builtAt = snapshotMeta(index.meta).builtAt;
        if (record.kind === 'dynamic' && record.indexBuiltAt !== builtAt) {
          lastCount = all.size;
          countedAt = this.clock.now();
          await this.repository.recordCount(record.id, lastCount, countedAt, builtAt);
        }
      } catch (error) {
        // A segment whose tags were retired still lists (without a count) so it can be fixed or deleted.
        if (!(error instanceof ValidationError)) throw error;
        this.logger?.info({ segment: record.id, problem: error.message }, 'segment cannot be counted');
      }
    }
    return {
      id: record.id,
      name: record.name,
      description: record.description,
      kind: record.kind,
      text: record.text,
      json: record.expression,
      count,
      lastCount,
      countedAt: countedAt ? countedAt.toISOString() : null,
      createdBy: record.createdBy,
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
    };
  }

  private async findSegment(id: string): Promise<SegmentRecord> {
    const record = await this.repository.findSegment(id);
    if (!record) throw new NotFoundError('segment');
    return record;
  }

  private mayChange(principal: Principal, record: SegmentRecord): void {
    if (record.createdBy !== principal.username && principal.role !== 'admin') {
      throw new ForbiddenError(
        `segment '${record.name}' belongs to ${record.createdBy}: only they or an admin may change it`,
      );
    }
  }

  private async scopeOf(principal: Principal, index: AudienceIndex): Promise<Bitmap> {
    // HQ roles see the universe: no branch tree needed.
    if (isHqRole(principal)) return index.universe;
    return scopeBitmap(principal, index, await this.branches());
  }

  private async branches(): Promise<BranchNode[]> {
    const now = Date.now();
    if (!this.branchCache || now - this.branchCache.at > BRANCH_CACHE_MS) {
      this.branchCache = { at: now, branches: await this.repository.branches() };
    }
    return this.branchCache.branches;
  }

  private async branchBuckets(
    principal: Principal,
    index: AudienceIndex,
    result: Bitmap,
  ): Promise<AudienceBucket[]> {
    const column = index.column('_branch');
    if (!(column instanceof EnumColumn)) throw new Error('audience index has no _branch column');
    const branches = await this.branches();
    const { groupOf } = branchGroups(principal, branches);
    const counts = new Map<string, { label: string; count: number }>();
    for (const branchId of column.values()) {
      const n = column.bitmapOf(branchId).andCardinality(result);
      if (n === 0) continue;
      const group = groupOf(branchId);
      const key = group?.id ?? branchId;
      const entry = counts.get(key) ?? { label: group?.name ?? branchId, count: 0 };
      entry.count += n;
      counts.set(key, entry);
    }
    return [...counts]
      .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
      .map(([value, { label, count }]) => ({ value, label: { zh: label, en: label }, count }));
  }

  private today(): string {
    const now = this.clock.now();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }
}

function booleanValues(): { value: string; zh: string; en: string }[] {
  return (['true', 'false'] as const).map((v) => ({ value: v, ...BOOLEAN_LABELS[v] }));
}

function popcount(n: number): number {
  let c = 0;
  for (let x = n; x; x &= x - 1) c += 1;
  return c;
}

function freeze(members: Bitmap, meta: AudienceSnapshotMeta): SegmentMembers {
  members.runOptimize();
  const bytes = members.serialize('portable');
  return {
    members: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    memberCount: members.size,
    indexBuiltAt: meta.builtAt,
  };
}

/** Bars of an enum or boolean field: the defined values in order (zeros kept), others found, then unknown. */
function enumBuckets(tag: AudienceTagInfo, column: EnumColumn, result: Bitmap): AudienceBucket[] {
  const labelled = tag.kind === 'boolean' ? booleanValues() : (tag.values ?? []);
  const known = new Set(labelled.map((v) => v.value));
  const buckets: AudienceBucket[] = labelled.map((v) => ({
    value: v.value,
    label: { zh: v.zh, en: v.en },
    count: column.bitmapOf(v.value).andCardinality(result),
  }));
  for (const value of column
    .values()
    .filter((v) => !known.has(v))
    .sort()) {
    const count = column.bitmapOf(value).andCardinality(result);
    if (count) buckets.push({ value, label: { zh: value, en: value }, count });
  }
  const unknown = result.size - column.notNull().andCardinality(result);
  if (unknown > 0) buckets.push({ value: null, label: { ...UNKNOWN_LABEL }, count: unknown });
  return buckets;
}

/** Display edges of a numeric field without buckets: about 8 round-numbered bins between min and max. */
export function autoEdges(min: number | null, max: number | null): number[] {
  if (min === null || max === null) return [];
  if (min === max) return [min];
  const raw = (max - min) / 8;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const edges: number[] = [];
  for (let e = Math.ceil(min / step) * step; e <= max; e += step) edges.push(Number(e.toPrecision(12)));
  return edges;
}

/** Bars of a numeric field over its display buckets [low, high) (exact, from the bit-sliced index), then unknown. */
function numericBuckets(tag: AudienceTagInfo, column: BitSlicedIndex, result: Bitmap): AudienceBucket[] {
  const edges = tag.buckets?.length ? tag.buckets : autoEdges(column.min(), column.max());
  const unit = UNIT_LABELS[tag.unit ?? 'count'] ?? UNIT_LABELS.count;
  const buckets: AudienceBucket[] = [];
  const push = (low: number | null, high: number | null, members: Bitmap) => {
    const lo = low === null ? '' : formatNumber(low);
    const hi = high === null ? '' : formatNumber(high);
    const zh =
      low === null ? `< ${hi}${unit.zh}` : high === null ? `≥ ${lo}${unit.zh}` : `${lo}–${hi}${unit.zh}`;
    const en =
      low === null ? `< ${hi}${unit.en}` : high === null ? `≥ ${lo}${unit.en}` : `${lo}–${hi}${unit.en}`;
    buckets.push({
      value: low === null ? `<${high}` : high === null ? `>=${low}` : `${low}..${high}`,
      label: { zh, en },
      count: members.andCardinality(result),
      low,
      high,
    });
  };
  if (edges.length === 0) {
    const all = column.notNull();
    if (all.andCardinality(result) > 0) {
      buckets.push({
        value: 'all',
        label: { zh: '全部', en: 'All' },
        count: all.andCardinality(result),
        low: null,
        high: null,
      });
    }
  } else {
    push(null, edges[0], column.lt(edges[0]));
    for (let i = 0; i + 1 < edges.length; i++)
      push(edges[i], edges[i + 1], column.ge(edges[i]).intersection(column.lt(edges[i + 1])));
    push(edges[edges.length - 1], null, column.ge(edges[edges.length - 1]));
  }
  const unknown = result.size - column.notNull().andCardinality(result);
  if (unknown > 0) buckets.push({ value: null, label: { ...UNKNOWN_LABEL }, count: unknown });
  return buckets;
}
