import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsforce from 'jsforce';
import { startLocalOrg, type LocalOrg, type LocalOrgOptions } from '../../src/org/localOrg.js';
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
