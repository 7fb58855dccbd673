import {
  authenticateBearer,
  configureAuth,
  ensureAuthTables,
  expireSession,
  getAuthSettings,
  issueSession,
  registerConnectedApp,
  revokeUserSessions,
  setPassword,
} from '../../../src/org/auth/index.js';
import { OrgApiError } from '../../../src/org/errors.js';
import { ACCESS_TOKEN, createTestOrg, ORG_ID, type TestOrg, USERS } from './helpers.js';

const MINUTE = 60_000;

function expectInvalidSession(run: () => unknown): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(OrgApiError);
  const error = caught as OrgApiError;
  expect(error.status).toBe(401);
  expect(error.toBody()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
}

describe('auth sessions', () => {
  let org: TestOrg;
  beforeEach(async () => {
    org = await createTestOrg();
  });
  afterEach(async () => {
    await org.close();
  });

  it('issues Salesforce-shaped tokens that authenticate as the user', () => {
    const { accessToken, refreshToken } = issueSession(org.ctx, USERS.admin.id, null);
    expect(accessToken).toMatch(ACCESS_TOKEN);
    expect(accessToken.startsWith(`${ORG_ID.slice(0, 15)}!`)).toBe(true);
    expect(refreshToken).toBeUndefined();
    const session = authenticateBearer(org.ctx, `Bearer ${accessToken}`);
    expect(session).toEqual({ userId: USERS.admin.id, orgId: ORG_ID, accessToken, clientId: null });
    // Salesforce also takes the older "OAuth" scheme.
    expect(authenticateBearer(org.ctx, `OAuth ${accessToken}`).userId).toBe(USERS.admin.id);
  });

  it('gives connected-app sessions a refresh token', () => {
    const issued = issueSession(org.ctx, USERS.admin.id, 'web-client');
    expect(issued.refreshToken).toMatch(/^5Aep861[.\w]{20,}$/);
    expect(authenticateBearer(org.ctx, `Bearer ${issued.accessToken}`).clientId).toBe('web-client');
    expect(
      issueSession(org.ctx, USERS.admin.id, 'web-client', { withRefreshToken: false }).refreshToken,
    ).toBeUndefined();
  });

  it('refuses missing, malformed and unknown tokens', () => {
    expectInvalidSession(() => authenticateBearer(org.ctx, undefined));
    expectInvalidSession(() => authenticateBearer(org.ctx, ''));
    expectInvalidSession(() => authenticateBearer(org.ctx, 'Bearer'));
    expectInvalidSession(() => authenticateBearer(org.ctx, 'Basic abc'));
    expectInvalidSession(() => authenticateBearer(org.ctx, 'Bearer not-a-token'));
    expectInvalidSession(() => authenticateBearer(org.ctx, `Bearer ${ORG_ID.slice(0, 15)}!AQunknown`));
    expectInvalidSession(() => authenticateBearer(org.ctx, `Bearer ${'x'.repeat(100_000)}`));
  });

  it('expires tokens after the session timeout of inactivity and extends active ones', () => {
    const { accessToken } = issueSession(org.ctx, USERS.admin.id, null);
    const header = `Bearer ${accessToken}`;
    org.advance(119 * MINUTE);
    expect(authenticateBearer(org.ctx, header).userId).toBe(USERS.admin.id); // extends to now + 120 min
    org.advance(119 * MINUTE);
    expect(authenticateBearer(org.ctx, header).userId).toBe(USERS.admin.id);
    org.advance(121 * MINUTE);
    expectInvalidSession(() => authenticateBearer(org.ctx, header));
  });

  it('does not extend a token used early in its lifetime', () => {
    const { accessToken } = issueSession(org.ctx, USERS.admin.id, null);
    org.advance(30 * MINUTE);
    authenticateBearer(org.ctx, `Bearer ${accessToken}`);
    org.advance(91 * MINUTE);
    expectInvalidSession(() => authenticateBearer(org.ctx, `Bearer ${accessToken}`));
  });

  it('applies a configured session timeout to new tokens', () => {
    expect(getAuthSettings(org.ctx)).toEqual({ sessionTimeoutMinutes: 120 });
    configureAuth(org.ctx, { sessionTimeoutMinutes: 15 });
    expect(getAuthSettings(org.ctx)).toEqual({ sessionTimeoutMinutes: 15 });
    const { accessToken } = issueSession(org.ctx, USERS.admin.id, null);
    org.advance(16 * MINUTE);
    expectInvalidSession(() => authenticateBearer(org.ctx, `Bearer ${accessToken}`));
    expect(() => configureAuth(org.ctx, { sessionTimeoutMinutes: 0 })).toThrow(/positive/);
  });

  it('expireSession ends one session only', () => {
    const first = issueSession(org.ctx, USERS.admin.id, null).accessToken;
    const second = issueSession(org.ctx, USERS.admin.id, null).accessToken;
    expireSession(org.ctx, first);
    expectInvalidSession(() => authenticateBearer(org.ctx, `Bearer ${first}`));
    expect(authenticateBearer(org.ctx, `Bearer ${second}`).userId).toBe(USERS.admin.id);
  });

  it('refuses sessions of users deactivated or frozen after login', () => {
    const { accessToken } = issueSession(org.ctx, USERS.other.id, null);
    expect(authenticateBearer(org.ctx, `Bearer ${accessToken}`).userId).toBe(USERS.other.id);
    org.ctx.db
      .prepare('INSERT INTO "UserLogin" ("Id", "UserId", "IsFrozen") VALUES (?, ?, 1)')
      .run('06000000000000X', USERS.other.id);
    expectInvalidSession(() => authenticateBearer(org.ctx, `Bearer ${accessToken}`));
    org.ctx.db.prepare('UPDATE "UserLogin" SET "IsFrozen" = 0 WHERE "UserId" = ?').run(USERS.other.id);
    expect(authenticateBearer(org.ctx, `Bearer ${accessToken}`).userId).toBe(USERS.other.id);
    org.ctx.db.prepare('UPDATE "User" SET "IsActive" = 0 WHERE "Id" = ?').run(USERS.other.id);
    expectInvalidSession(() => authenticateBearer(org.ctx, `Bearer ${accessToken}`));
  });

  it('revokeUserSessions ends every session of that user only', () => {
    const mine = issueSession(org.ctx, USERS.other.id, 'web-client');
    const soap = issueSession(org.ctx, USERS.other.id, null);
    const theirs = issueSession(org.ctx, USERS.admin.id, null);
    revokeUserSessions(org.ctx, USERS.other.id);
    expectInvalidSession(() => authenticateBearer(org.ctx, `Bearer ${mine.accessToken}`));
    expectInvalidSession(() => authenticateBearer(org.ctx, `Bearer ${soap.accessToken}`));
    expect(authenticateBearer(org.ctx, `Bearer ${theirs.accessToken}`).userId).toBe(USERS.admin.id);
  });

  it('stores no token or password in clear', () => {
    const { accessToken, refreshToken } = issueSession(org.ctx, USERS.admin.id, 'web-client');
    const dump = JSON.stringify([
      org.ctx.db.prepare('SELECT * FROM _auth_access_token').all(),
      org.ctx.db.prepare('SELECT * FROM _auth_refresh_token').all(),
      org.ctx.db.prepare('SELECT * FROM _auth_password').all(),
    ]);
    expect(dump).not.toContain(accessToken);
    expect(dump).not.toContain(refreshToken);
    expect(dump).not.toContain('p&ss');
    expect(dump).toContain('scrypt$');
  });

  it('has idempotent tables and validating setters', () => {
    ensureAuthTables(org.ctx.db);
    ensureAuthTables(org.ctx.db);
    expect(() => setPassword(org.ctx, 'nope', 'x')).toThrow(/User Id/);
    expect(() => setPassword(org.ctx, USERS.admin.id, '')).toThrow(/characters/);
    expect(() => issueSession(org.ctx, 'nope', null)).toThrow(/User Id/);
    expect(() =>
      registerConnectedApp(org.ctx, {
        name: 'x',
        consumerKey: 'k',
        consumerSecret: 's',
        callbackUrls: ['not a url'],
        allowPkceWithoutSecret: false,
      }),
    ).toThrow(/callback URL/);
  });
});
