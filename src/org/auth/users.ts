import type { OrgContext } from '../context.js';
import { to18 } from '../ids.js';
import { hashPassword, verifyPassword } from './crypto.js';
import { stmt } from './tables.js';

/** The User columns auth reads; everything but Id may be missing or null in a sparse org. */
export type UserRow = {
  Id: string;
  Username: string;
  IsActive: number;
  FirstName?: string | null;
  LastName?: string | null;
  Name?: string | null;
  Email?: string | null;
  CommunityNickname?: string | null;
  MobilePhone?: string | null;
  TimeZoneSidKey?: string | null;
  LocaleSidKey?: string | null;
  LanguageLocaleKey?: string | null;
  ProfileId?: string | null;
  UserRoleId?: string | null;
  LastModifiedDate?: string | null;
};

/** Why a login is refused once the password is known to be right (or not). */
export type LoginOutcome =
  { ok: true; user: UserRow } | { ok: false; reason: 'invalid' | 'inactive' | 'frozen'; user?: UserRow };

/** Passwords longer than this are refused without hashing. */
const MAX_PASSWORD_LENGTH = 1024;

export function findUserById(ctx: OrgContext, userId: string): UserRow | undefined {
  const id = to18(userId);
  if (!id) return undefined;
  return stmt(ctx.db, 'SELECT * FROM "User" WHERE "Id" = ?').get(id) as UserRow | undefined;
}

/** Usernames are case-insensitive in Salesforce. */
export function findUserByUsername(ctx: OrgContext, username: string): UserRow | undefined {
  return stmt(ctx.db, 'SELECT * FROM "User" WHERE "Username" = ? COLLATE NOCASE LIMIT 1').get(username.trim()) as
    UserRow | undefined;
}

export function isFrozen(ctx: OrgContext, userId: string): boolean {
  return (
    stmt(ctx.db, 'SELECT 1 FROM "UserLogin" WHERE "UserId" = ? AND "IsFrozen" = 1 LIMIT 1').get(userId) !== undefined
  );
}

/** Inactive and frozen users cannot log in or use a session. */
export function userState(ctx: OrgContext, user: UserRow): 'active' | 'inactive' | 'frozen' {
  if (Number(user.IsActive) !== 1) return 'inactive';
  return isFrozen(ctx, user.Id) ? 'frozen' : 'active';
}

/** Sets (or replaces) a user's password; stored as a salted scrypt hash. */
/**
 * Sets one password for many users with a single hash (seeds: scrypt is deliberately slow, and the
 * seeded password is public anyway).
 */
export function setPasswords(ctx: OrgContext, userIds: readonly string[], password: string): void {
  if (password.length === 0 || password.length > MAX_PASSWORD_LENGTH) {
    throw new Error(`A password must have 1 to ${MAX_PASSWORD_LENGTH} characters.`);
  }
  const hash = hashPassword(password);
  const upsert = stmt(
    ctx.db,
    `INSERT INTO _auth_password (UserId, Hash, SetAt) VALUES (?, ?, ?)
     ON CONFLICT (UserId) DO UPDATE SET Hash = excluded.Hash, SetAt = excluded.SetAt`,
  );
  for (const userId of userIds) {
    const id = to18(userId);
    if (!id) throw new Error(`Not a User Id: ${userId}`);
    upsert.run(id, hash, ctx.now().toISOString());
  }
}

export function setPassword(ctx: OrgContext, userId: string, password: string): void {
  const id = to18(userId);
  if (!id) throw new Error(`Not a User Id: ${userId}`);
  if (password.length === 0 || password.length > MAX_PASSWORD_LENGTH) {
    throw new Error(`A password must have 1 to ${MAX_PASSWORD_LENGTH} characters.`);
  }
  stmt(
    ctx.db,
    `INSERT INTO _auth_password (UserId, Hash, SetAt) VALUES (?, ?, ?)
     ON CONFLICT (UserId) DO UPDATE SET Hash = excluded.Hash, SetAt = excluded.SetAt`,
  ).run(id, hashPassword(password), ctx.now().toISOString());
}

function storedHash(ctx: OrgContext, userId: string): string | undefined {
  const row = stmt(ctx.db, 'SELECT Hash FROM _auth_password WHERE UserId = ?').get(userId) as
    { Hash: string } | undefined;
  return row?.Hash;
}

/**
 * Checks a username and password. The user's state is only revealed after the password matched,
 * and unknown users cost a decoy hash check, so answers and timing do not tell which usernames exist.
 */
export async function checkCredentials(ctx: OrgContext, username: string, password: string): Promise<LoginOutcome> {
  if (username.length === 0 || username.length > 255 || password.length > MAX_PASSWORD_LENGTH) {
    return { ok: false, reason: 'invalid' };
  }
  const user = findUserByUsername(ctx, username);
  const hash = user ? storedHash(ctx, user.Id) : undefined;
  const matches = await verifyPassword(password, hash);
  if (!user || !matches) return { ok: false, reason: 'invalid' };
  const state = userState(ctx, user);
  return state === 'active' ? { ok: true, user } : { ok: false, reason: state, user };
}

/** The Organization row's name (for SOAP userInfo), if the org has one. */
export function organizationName(ctx: OrgContext): string | undefined {
  const row = stmt(ctx.db, 'SELECT "Name" FROM "Organization" ORDER BY ("Id" = ?) DESC LIMIT 1').get(ctx.orgId) as
    { Name?: string | null } | undefined;
  return row?.Name ?? undefined;
}
