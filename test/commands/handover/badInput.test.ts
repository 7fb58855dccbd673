/**
 * Bad input to the handover commands, as users type it: `node scripts/run.js handover ... --json`
 * against a local org with the demo book. Every refusal has a stable name, a message and at least one
 * next step, and writes nothing (the Handover objects are counted before and after).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type jsforce from 'jsforce';
import { DateTime } from 'luxon';
import { addUserWithProfile, startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';
import { pluginCli, type JsonOutput, type PluginCli } from '../../helpers/pluginCli.js';

const MANAGER = 'manager@handover.local';
const DEPARTING = 'departing@handover.local';
const SUCCESSOR = 'successor1@handover.local';
const SUCCESSOR2 = 'successor2@handover.local';
const INACTIVE = 'wutao@handover.local';
const FROZEN = 'huangjie@handover.local';
// Above the manager in the role hierarchy: sees the handover, but is not one of its parties.
const OUTSIDER = 'director@handover.local';
/** A user whose profile has no API access: cannot own and work the records through the product. */
const NO_API = 'noapi@handover.local';

const HANDOVER_OBJECTS = [
  'Handover__c',
  'Handover_Item__c',
  'Handover_Contact__c',
  'Handover_Signature__c',
  'Handover_Event__c',
];

describe('bad input to the handover commands (local org, demo seed)', () => {
  let org: TestOrg;
  let admin: jsforce.Connection;
  let cli: PluginCli;
  let files: string;
  let departingAccounts: string[];

  beforeAll(async () => {
    org = await startTestOrg({ seed: 'demo' });
    admin = await org.login();
    const adminId = (await admin.query<{ Id: string }>("SELECT Id FROM User WHERE Username = 'admin@handover.local'"))
      .records[0]!.Id;
    addUserWithProfile(org, adminId, { username: NO_API, lastName: 'NoApi', profile: 'No API', apiEnabled: false });
    departingAccounts = (
      await admin.query<{ Id: string }>(`SELECT Id FROM Account WHERE Owner.Username = '${DEPARTING}' ORDER BY Name`)
    ).records.map((r) => r.Id);
    cli = await pluginCli(org, [MANAGER, DEPARTING, SUCCESSOR, OUTSIDER]);
    files = mkdtempSync(join(tmpdir(), 'handover-bad-input-'));
  }, 90_000);

  afterAll(async () => {
    await stopTestOrg(org);
    cli?.cleanup();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const object of HANDOVER_OBJECTS) out[object] = (await admin.query(`SELECT COUNT() FROM ${object}`)).totalSize;
    return out;
  }

  function expectRefused(output: JsonOutput, name: string, mentions?: RegExp): void {
    expect(output).toMatchObject({ status: 1, name });
    expect(output.message).toEqual(expect.any(String));
    if (mentions) expect(output.message).toMatch(mentions);
    expect(output.actions?.length ?? 0).toBeGreaterThan(0);
    for (const action of output.actions ?? []) expect(action.trim().length).toBeGreaterThan(0);
  }

  const lastDay = DateTime.now().plus({ weeks: 3 }).toISODate() ?? '';
  const start = (user: string, successors: string[], extra: string[] = [], day = lastDay): string[] => [
    'start',
    '--user',
    user,
    ...successors.flatMap((s) => ['--successor', s]),
    '--last-day',
    day,
    ...extra,
  ];

  function file(name: string, content: string | Uint8Array): string {
    const path = join(files, name);
    writeFileSync(path, content);
    return path;
  }
  const byFile = (path: string): string[] => ['--split', 'by-file', '--split-file', path];

  it('refuses bad parties and dates, and writes nothing', async () => {
    const before = await counts();
    const twoDaysAgo = DateTime.now().minus({ days: 2 }).toISODate() ?? '';
    const cases: [string[], string, RegExp?][] = [
      [start('nobody@handover.local', [SUCCESSOR]), 'DEPARTING_NOT_FOUND', /nobody@handover\.local/],
      [start(DEPARTING, ['ghost@handover.local']), 'SUCCESSOR_NOT_FOUND', /ghost@handover\.local/],
      [start(DEPARTING, [INACTIVE]), 'SUCCESSOR_INACTIVE', /inactive/],
      [start(DEPARTING, [FROZEN]), 'SUCCESSOR_FROZEN', /frozen/],
      [start(DEPARTING, [SUCCESSOR, DEPARTING]), 'SUCCESSOR_IS_DEPARTING', /departing user/],
      [start(DEPARTING, [NO_API]), 'SUCCESSOR_CANNOT_OWN', /API access/],
      [start(DEPARTING, [SUCCESSOR], [], twoDaysAgo), 'LAST_DAY_IN_PAST', /before today/],
      [start(DEPARTING, [SUCCESSOR], [], '2026-13-45'), 'INVALID_INPUT', /YYYY-MM-DD|calendar date/],
      [start(DEPARTING, [SUCCESSOR, SUCCESSOR2], ['--split', 'single']), 'SPLIT_INVALID', /exactly one successor/],
    ];
    const outputs = await Promise.all(cases.map(([args]) => cli.run(MANAGER, args)));
    outputs.forEach((output, i) => expectRefused(output, cases[i]![1], cases[i]![2]));
    expect(await counts()).toEqual(before);
  }, 180_000);

  it('refuses a malformed --split by-file CSV with what is wrong and where, and writes nothing', async () => {
    const before = await counts();
    const [first, second] = departingAccounts;
    // An account Id that is well formed but not in the departing rep's book.
    const foreign = (
      await admin.query<{ Id: string }>(`SELECT Id FROM Account WHERE Owner.Username != '${DEPARTING}' LIMIT 1`)
    ).records[0]!.Id;
    const every = (successor: (i: number) => string): string =>
      ['account,successor', ...departingAccounts.map((id, i) => `${id},${successor(i)}`)].join('\n');
    const cases: [string[], string, RegExp][] = [
      [
        byFile(file('header.csv', `id,owner\n${first},${SUCCESSOR}\n`)),
        'SPLIT_FILE_INVALID',
        /header row \(id, owner\)/,
      ],
      [byFile(file('empty.csv', '')), 'SPLIT_FILE_INVALID', /empty/],
      [
        byFile(
          file(
            'garbage.csv',
            Uint8Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256),
          ),
        ),
        'SPLIT_FILE_INVALID',
        /not a UTF-8 text file/,
      ],
      [
        byFile(file('notanid.csv', `account,successor\nAcme,${SUCCESSOR}\n`)),
        'SPLIT_FILE_INVALID',
        /row 2: "Acme" is not an account Id/,
      ],
      [byFile(file('quote.csv', `account,successor\n"${first},${SUCCESSOR}\n`)), 'SPLIT_FILE_INVALID', /never closed/],
      [
        byFile(file('unknown-account.csv', `${every(() => SUCCESSOR)}\n${foreign},${SUCCESSOR}\n`)),
        'SPLIT_INVALID',
        new RegExp(`${foreign}.*not in the departing user's book`),
      ],
      [
        byFile(
          file(
            'unknown-successor.csv',
            every((i) => (i === 0 ? 'lina@handover.local' : SUCCESSOR)),
          ),
        ),
        'SPLIT_INVALID',
        /lina@handover\.local, who is not a successor/,
      ],
      [
        byFile(file('unassigned.csv', `account,successor\n${first},${SUCCESSOR}\n${second},${SUCCESSOR}\n`)),
        'SPLIT_INVALID',
        /has no successor/,
      ],
      [['--split', 'by-file'], 'SPLIT_FILE_MISSING', /--split by-file needs/],
      [['--split-file', file('unused.csv', 'account,successor\n')], 'SPLIT_FILE_UNUSED', /--split by-file/],
    ];
    const outputs = await Promise.all(cases.map(([extra]) => cli.run(MANAGER, start(DEPARTING, [SUCCESSOR], extra))));
    outputs.forEach((output, i) => expectRefused(output, cases[i]![1], cases[i]![2]));
    expect(await counts()).toEqual(before);
  }, 180_000);

  it('refuses an Id of another object and a malformed Id wherever a handover is expected', async () => {
    const account = departingAccounts[0]!;
    const dir = mkdtempSync(join(files, 'export-'));
    const outputs = await Promise.all([
      cli.run(MANAGER, ['show', '--handover', account]),
      cli.run(DEPARTING, ['sign', '--handover', account]),
      cli.run(MANAGER, ['approve', '--handover', account, '--no-prompt']),
      cli.run(MANAGER, ['export', '--handover', account, '--format', 'json', '--output-dir', dir]),
      cli.run(MANAGER, ['show', '--handover', 'not-an-id']),
    ]);
    outputs.slice(0, 4).forEach((output) => expectRefused(output, 'WRONG_OBJECT', /Account/));
    expectRefused(outputs[4], 'INVALID_INPUT');
    expect(readdirSync(dir)).toEqual([]);
    expect((await counts()).Handover__c).toBe(0);
  }, 180_000);

  it('refuses a signer or exporter who is not a party of the handover, and writes nothing', async () => {
    const started = await cli.run(MANAGER, start(DEPARTING, [SUCCESSOR]));
    expect(started.status).toBe(0);
    const handoverId = String(started.result?.handoverId);
    const before = await counts();
    const dir = mkdtempSync(join(files, 'outsider-'));
    const [sign, exported, ask] = await Promise.all([
      cli.run(OUTSIDER, ['sign', '--handover', handoverId]),
      cli.run(OUTSIDER, ['export', '--handover', handoverId, '--format', 'html', '--output-dir', dir]),
      cli.run(OUTSIDER, ['ask', '--handover', handoverId, '--question', 'Who are you?']),
    ]);
    for (const output of [sign, exported, ask]) expectRefused(output, 'NOT_A_PARTY');
    expect(readdirSync(dir)).toEqual([]);
    expect(await counts()).toEqual(before);
    // Approving before the departing rep signed needs a written override reason: refused, nothing written.
    expectRefused(
      await cli.run(MANAGER, ['approve', '--handover', handoverId, '--no-prompt']),
      'OVERRIDE_REASON_REQUIRED',
    );
    expect(await counts()).toEqual(before);
  }, 180_000);
});
