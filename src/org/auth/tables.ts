import { statement } from '../db.js';
import type { DatabaseSync, StatementSync } from 'node:sqlite';

/**
 * Auth's own storage: internal `_auth_` tables next to the org's object tables.
 * Tokens and codes are stored as SHA-256 hashes, so a copied database file holds no usable credential.
 */

const DDL = `
CREATE TABLE IF NOT EXISTS _auth_password (
  UserId TEXT PRIMARY KEY,
  Hash TEXT NOT NULL,
  SetAt TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS _auth_connected_app (
  ConsumerKey TEXT PRIMARY KEY,
  Name TEXT NOT NULL,
  ConsumerSecret TEXT NOT NULL,
  CallbackUrls TEXT NOT NULL,
  AllowPkceWithoutSecret INTEGER NOT NULL DEFAULT 0,
  RunAsUserId TEXT
);
CREATE TABLE IF NOT EXISTS _auth_refresh_token (
  TokenHash TEXT PRIMARY KEY,
  UserId TEXT NOT NULL,
  ClientId TEXT NOT NULL,
  IssuedAt INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS _auth_refresh_token_user ON _auth_refresh_token (UserId);
CREATE TABLE IF NOT EXISTS _auth_access_token (
  TokenHash TEXT PRIMARY KEY,
  UserId TEXT NOT NULL,
  ClientId TEXT,
  RefreshTokenHash TEXT,
  IssuedAt INTEGER NOT NULL,
  ExpiresAt INTEGER NOT NULL,
  TimeoutMs INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS _auth_access_token_user ON _auth_access_token (UserId);
CREATE INDEX IF NOT EXISTS _auth_access_token_refresh ON _auth_access_token (RefreshTokenHash);
CREATE INDEX IF NOT EXISTS _auth_access_token_expiry ON _auth_access_token (ExpiresAt);
CREATE TABLE IF NOT EXISTS _auth_code (
  CodeHash TEXT PRIMARY KEY,
  ClientId TEXT NOT NULL,
  UserId TEXT NOT NULL,
  RedirectUri TEXT NOT NULL,
  CodeChallenge TEXT,
  CodeChallengeMethod TEXT,
  ExpiresAt INTEGER NOT NULL,
  Used INTEGER NOT NULL DEFAULT 0,
  RefreshTokenHash TEXT
);
CREATE INDEX IF NOT EXISTS _auth_code_user ON _auth_code (UserId);
CREATE TABLE IF NOT EXISTS _auth_setting (
  Name TEXT PRIMARY KEY,
  Value TEXT NOT NULL
);
`;

const ensured = new WeakSet<DatabaseSync>();

/** Creates the internal auth tables; safe to call any number of times. */
export function ensureAuthTables(db: DatabaseSync): void {
  if (ensured.has(db)) return;
  db.exec(DDL);
  ensured.add(db);
}

/** A prepared statement, compiled once per database: bearer checks run on every REST request. */
export function stmt(db: DatabaseSync, sql: string): StatementSync {
  ensureAuthTables(db);
  return statement(db, sql);
}
