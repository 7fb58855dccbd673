import type { OrgContext } from '../context.js';
import { invalidSession } from '../errors.js';
import { to15, to18 } from '../ids.js';
import type { Session } from '../session.js';
import { randomToken, sha256Hex } from './crypto.js';
import { stmt } from './tables.js';

/** Org-wide session settings (Setup > Session Settings), stored with the org. */
export type AuthSettings = {
  /** Access tokens expire after this much inactivity; refresh tokens live until revoked. */
  sessionTimeoutMinutes: number;
};

export const DEFAULT_AUTH_SETTINGS: AuthSettings = { sessionTimeoutMinutes: 120 };

/** `00D...!<random>`: sfdx-core and `sf org login access-token` accept only this shape. */
const ACCESS_TOKEN_PATTERN = /^00D\w{12,15}![.\w]{1,400}$/;
const REFRESH_TOKEN_PATTERN = /^5Aep861[.\w]{1,400}$/;

export function getAuthSettings(ctx: OrgContext): AuthSettings {
  const row = stmt(ctx.db, "SELECT Value FROM _auth_setting WHERE Name = 'sessionTimeoutMinutes'").get() as
    { Value: string } | undefined;
  const minutes = Number(row?.Value);
  return {
    sessionTimeoutMinutes:
      Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_AUTH_SETTINGS.sessionTimeoutMinutes,
  };
}

/** Changes the session timeout for tokens issued (or extended) from now on. */
export function configureAuth(ctx: OrgContext, settings: Partial<AuthSettings>): void {
  const minutes = settings.sessionTimeoutMinutes;
  if (minutes === undefined) return;
  if (!Number.isFinite(minutes) || minutes <= 0) throw new Error('sessionTimeoutMinutes must be a positive number.');
  stmt(
    ctx.db,
    `INSERT INTO _auth_setting (Name, Value) VALUES ('sessionTimeoutMinutes', ?)
     ON CONFLICT (Name) DO UPDATE SET Value = excluded.Value`,
  ).run(String(minutes));
}

export type IssuedSession = { accessToken: string; refreshToken?: string };

/**
 * Issues an access token for a user (and a refresh token when asked; by default for connected-app sessions).
 * Used by the login endpoints, and by seeds and tests to get a session without a login round trip.
 */
export function issueSession(
  ctx: OrgContext,
  userId: string,
  clientId: string | null,
  options: { withRefreshToken?: boolean } = {},
): IssuedSession {
  const id = to18(userId);
  if (!id) throw new Error(`Not a User Id: ${userId}`);
  const withRefreshToken = options.withRefreshToken ?? clientId !== null;
  if (withRefreshToken && clientId === null) throw new Error('A refresh token belongs to a connected app.');
  const refreshToken = withRefreshToken ? newRefreshToken(ctx, id, clientId ?? '') : undefined;
  const accessToken = newAccessToken(ctx, id, clientId, refreshToken ? sha256Hex(refreshToken) : null);
  return refreshToken ? { accessToken, refreshToken } : { accessToken };
}

/** Issues another access token from a refresh token's grant. */
export function issueAccessTokenForRefresh(ctx: OrgContext, grant: RefreshGrant): string {
  return newAccessToken(ctx, grant.userId, grant.clientId, grant.tokenHash);
}

