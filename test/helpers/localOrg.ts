import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsforce from 'jsforce';
import { startLocalOrg, type LocalOrg, type LocalOrgOptions } from '../../src/org/localOrg.js';
import { setObjectAccess } from '../../src/org/profilePermissions.js';
import { setPassword } from '../../src/org/auth/index.js';
import { ADMIN_USERNAME, SEED_PASSWORD } from '../../src/org/seeds/empty.js';

export type TestOrg = LocalOrg & {
  dataDir: string;
  login(username?: string, version?: string): Promise<jsforce.Connection>;
};

/** Starts a local org on a free port with its database in a fresh temporary folder. */
export async function startTestOrg(options: Partial<LocalOrgOptions> = {}): Promise<TestOrg> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'handover-org-'));
  const org = await startLocalOrg({
    port: 0,
    seed: 'empty',
    objectsDir: join(process.cwd(), 'force-app/main/default/objects'),
    ...options,
    dataDir,
  });
  return {
    ...org,
    dataDir,
    login: async (username = ADMIN_USERNAME, version = '62.0') => {
      const conn = new jsforce.Connection({ loginUrl: org.url, version });
      await conn.login(username, SEED_PASSWORD);
      return conn;
    },
  };
}

export async function stopTestOrg(org: TestOrg | undefined, keepData = false): Promise<void> {
  if (!org) return;
  await org.close();
  if (!keepData) rmSync(org.dataDir, { recursive: true, force: true });
}

/**
 * A user with a profile of their own, written straight into the org (the API cannot create
 * profiles): `apiEnabled` is the profile's API access, `cannotRead` the objects it may not read.
 * They log in with the seed password.
 */
export function addUserWithProfile(
  org: TestOrg,
  adminId: string,
  user: { username: string; lastName: string; profile: string; apiEnabled: boolean; cannotRead?: string[] },
): string {
  const admin = { userId: adminId };
  const system = { system: true };
  const profileId = org.store.create(
    'Profile',
    { Name: user.profile, UserType: 'Standard', PermissionsApiEnabled: user.apiEnabled },
    admin,
    system,
  );
  for (const object of user.cannotRead ?? []) {
    setObjectAccess(org.store, org.ctx, profileId, object, { read: false, edit: false }, admin);
  }
  const userId = org.store.create(
    'User',
    {
      Username: user.username,
      LastName: user.lastName,
      Alias: user.lastName.toLowerCase().slice(0, 8),
      Email: user.username,
      ProfileId: profileId,
      TimeZoneSidKey: 'Asia/Shanghai',
      LocaleSidKey: 'zh_CN',
      LanguageLocaleKey: 'zh_CN',
      EmailEncodingKey: 'UTF-8',
      IsActive: true,
    },
    admin,
    system,
  );
  setPassword(org.ctx, userId, SEED_PASSWORD);
  return userId;
}
