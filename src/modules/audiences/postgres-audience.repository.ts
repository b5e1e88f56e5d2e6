import { sql, type Kysely } from 'kysely';
import type { AccessTables, Principal } from '../access/index.ts';
import { PostgresCustomersRepository, type CustomerRecord, type CustomerTables } from '../customers/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { ConflictError } from '../../platform/errors.ts';
import type { AudienceNode } from './audience-expression.ts';
import type { AudienceTables } from './audiences.migrations.ts';
import type { AudienceRepository, BranchNode, SegmentPatch } from './audience.repository.ts';
import type { SegmentMembers, SegmentRecord } from './segment.ts';

type Tables = AudienceTables & AccessTables & CustomerTables;

/** Customers read per query when resolving numbers to rows (keeps bound arrays moderate). */
const CNO_BATCH = 5_000;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** AudienceRepository over the serving database (PGlite or PostgreSQL). */
export class PostgresAudienceRepository implements AudienceRepository {
  private readonly db: Kysely<Tables>;
  private readonly customers: PostgresCustomersRepository;

  constructor(database: Database) {
    this.db = database.kysely as unknown as Kysely<Tables>;
    this.customers = new PostgresCustomersRepository(database);
  }

  async listSegments(): Promise<SegmentRecord[]> {
    const rows = await this.db
      .selectFrom('segment')
      .selectAll()
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toSegment);
  }

  async findSegment(id: string): Promise<SegmentRecord | undefined> {
    const row = await this.db.selectFrom('segment').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSegment(row);
  }

  async findSegmentByName(name: string): Promise<SegmentRecord | undefined> {
    const row = await this.db.selectFrom('segment').selectAll().where('name', '=', name).executeTakeFirst();
    return row && toSegment(row);
  }

  async insertSegment(segment: SegmentRecord, members: SegmentMembers | null): Promise<void> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('segment')
          .values({
            id: segment.id,
            name: segment.name,
            description: segment.description,
            kind: segment.kind,
            expression: JSON.stringify(segment.expression),
            text: segment.text,
            last_count: segment.lastCount,
            counted_at: segment.countedAt,
            index_built_at: segment.indexBuiltAt,
            created_by: segment.createdBy,
            created_at: segment.createdAt,
            updated_at: segment.updatedAt,
          })
          .execute();
        if (members) {
          await trx
            .insertInto('segment_member_snapshot')
            .values({
              segment_id: segment.id,
              members: members.members,
              member_count: members.memberCount,
              frozen_at: segment.updatedAt,
              index_built_at: members.indexBuiltAt,
            })
            .execute();
        }
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictError(`a segment named '${segment.name}' already exists`);
      throw error;
    }
  }

  async updateSegment(id: string, patch: SegmentPatch, members?: SegmentMembers | null): Promise<void> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('segment')
          .set({
            ...(patch.name !== undefined && { name: patch.name }),
            ...(patch.description !== undefined && { description: patch.description }),
            ...(patch.kind !== undefined && { kind: patch.kind }),
            ...(patch.expression !== undefined && { expression: JSON.stringify(patch.expression) }),
            ...(patch.text !== undefined && { text: patch.text }),
            ...(patch.lastCount !== undefined && { last_count: patch.lastCount }),
            ...(patch.countedAt !== undefined && { counted_at: patch.countedAt }),
            ...(patch.indexBuiltAt !== undefined && { index_built_at: patch.indexBuiltAt }),
            updated_at: patch.updatedAt,
          })
          .where('id', '=', id)
          .execute();
        if (members === undefined) return;
        await trx.deleteFrom('segment_member_snapshot').where('segment_id', '=', id).execute();
        if (members) {
          await trx
            .insertInto('segment_member_snapshot')
            .values({
              segment_id: id,
              members: members.members,
              member_count: members.memberCount,
              frozen_at: patch.updatedAt,
              index_built_at: members.indexBuiltAt,
            })
            .execute();
        }
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`a segment named '${patch.name}' already exists`);
      throw error;
    }
  }

  async recordCount(id: string, count: number, countedAt: Date, indexBuiltAt: string | null): Promise<void> {
    await this.db
      .updateTable('segment')
      .set({ last_count: count, counted_at: countedAt, index_built_at: indexBuiltAt })
      .where('id', '=', id)
      .execute();
  }

  async deleteSegment(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('segment').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async segmentMembers(id: string): Promise<SegmentMembers | undefined> {
    const row = await this.db
      .selectFrom('segment_member_snapshot')
      .select(['members', 'member_count', 'index_built_at'])
      .where('segment_id', '=', id)
      .executeTakeFirst();
    return (
      row && {
        members: Buffer.from(row.members.buffer, row.members.byteOffset, row.members.byteLength),
        memberCount: row.member_count,
        indexBuiltAt: row.index_built_at,
      }
    );
  }

  async branches(): Promise<BranchNode[]> {
    const rows = await this.db
      .selectFrom('branch')
      .select(['id', 'parent_id', 'name', 'path'])
      .orderBy('path')
      .execute();
    return rows.map((r) => ({ id: r.id, parentId: r.parent_id, name: r.name, path: r.path }));
  }

  customersByCno(principal: Principal, cnos: readonly number[]): Promise<CustomerRecord[]> {
    return this.customers.findByCnos(principal, cnos);
  }

  async customerIdsByCno(cnos: readonly number[]): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < cnos.length; i += CNO_BATCH) {
      const batch = cnos.slice(i, i + CNO_BATCH);
      const rows = await this.db
        .selectFrom('customer')
        .select('id')
        .where(sql<boolean>`cno = ANY(${sql.val([...batch])}::int[])`)
        .execute();
      for (const r of rows) out.push(r.id);
    }
    return out;
  }
}

function toSegment(r: AudienceTables['segment']): SegmentRecord {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    kind: r.kind,
    expression: (typeof r.expression === 'string' ? JSON.parse(r.expression) : r.expression) as AudienceNode,
    text: r.text,
    lastCount: r.last_count,
    countedAt: r.counted_at,
    indexBuiltAt: r.index_built_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