function newAccessToken(ctx: OrgContext, userId: string, clientId: string | null, refreshHash: string | null): string {
  const token = `${to15(ctx.orgId)}!AQ${randomToken(110)}`;
  const now = ctx.now().getTime();
  const timeoutMs = getAuthSettings(ctx).sessionTimeoutMinutes * 60_000;
  purgeExpired(ctx, now);
  stmt(
    ctx.db,
    `INSERT INTO _auth_access_token (TokenHash, UserId, ClientId, RefreshTokenHash, IssuedAt, ExpiresAt, TimeoutMs)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(sha256Hex(token), userId, clientId, refreshHash, now, now + timeoutMs, timeoutMs);
  return token;
}

function newRefreshToken(ctx: OrgContext, userId: string, clientId: string): string {
  const token = `5Aep861${randomToken(80)}`;
  stmt(ctx.db, 'INSERT INTO _auth_refresh_token (TokenHash, UserId, ClientId, IssuedAt) VALUES (?, ?, ?, ?)').run(
    sha256Hex(token),
    userId,
    clientId,
    ctx.now().getTime(),
  );
  return token;
}

/** Expired access tokens are useless; dropping them keeps the token table small. */
function purgeExpired(ctx: OrgContext, now: number): void {
  stmt(ctx.db, 'DELETE FROM _auth_access_token WHERE ExpiresAt <= ?').run(now);
}

type TokenRow = {
  UserId: string;
  ClientId: string | null;
  ExpiresAt: number;
  TimeoutMs: number;
  IsActive: number | null;
  Frozen: number;
};

const SESSION_LOOKUP = `
SELECT t.UserId, t.ClientId, t.ExpiresAt, t.TimeoutMs, u."IsActive" AS IsActive,
  EXISTS (SELECT 1 FROM "UserLogin" l WHERE l."UserId" = t.UserId AND l."IsFrozen" = 1) AS Frozen
FROM _auth_access_token t LEFT JOIN "User" u ON u."Id" = t.UserId
WHERE t.TokenHash = ?`;

/**
 * Resolves `Authorization: Bearer <token>` (or Salesforce's older `OAuth <token>`) to a session.
 * Throws 401 INVALID_SESSION_ID for a missing, unknown, expired or revoked token, and for a user
 * who is no longer active or has been frozen since the token was issued.
 */
export function authenticateBearer(ctx: OrgContext, authorizationHeader: string | undefined): Session {
  const token = bearerToken(authorizationHeader);
  if (!token) throw invalidSession();
  const session = resolveAccessToken(ctx, token);
  if (!session) throw invalidSession();
  return session;
}

/** The token of a Bearer (or OAuth) authorization header, if it has an access token's shape. */
export function bearerToken(authorizationHeader: string | undefined): string | undefined {
  const match = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(authorizationHeader ?? '');
  const token = match?.[1];
  return token && ACCESS_TOKEN_PATTERN.test(token) ? token : undefined;
}

/** The session of a valid access token, or undefined. Extends the session on use, like Salesforce. */
export function resolveAccessToken(ctx: OrgContext, token: string): Session | undefined {
  if (!ACCESS_TOKEN_PATTERN.test(token)) return undefined;
  const hash = sha256Hex(token);
  const row = stmt(ctx.db, SESSION_LOOKUP).get(hash) as TokenRow | undefined;
  const now = ctx.now().getTime();
  if (!row || row.ExpiresAt <= now || Number(row.IsActive) !== 1 || row.Frozen === 1) return undefined;
  // Salesforce's timeout counts inactivity: past half of it, a request pushes the expiry out again.
  if (row.ExpiresAt - now < row.TimeoutMs / 2) {
    stmt(ctx.db, 'UPDATE _auth_access_token SET ExpiresAt = ? WHERE TokenHash = ?').run(now + row.TimeoutMs, hash);
  }
  return { userId: row.UserId, orgId: ctx.orgId, accessToken: token, clientId: row.ClientId };
}

export type RefreshGrant = { tokenHash: string; userId: string; clientId: string };

export function findRefreshGrant(ctx: OrgContext, refreshToken: string): RefreshGrant | undefined {
  if (!REFRESH_TOKEN_PATTERN.test(refreshToken)) return undefined;
  const tokenHash = sha256Hex(refreshToken);
  const row = stmt(ctx.db, 'SELECT UserId, ClientId FROM _auth_refresh_token WHERE TokenHash = ?').get(tokenHash) as
    { UserId: string; ClientId: string } | undefined;
  return row ? { tokenHash, userId: row.UserId, clientId: row.ClientId } : undefined;
}

/** Revokes an access token, or a refresh token with every access token issued from it. False when unknown. */
export function revokeToken(ctx: OrgContext, token: string): boolean {
  if (ACCESS_TOKEN_PATTERN.test(token)) {
    return Number(stmt(ctx.db, 'DELETE FROM _auth_access_token WHERE TokenHash = ?').run(sha256Hex(token)).changes) > 0;
  }
  const grant = findRefreshGrant(ctx, token);
  if (!grant) return false;
  revokeRefreshHash(ctx, grant.tokenHash);
  return true;
}

export function revokeRefreshHash(ctx: OrgContext, refreshHash: string): void {
  stmt(ctx.db, 'DELETE FROM _auth_access_token WHERE RefreshTokenHash = ?').run(refreshHash);
  stmt(ctx.db, 'DELETE FROM _auth_refresh_token WHERE TokenHash = ?').run(refreshHash);
}

/** Ends every session, refresh token and pending authorization code of a user (on freeze or deactivation). */
export function revokeUserSessions(ctx: OrgContext, userId: string): void {
  const id = to18(userId) ?? userId;
  stmt(ctx.db, 'DELETE FROM _auth_access_token WHERE UserId = ?').run(id);
  stmt(ctx.db, 'DELETE FROM _auth_refresh_token WHERE UserId = ?').run(id);
  stmt(ctx.db, 'DELETE FROM _auth_code WHERE UserId = ?').run(id);
}

/** Makes an access token expire now (tests of session refresh); its refresh token stays valid. */
export function expireSession(ctx: OrgContext, accessToken: string): void {
  stmt(ctx.db, 'UPDATE _auth_access_token SET ExpiresAt = ? WHERE TokenHash = ?').run(
    ctx.now().getTime(),
    sha256Hex(accessToken),
  );
}
