import type { OrgContext } from '../context.js';
import { randomToken, s256Challenge, safeEqual, sha256Hex } from './crypto.js';
import { revokeRefreshHash } from './sessions.js';
import { stmt } from './tables.js';

/** Authorization codes of the web server flow: single use, valid for 10 minutes. */
const CODE_LIFETIME_MS = 10 * 60_000;

export type PkceMethod = 'S256' | 'plain';

export type CodeGrant = {
  clientId: string;
  userId: string;
  redirectUri: string;
  codeChallenge: string | null;
  codeChallengeMethod: PkceMethod | null;
};

type CodeRow = {
  ClientId: string;
  UserId: string;
  RedirectUri: string;
  CodeChallenge: string | null;
  CodeChallengeMethod: PkceMethod | null;
  ExpiresAt: number;
  Used: number;
  RefreshTokenHash: string | null;
};

/** PKCE verifiers and challenges: RFC 7636 unreserved characters. jsforce's verifiers are 171 long, above RFC's 128. */
export const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,512}$/;

export function createAuthorizationCode(ctx: OrgContext, grant: CodeGrant): string {
  const code = `aPrx${randomToken(60, true)}`;
  stmt(
    ctx.db,
    `INSERT INTO _auth_code (CodeHash, ClientId, UserId, RedirectUri, CodeChallenge, CodeChallengeMethod, ExpiresAt)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    sha256Hex(code),
    grant.clientId,
    grant.userId,
    grant.redirectUri,
    grant.codeChallenge,
    grant.codeChallengeMethod,
    ctx.now().getTime() + CODE_LIFETIME_MS,
  );
  stmt(ctx.db, 'DELETE FROM _auth_code WHERE ExpiresAt < ?').run(ctx.now().getTime() - CODE_LIFETIME_MS);
  return code;
}

/**
 * Redeems a code: it is spent by this call whatever happens next. A code presented a second time
 * also revokes the refresh token issued for it (RFC 6749 section 4.1.2: the code may have leaked).
 */
export function redeemAuthorizationCode(ctx: OrgContext, code: string, clientId: string): CodeGrant | undefined {
  if (code.length > 256) return undefined;
  const hash = sha256Hex(code);
  const row = stmt(ctx.db, 'SELECT * FROM _auth_code WHERE CodeHash = ?').get(hash) as CodeRow | undefined;
  if (row?.ClientId !== clientId) return undefined;
  if (row.Used === 1) {
    if (row.RefreshTokenHash) revokeRefreshHash(ctx, row.RefreshTokenHash);
    return undefined;
  }
  const spent = stmt(ctx.db, 'UPDATE _auth_code SET Used = 1 WHERE CodeHash = ? AND Used = 0').run(hash);
  if (Number(spent.changes) !== 1 || row.ExpiresAt <= ctx.now().getTime()) return undefined;
  return {
    clientId: row.ClientId,
    userId: row.UserId,
    redirectUri: row.RedirectUri,
    codeChallenge: row.CodeChallenge,
    codeChallengeMethod: row.CodeChallengeMethod,
  };
}

/** Remembers the refresh token a code produced, so a replay of the code can revoke it. */
export function recordCodeRefreshToken(ctx: OrgContext, code: string, refreshToken: string): void {
  stmt(ctx.db, 'UPDATE _auth_code SET RefreshTokenHash = ? WHERE CodeHash = ?').run(
    sha256Hex(refreshToken),
    sha256Hex(code),
  );
}

/** Checks a code_verifier against the challenge stored with the code. */
export function verifierMatches(grant: CodeGrant, verifier: string | undefined): boolean {
  if (grant.codeChallenge === null) return true;
  if (verifier === undefined || !PKCE_VALUE.test(verifier)) return false;
  const computed = grant.codeChallengeMethod === 'plain' ? verifier : s256Challenge(verifier);
  return safeEqual(computed, grant.codeChallenge);
}
