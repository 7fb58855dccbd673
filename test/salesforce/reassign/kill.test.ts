/**
 * A run killed with SIGKILL at several points and resumed by another process: the result is the
 * plan's (every move with its successor, every stay with the departing rep, every item journaled
 * Transferred), and no record that moved before the kill is written again.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type jsforce from 'jsforce';
import { reassignHandover } from '../../../src/salesforce/reassign/index.js';
import type { HandoverItem } from '../../../src/salesforce/store/index.js';
import { stopTestOrg } from '../../helpers/localOrg.js';
import { startHandoverOrg } from '../service/helpers.js';
import { approvedHandover, asOrg, itemsOf, ownersOf, recordItemsOf, USERS, userId } from './helpers.js';

const CHILD = join(process.cwd(), 'test/reassignChild.cjs');
const BUILT = existsSync(join(process.cwd(), 'lib/salesforce/reassign/index.js'));

/** Runs the child until `lines` progress lines matching `killAt` were printed, then kills it. */
function runAndKill(conn: jsforce.Connection, handoverId: string, killAt: RegExp, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, conn.instanceUrl, conn.accessToken ?? '', handoverId], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let seen = 0;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      for (const line of d
        .toString()
        .split('\n')
        .filter((l) => l !== '')) {
        lines.push(line);
        if (killAt.test(line) && ++seen === count) child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(lines);
      else reject(new Error(`the run ended before the kill point (${code}): ${stderr} ${lines.join('|')}`));
    });
  });
}

async function stamps(admin: jsforce.Connection, items: readonly HandoverItem[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const byObject = new Map<string, string[]>();
  for (const i of items)
    byObject.set(i.objectType ?? '', [...(byObject.get(i.objectType ?? '') ?? []), i.recordId ?? '']);
  for (const [object, ids] of byObject) {
    for (let k = 0; k < ids.length; k += 200) {
      const list = ids
        .slice(k, k + 200)
        .map((id) => `'${id}'`)
        .join(',');
      const rows = await admin.query<{ Id: string; SystemModstamp: string }>(
        `SELECT Id, SystemModstamp FROM ${object} WHERE Id IN (${list})`,
      );
      for (const r of rows.records) out.set(r.Id, r.SystemModstamp);
    }
  }
  return out;
}

async function teamsOf(admin: jsforce.Connection, accounts: readonly HandoverItem[]): Promise<string[]> {
  const list = accounts.map((a) => `'${a.recordId}'`).join(',');
  const rows = await admin.query<{ AccountId: string; UserId: string }>(
    `SELECT AccountId, UserId FROM AccountTeamMember WHERE AccountId IN (${list})`,
  );
  return rows.records.map((r) => `${r.AccountId}:${r.UserId}`).sort();
}

/** Where to kill, the progress line's count there, and whether moved records' statuses must still wait then. */
const KILL_POINTS: [string, RegExp, number, { journalBehind: boolean }][] = [
  ['after the first batch', /^batch_done/, 1, { journalBehind: false }],
  ['in the middle of the contacts', /^batch_done Contact/, 4, { journalBehind: false }],
  ['as the opportunities start', /^phase_started opportunities/, 1, { journalBehind: false }],
  // Records moved whose statuses the journal has not written yet: resume finds them by their owners.
  ['while moved records wait for the journal', /^journal_written {2}waiting [1-9]/, 2, { journalBehind: true }],
];

// The child runs the built engine: `npm test` builds first; in CI a missing build fails instead of skipping.
(BUILT || process.env.CI === 'true' ? describe : describe.skip)(
  'a run killed with SIGKILL and resumed (local org, demo seed)',
  () => {
    it.each(KILL_POINTS)(
      'resumes a run killed %s',
      async (_name, killAt, count, { journalBehind }) => {
        const org = await startHandoverOrg();
        try {
          // Slower calls where the journal must still be behind at the kill: its next write cannot land first.
          org.ctx.settings.latencyMs = journalBehind ? 30 : 5;
          const admin = await org.login();
          const manager = await org.login(USERS.manager);
          const departingId = await userId(admin, USERS.departing);
          const handoverId = await approvedHandover(org);
          const plan = await reassignHandover(asOrg(manager), handoverId, { dryRun: true });
          const accounts = recordItemsOf(await itemsOf(admin, handoverId)).filter((i) => i.objectType === 'Account');
          const teamsBefore = await teamsOf(admin, accounts);

          await runAndKill(manager, handoverId, killAt, count);
          org.ctx.settings.latencyMs = 5;
          const cut = recordItemsOf(await itemsOf(admin, handoverId));
          const owners = await ownersOf(admin, cut);
          const movedBeforeKill = cut.filter((i) => owners.get(i.recordId ?? '') === i.successorId);
          expect(movedBeforeKill.length).toBeGreaterThan(0);
          expect(movedBeforeKill.length).toBeLessThan(plan.phases.reduce((n, p) => n + p.records, 0));
          if (journalBehind) expect(movedBeforeKill.some((i) => i.transferStatus !== 'Transferred')).toBe(true);
          const before = await stamps(admin, movedBeforeKill);

          // Another process resumes once the dead run's lease has expired.
          await new Promise((r) => setTimeout(r, 1_600));
          const resumed = await reassignHandover(asOrg(manager), handoverId, { leaseSettleMs: 20, followUps: false });
          expect(resumed.status).toBe('Reassigned');
          expect(resumed.planHash).not.toBe('');

          const after = recordItemsOf(await itemsOf(admin, handoverId));
          const finalOwners = await ownersOf(admin, after);
          for (const item of after) {
            const moves = item.transferStatus !== 'Not_Planned';
            expect([item.recordId, item.transferStatus]).toEqual([
              item.recordId,
              moves ? 'Transferred' : 'Not_Planned',
            ]);
            expect([item.recordId, finalOwners.get(item.recordId ?? '')]).toEqual([
              item.recordId,
              moves ? item.successorId : departingId,
            ]);
          }
          expect(after.filter((i) => i.transferStatus === 'Transferred').length).toBe(
            plan.phases.reduce((n, p) => n + p.records, 0),
          );
          // The account teams the cut-off run deleted are back (without the departing rep).
          expect(await teamsOf(admin, accounts)).toEqual(teamsBefore.filter((m) => !m.endsWith(`:${departingId}`)));
          // Not one record that moved before the kill was written again.
          expect(await stamps(admin, movedBeforeKill)).toEqual(before);
        } finally {
          await stopTestOrg(org);
        }
      },
      120_000,
    );
  },
);
