import type { Migration } from '../../platform/db/index.ts';

/** Serving tables owned by access: the organisation (branch tree, staff), users and sessions. */
export const accessMigrations: Migration[] = [
  {
    id: '0001-access-organisation-users',
    sql: `
      CREATE TABLE branch (
        id TEXT PRIMARY KEY,
        parent_id TEXT,
        level TEXT NOT NULL,
        name TEXT NOT NULL,
        city TEXT,
        lat DOUBLE PRECISION,
        lon DOUBLE PRECISION,
        -- materialised path '/HQ/B01/S0101/': a branch subtree is a prefix match
        path TEXT NOT NULL
      );
      CREATE INDEX branch_path_idx ON branch (path text_pattern_ops);
      CREATE TABLE staff (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        branch_id TEXT NOT NULL,
        referral_code TEXT UNIQUE,
        phone TEXT
      );
      CREATE INDEX staff_branch_idx ON staff (branch_id);
      CREATE TABLE app_user (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL,
        staff_id TEXT,
        branch_id TEXT,
        disabled BOOLEAN NOT NULL DEFAULT false,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until TIMESTAMPTZ,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE TABLE user_session (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        last_seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        expires_at TIMESTAMPTZ NOT NULL,
        ip TEXT,
        user_agent TEXT
      );
      CREATE INDEX user_session_user_idx ON user_session (user_id)
    `,
  },
  {
    // Expired sessions are purged at login; these keep the purge an index range scan.
    id: '0003-access-session-expiry-idx',
    sql: `
      CREATE INDEX user_session_expires_idx ON user_session (expires_at);
      CREATE INDEX user_session_last_seen_idx ON user_session (last_seen_at)
    `,
  },
];

/** Kysely row types of the access tables. */
export interface AccessTables {
  branch: {
    id: string;
    parent_id: string | null;
    level: string;
    name: string;
    city: string | null;
    lat: number | null;
    lon: number | null;
    path: string;
  };
  staff: {
    id: string;
    name: string;
    role: string;
    branch_id: string;
    referral_code: string | null;
    phone: string | null;
  };
  app_user: {
    id: string;
    username: string;
    display_name: string;
    password_hash: string;
    role: string;
    staff_id: string | null;
    branch_id: string | null;
    disabled: boolean;
    failed_logins: number;
    locked_until: Date | null;
    created_at: Date;
  };
  user_session: {
    id: string;
    user_id: string;
    created_at: Date;
    last_seen_at: Date;
    expires_at: Date;
    ip: string | null;
    user_agent: string | null;
  };
}
