import { z } from 'zod';
import { ROLES } from './principal.ts';

/** A role, as the API names it. */
export const roleSchema = z.enum(ROLES).meta({ id: 'Role' });

/** Levels of the branch tree. */
export const branchLevelSchema = z.enum(['hq', 'branch', 'sub_branch', 'outlet']).meta({ id: 'BranchLevel' });

/** Body of `POST /api/auth/login`. */
export const loginRequestSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1024),
});

/** The signed-in user. */
export const userSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: roleSchema,
    staffId: z.string().nullable(),
    branchId: z.string().nullable(),
    branchName: z.string().nullable(),
  })
  .meta({ id: 'User' });

/** `{"user": User}`: answer of login and `GET /api/auth/me`. */
export const userResponseSchema = z.object({ user: userSchema });

/** One branch of the organisation tree. */
export const branchSchema = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    level: branchLevelSchema,
    name: z.string(),
    city: z.string().nullable(),
  })
  .meta({ id: 'Branch' });

/** `GET /api/branches` answer. */
export const branchListResponseSchema = z.object({ items: z.array(branchSchema) });

/** A member of staff. */
export const staffSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: roleSchema,
    branchId: z.string(),
  })
  .meta({ id: 'Staff' });

/** Query of `GET /api/staff`. */
export const staffListQuerySchema = z.object({
  role: roleSchema.optional(),
  branchId: z.string().min(1).max(64).optional().describe('only staff of this branch subtree'),
});

/** `GET /api/staff` answer. */
export const staffListResponseSchema = z.object({ items: z.array(staffSchema) });

/** The signed-in user, as the API answers it. */
export type User = z.infer<typeof userSchema>;
/** A branch, as the API answers it. */
export type Branch = z.infer<typeof branchSchema>;
/** A member of staff, as the API answers it. */
export type Staff = z.infer<typeof staffSchema>;
/** Credentials of a login. */
export type LoginRequest = z.infer<typeof loginRequestSchema>;
/** Filters of the staff list. */
export type StaffListQuery = z.infer<typeof staffListQuerySchema>;
