import type { Principal } from '../access/index.ts';
import type { CustomerRecord } from '../customers/index.ts';
import type { SegmentMembers, SegmentRecord } from './segment.ts';

/** A branch as breakdowns and scopes need it. */
export interface BranchNode {
  id: string;
  parentId: string | null;
  name: string;
  /** Materialised path, e.g. '/HQ/B01/'. */
  path: string;
}

/** Changes to a segment; members replace the frozen snapshot of a static segment (null removes it). */
export interface SegmentPatch {
  name?: string;
  description?: string;
  kind?: SegmentRecord['kind'];
  expression?: SegmentRecord['expression'];
  text?: string;
  lastCount?: number | null;
  countedAt?: Date | null;
  indexBuiltAt?: string | null;
  updatedAt: Date;
}

/**
 * Reads and writes segments and reads the organisation and customers the audience endpoints show.
 * Contract: names are unique (case-sensitive); customer reads apply the principal's data scope
 * again even though the callers pass scoped customer numbers (defence in depth).
 */
export interface AudienceRepository {
  listSegments(): Promise<SegmentRecord[]>;
  findSegment(id: string): Promise<SegmentRecord | undefined>;
  findSegmentByName(name: string): Promise<SegmentRecord | undefined>;
  insertSegment(segment: SegmentRecord, members: SegmentMembers | null): Promise<void>;
  /** Applies the patch; `members` undefined keeps the frozen snapshot, null deletes it. */
  updateSegment(id: string, patch: SegmentPatch, members?: SegmentMembers | null): Promise<void>;
  /** Records a whole-bank count without touching updated_at. */
  recordCount(id: string, count: number, countedAt: Date, indexBuiltAt: string | null): Promise<void>;
  deleteSegment(id: string): Promise<boolean>;
  segmentMembers(id: string): Promise<SegmentMembers | undefined>;
  /** All branches (the caller filters by scope). */
  branches(): Promise<BranchNode[]>;
  /** Customers with these numbers that the principal may see, in cno order. */
  customersByCno(principal: Principal, cnos: readonly number[]): Promise<CustomerRecord[]>;
  /** Customer ids of these numbers, in any order (split hashing). */
  customerIdsByCno(cnos: readonly number[]): Promise<string[]>;
}
