/**
 * The plugin inside the real Salesforce CLI: `sf plugins link .` (the compiled lib/, so build first)
 * with a throwaway HOME and no SF_* variables, so the developer's own sf setup is never touched; then
 * `sf handover --help` and a `sf handover start` against a local org whose demo users are sf aliases.
 * The sf binary comes from scripts/sf-cli.sh (.cache/sf-cli). Without it the test is skipped locally;
 * in CI (CI=true) it runs, and fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type jsforce from 'jsforce';
import {
  adminConnection,
  describeSf,
  SF_BIN,
  sfSandbox,
  tempDataDir,
  type RunningOrg,
  type SfSandbox,
} from '../org/sfcli/sf.js';
import { businessDaysFromToday } from '../salesforce/service/helpers.js';

const ROOT = process.cwd();
const COMMANDS = ['start', 'list', 'show', 'note', 'ask', 'answer', 'sign', 'approve', 'export', 'doctor'];
describeSf('the plugin linked into the real sf CLI', () => {
  let sandbox: SfSandbox;
  let org: RunningOrg | undefined;
  let admin: jsforce.Connection;
  const data = tempDataDir();

  beforeAll(() => {
    if (!existsSync(SF_BIN)) throw new Error(`In CI and no sf CLI at ${SF_BIN}: run bash scripts/sf-cli.sh first.`);
    if (!existsSync(join(ROOT, 'lib/commands/handover/start.js'))) {
      throw new Error('lib/ is missing: run npm run build first (sf loads the compiled plugin).');
    }
    sandbox = sfSandbox();
  });
  afterAll(async () => {
    await sandbox?.cleanup();
    data.remove();
  });

  it('links into sf from lib/, in the throwaway HOME only', async () => {
    // --no-install: the project's dependencies are installed already; linking must not run npm.
    const link = await sandbox.sf(['plugins', 'link', ROOT, '--no-install']);
    expect({ status: link.status, stderr: link.stderr }).toMatchObject({ status: 0 });
    // `sf plugins --json` prints the plugins as a bare array (no result envelope).
    const listed = await sandbox.sf(['plugins', '--json']);
    expect(listed.status).toBe(0);
    const plugins = JSON.parse(listed.stdout) as {
      name: string;
      type: string;
      root: string;
      commandsDir: string;
      commandIDs: string[];
    }[];
    const plugin = plugins.find((p) => p.name === 'plugin-handover');
    // sf loads the compiled commands of npm run build (package.json oclif.commands), not src/.
    expect(plugin).toMatchObject({ type: 'link', root: ROOT, commandsDir: join(ROOT, 'lib/commands') });
    expect(plugin?.commandIDs).toEqual(expect.arrayContaining(COMMANDS.map((c) => `handover:${c}`)));
    // The link is recorded in the sandbox's data folder, not in the developer's.
    const linked = readFileSync(join(sandbox.home, '.local/share/sf/package.json'), 'utf8');
    expect(linked).toContain(ROOT);
  }, 120_000);

  it('lists the handover commands in sf handover --help', async () => {
    const help = await sandbox.sf(['handover', '--help']);
    expect(help.status).toBe(0);
    for (const command of COMMANDS) expect(help.stdout).toMatch(new RegExp(`handover ${command}\\b`));
  }, 60_000);

  it('runs sf handover start against the local org (sf aliases) and returns a handover id', async () => {
    org = await sandbox.startOrg(['--data', data.dir, '--seed', 'demo', '--sf-aliases']);
    admin = await adminConnection(org.url);
    const { day } = await businessDaysFromToday(admin, 8);
    const run = await sandbox.sf([
      'handover',
      'start',
      '--user',
      'departing@handover.local',
      '--successor',
      'successor1@handover.local',
      '--last-day',
      day,
      '--target-org',
      'local-manager',
      '--json',
    ]);
    expect({ status: run.status, stderr: run.stderr }).toMatchObject({ status: 0 });
    const result = run.result as { handoverId: string; status: string };
    expect(result).toMatchObject({ status: 'Draft', handoverId: expect.stringMatching(/^[a-zA-Z0-9]{18}$/) });
    const stored = await admin.query<{ Id: string }>(`SELECT Id FROM Handover__c WHERE Id = '${result.handoverId}'`);
    expect(stored.totalSize).toBe(1);
  }, 180_000);
});
