// Saved segments: a named audience, dynamic (re-evaluated on read) or static (members frozen).
import type { AudienceNode } from './audience-expression.ts';

/** dynamic: evaluated against the current index on every read; static: members frozen when saved. */
export type SegmentKind = 'dynamic' | 'static';

/** A segment as stored. */
export interface SegmentRecord {
  id: string;
  name: string;
  description: string;
  kind: SegmentKind;
  expression: AudienceNode;
  text: string;
  /** Whole-bank member count when last counted (dynamic: after each index rebuild). */
  lastCount: number | null;
  countedAt: Date | null;
  /** Build time of the index the count (or the frozen members) came from. */
  indexBuiltAt: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The frozen members of a static segment: a serialized bitmap of customer numbers. */
export interface SegmentMembers {
  members: Buffer;
  memberCount: number;
  indexBuiltAt: string | null;
}

/** Longest segment name; names are what in_segment('…') refers to. */
export const SEGMENT_NAME_MAX = 100;

/** Collects the segment names an expression refers to through in_segment('…'). */
export function segmentRefs(node: AudienceNode, into: Set<string> = new Set()): Set<string> {
  switch (node.op) {
    case 'and':
    case 'or':
      for (const arg of node.args) segmentRefs(arg, into);
      break;
    case 'not':
      segmentRefs(node.arg, into);
      break;
    case 'in_segment':
      into.add(node.segment);
      break;
    default:
      break;
  }
  return into;
}
