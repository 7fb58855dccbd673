/**
 * The handover commands end to end, as users run them: `node scripts/run.js handover ... --json`
 * child processes (the compiled plugin in lib/, so build first) against a local org seeded with the
 * demo book, signed in as each party through sf auth files in a throwaway HOME.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type jsforce from 'jsforce';
import { DateTime } from 'luxon';
import { startTestOrg, stopTestOrg, type TestOrg } from '../../helpers/localOrg.js';
import { pluginCli, type JsonOutput, type PluginCli } from '../../helpers/pluginCli.js';

const MANAGER = 'manager@handover.local';
const DEPARTING = 'departing@handover.local';
const SUCCESSOR = 'successor1@handover.local';
const SUCCESSORS = [SUCCESSOR, 'successor2@handover.local'];
// Above the manager in the role hierarchy: sees the handover, but is not one of its parties.
const OUTSIDER = 'director@handover.local';

describe('handover commands against a local org (workflow)', () => {
  let org: TestOrg;
  let admin: jsforce.Connection;
  let cli: PluginCli;
  /** The handover the workflow approves; the reassignment tests move its records. */
  let approvedId = '';

  beforeAll(async () => {
    org = await startTestOrg({ seed: 'demo' });
    admin = await org.login();
    cli = await pluginCli(org, [MANAGER, DEPARTING, ...SUCCESSORS, OUTSIDER]);
  }, 60_000);

  afterAll(async () => {
    await stopTestOrg(org);
    cli.cleanup();
  });

  const run = (as: string, args: string[]): Promise<JsonOutput> => cli.run(as, args);

  async function count(sobject: string): Promise<number> {
    return (await admin.query(`SELECT COUNT() FROM ${sobject}`)).totalSize;
  }

  function expectRefused(output: JsonOutput, name: string): void {
    expect(output).toMatchObject({ status: 1, name });
    expect(output.message).toEqual(expect.any(String));
    expect(output.actions?.length ?? 0).toBeGreaterThan(0);
  }

  const lastDay = DateTime.now().plus({ weeks: 3 }).toISODate() ?? '';
  const startArgs = (user: string, successors: string[], day = lastDay): string[] => [
    'start',
    '--user',
    user,
    ...successors.flatMap((s) => ['--successor', s]),
    '--last-day',
    day,
  ];

  it('refuses bad start inputs and writes nothing', async () => {
    const yesterday = DateTime.now().minus({ days: 2 }).toISODate() ?? '';
    const [unknown, self, past] = await Promise.all([
      run(MANAGER, startArgs('nobody@handover.local', SUCCESSORS)),
      run(MANAGER, startArgs(DEPARTING, [DEPARTING])),
      run(MANAGER, startArgs(DEPARTING, SUCCESSORS, yesterday)),
    ]);
    expectRefused(unknown, 'DEPARTING_NOT_FOUND');
    expectRefused(self, 'SUCCESSOR_IS_DEPARTING');
    expectRefused(past, 'LAST_DAY_IN_PAST');
    expect(await count('Handover__c')).toBe(0);
    expect(await count('Handover_Event__c')).toBe(0);
  });

  it('runs start, note --confirm, sign, approve and show', async () => {
    const started = await run(MANAGER, startArgs(DEPARTING, SUCCESSORS));
    expect(started.status).toBe(0);
    const start = started.result as {
      handoverId: string;
      status: string;
      counts: Record<string, number>;
      successors: { username: string }[];
      completeness: { score: number };
    };
    expect(start.status).toBe('Draft');
    expect(start.handoverId).toMatch(/^[a-zA-Z0-9]{18}$/);
    expect(start.successors.map((s) => s.username)).toEqual(SUCCESSORS);
    expect(Object.values(start.counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(start.completeness.score).toEqual(expect.any(Number));
    const handover = ['--handover', start.handoverId];
    approvedId = start.handoverId;

    // Bad ids and the wrong signer: refused, nothing written.
    const [account] = (await admin.query<{ Id: string }>('SELECT Id FROM Account LIMIT 1')).records;
    const signaturesBefore = await count('Handover_Signature__c');
    const eventsBefore = await count('Handover_Event__c');
    const [wrongObject, outsider] = await Promise.all([
      run(MANAGER, ['show', '--handover', account?.Id ?? '']),
      run(OUTSIDER, ['sign', ...handover]),
    ]);
    expectRefused(wrongObject, 'WRONG_OBJECT');
    expectRefused(outsider, 'NOT_A_PARTY');
    expect(await count('Handover_Signature__c')).toBe(signaturesBefore);
    expect(await count('Handover_Event__c')).toBe(eventsBefore);

    // The departing rep fills in the relationship map.
    const [mapped] = (
      await admin.query<{ Contact__c: string; Account__c: string; Contact_Name__c: string }>(
        `SELECT Contact__c, Account__c, Contact_Name__c FROM Handover_Contact__c WHERE Handover__c = '${start.handoverId}' ORDER BY Contact_Name__c LIMIT 1`,
      )
    ).records;
    const noted = await run(DEPARTING, [
      'contact',
      ...handover,
      '--contact',
      mapped?.Contact__c ?? '',
      '--stance',
      'Champion',
      '--cares-about',
      'price/performance',
      '--confirm',
    ]);
    expect(noted).toMatchObject({ status: 0, result: { changed: true } });

    const confirmed = await run(DEPARTING, ['note', ...handover, '--confirm']);
    expect(confirmed).toMatchObject({ status: 0, result: { unconfirmedItemCount: 0, changed: true } });

    const departingSigned = await run(DEPARTING, ['sign', ...handover, '--comment', 'All true']);
    expect(departingSigned).toMatchObject({
      status: 0,
      result: { role: 'departing', status: 'Signed_By_Departing' },
    });
    const hash = departingSigned.result?.contentHash;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);

    for (const successor of SUCCESSORS) {
      const signed = await run(successor, ['sign', ...handover]);
      expect(signed).toMatchObject({ status: 0, result: { role: 'successor', contentHash: hash } });
    }

    const approved = await run(MANAGER, ['approve', ...handover]);
    expect(approved).toMatchObject({ status: 0, result: { role: 'manager', status: 'Approved', contentHash: hash } });

    // Questions and answers go on after the approval, without touching the signed content.
    const asked = await run(SUCCESSOR, ['ask', ...handover, '--question', 'Who signs their renewals?']);
    expect(asked).toMatchObject({ status: 0, result: { action: 'question' } });
    const answered = await run(DEPARTING, [
      'answer',
      ...handover,
      '--item',
      String(asked.result?.itemId),
      '--answer',
      'The CFO.',
    ]);
    expect(answered).toMatchObject({ status: 0, result: { action: 'answer', itemId: asked.result?.itemId } });

    // A successor works through an account: its items and map, then marks it reviewed.
    const successorAccounts = new Set(
      (
        await admin.query<{ Record_Id__c: string }>(
          `SELECT Record_Id__c FROM Handover_Item__c WHERE Handover__c = '${start.handoverId}' AND Object_Type__c = 'Account' AND Successor__r.Username = '${SUCCESSOR}'`,
        )
      ).records.map((r) => r.Record_Id__c),
    );
    const own = (
      await admin.query<{ Account__c: string }>(
        `SELECT Account__c FROM Handover_Contact__c WHERE Handover__c = '${start.handoverId}'`,
      )
    ).records.find((n) => successorAccounts.has(n.Account__c));
    const accountView = await run(SUCCESSOR, ['account', ...handover, '--account', own?.Account__c ?? '']);
    expect(accountView.status).toBe(0);
    const ofAccount = accountView.result as unknown as {
      items: unknown[];
      map: { people: { name: string }[] } | null;
      reviewed: { done: number; total: number };
    };
    expect(ofAccount.items.length).toBeGreaterThan(0);
    expect(ofAccount.map?.people.length).toBeGreaterThan(0);
    expect(ofAccount.reviewed).toEqual({ done: 0, total: ofAccount.items.length });
    const reviewed = await run(SUCCESSOR, ['review', ...handover, '--account', own?.Account__c ?? '']);
    expect(reviewed).toMatchObject({ status: 0, result: { reviewed: true } });
    expect((reviewed.result as unknown as { itemIds: string[] }).itemIds).toHaveLength(ofAccount.items.length);

    const shown = await run(MANAGER, ['show', ...handover, '--section', 'signatures']);
    expect(shown.status).toBe(0);
    const view = shown.result as { handover: { header: { status: string } }; validSignatures: unknown[] };
    expect(view.handover.header.status).toBe('Approved');
    expect(view.validSignatures).toHaveLength(4);

    const listed = await run(MANAGER, ['list', '--status', 'Approved']);
    expect(listed.status).toBe(0);
    expect((listed.result as unknown as { id: string }[]).map((h) => h.id)).toEqual([start.handoverId]);
  }, 120_000);

  type ItemRow = { Object_Type__c: string; Record_Id__c: string; Successor__c: string; Transfer_Status__c: string };

  /** The handover's record items, and each record's owner now, read with admin SOQL (not through the plugin). */
  async function ownersNow(handoverId: string): Promise<{ item: ItemRow; owner: string | undefined }[]> {
    const items = (
      await admin.query<ItemRow>(
        `SELECT Object_Type__c, Record_Id__c, Successor__c, Transfer_Status__c FROM Handover_Item__c WHERE Handover__c = '${handoverId}' AND Record_Id__c != null AND Successor__c != null`,
        { autoFetch: true, maxFetch: 100_000 },
      )
    ).records;
    const owners = new Map<string, string>();
    for (const object of new Set(items.map((i) => i.Object_Type__c))) {
      const ids = items.filter((i) => i.Object_Type__c === object).map((i) => `'${i.Record_Id__c}'`);
      for (let k = 0; k < ids.length; k += 200) {
        const rows = await admin.query<{ Id: string; OwnerId: string }>(
          `SELECT Id, OwnerId FROM ${object} WHERE Id IN (${ids.slice(k, k + 200).join(',')})`,
        );
        for (const r of rows.records) owners.set(r.Id, r.OwnerId);
      }
    }
    return items.map((item) => ({ item, owner: owners.get(item.Record_Id__c) }));
  }

  it('runs reassign --dry-run, reassign, verify, export and rollback', async () => {
    expect(approvedId).not.toBe('');
    const handover = ['--handover', approvedId];
    const [departing] = (await admin.query<{ Id: string }>(`SELECT Id FROM User WHERE Username = '${DEPARTING}'`))
      .records;
    const departingId = departing?.Id ?? '';
    const before = await ownersNow(approvedId);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((o) => o.owner === departingId)).toBe(true);

    // The dry run plans and writes nothing.
    const dry = await run(MANAGER, ['reassign', ...handover, '--dry-run']);
    expect(dry).toMatchObject({
      status: 0,
      result: { dryRun: true, async: false, kind: 'reassign', status: 'Approved' },
    });
    const plan = dry.result as { counts: { total: { move: number } }; phases: { phase: string; methods: string[] }[] };
    expect(plan.counts.total.move).toBeGreaterThan(0);
    expect(plan.phases[0]?.phase).toBe('accounts');
    expect(plan.phases.every((p) => p.methods.length > 0)).toBe(true);
    expect(await ownersNow(approvedId)).toEqual(before);

    // A live run elsewhere holds the lease: resume watches it (and --wait 0 returns at once, exit 1), reassign is refused.
    const expires = new Date(Date.now() + 10 * 60_000).toISOString();
    await admin
      .sobject('Handover__c')
      .update({ Id: approvedId, Run_Lease_Owner__c: 'another-run', Run_Lease_Expires__c: expires });
    const watched = await run(MANAGER, ['resume', ...handover, '--wait', '0']);
    expect(watched).toMatchObject({
      status: 1,
      result: { action: 'watched', status: 'Approved', run: null, watch: { finished: false, polls: 1 } },
    });
    expectRefused(await run(MANAGER, ['reassign', ...handover, '--no-prompt']), 'RUN_IN_PROGRESS');
    await admin.sobject('Handover__c').update({ Id: approvedId, Run_Lease_Owner__c: null, Run_Lease_Expires__c: null });
    expect(await ownersNow(approvedId)).toEqual(before);

    // Only the manager may run it.
    expectRefused(await run(DEPARTING, ['reassign', ...handover, '--no-prompt']), 'ROLE_NOT_ALLOWED');

    const reassigned = await run(MANAGER, ['reassign', ...handover, '--no-prompt']);
    expect(reassigned).toMatchObject({ status: 0, result: { status: 'Reassigned', dryRun: false, async: false } });
    const outcome = (reassigned.result as { outcome: { transferred: number; failed: number; conflicts: number } })
      .outcome;
    expect(outcome).toMatchObject({ transferred: plan.counts.total.move, failed: 0, conflicts: 0 });
    expect((reassigned.result as { verification: { ok: boolean } }).verification.ok).toBe(true);
    const after = await ownersNow(approvedId);
    const moved = after.filter((o) => o.item.Transfer_Status__c === 'Transferred');
    expect(moved.length).toBeGreaterThan(0);
    for (const { item, owner } of moved) expect(owner).toBe(item.Successor__c);
    // What stays by policy (closed deals, completed activities) is still the departing user's.
    for (const { owner } of after.filter((o) => o.item.Transfer_Status__c !== 'Transferred')) {
      expect(owner).toBe(departingId);
    }

    const verified = await run(MANAGER, ['verify', ...handover]);
    expect(verified).toMatchObject({
      status: 0,
      result: { status: 'Reassigned', report: { ok: true, leftWithDeparting: 0 } },
    });
    // Any party may verify.
    expect(await run(SUCCESSOR, ['verify', ...handover])).toMatchObject({
      status: 0,
      result: { report: { ok: true } },
    });

    // The HR archive after the move: every format, with the signatures and the verified log.
    const archive = mkdtempSync(join(tmpdir(), 'handover-export-'));
    try {
      for (const format of ['json', 'csv', 'html']) {
        const exported = await run(MANAGER, [
          'export',
          ...handover,
          '--format',
          format,
          '--output-dir',
          join(archive, format),
        ]);
        expect(exported).toMatchObject({ status: 0, result: { format, chainOk: true } });
        const files = (exported.result as { files: { path: string; bytes: number }[] }).files;
        expect(files.length).toBeGreaterThan(0);
        for (const f of files) expect(f.bytes).toBeGreaterThan(0);
      }
    } finally {
      rmSync(archive, { recursive: true, force: true });
    }

    const rolledBack = await run(MANAGER, ['rollback', ...handover, '--no-prompt']);
    expect(rolledBack).toMatchObject({ status: 0, result: { kind: 'rollback', status: 'Rolled_Back' } });
    expect((rolledBack.result as { outcome: { transferred: number } }).outcome.transferred).toBe(moved.length);
    const back = await ownersNow(approvedId);
    for (const { owner } of back) expect(owner).toBe(departingId);
    expect(back.filter((o) => o.item.Transfer_Status__c === 'Rolled_Back')).toHaveLength(moved.length);

    // A rolled-back handover has nothing left to undo.
    expectRefused(await run(MANAGER, ['rollback', ...handover, '--no-prompt']), 'NOTHING_TO_UNDO');
  }, 180_000);
});
