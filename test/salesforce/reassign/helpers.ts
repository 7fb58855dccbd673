/** Shared by the reassignment integration tests: an approved handover on a demo local org, and owner reads. */
import type jsforce from 'jsforce';
import { approve, confirmItems, getHandover, sign, startHandover } from '../../../src/salesforce/service/index.js';
import { loadItems, type HandoverItem } from '../../../src/salesforce/store/index.js';
import type { TestOrg } from '../../helpers/localOrg.js';
import { asOrg, businessDaysFromToday, USERS } from '../service/helpers.js';

export { asOrg, USERS, userId } from '../service/helpers.js';

/** Starts a handover of `departing` to the successors, has every party sign and the manager approve it. */
export async function approvedHandover(
  org: TestOrg,
  successors: readonly string[] = [USERS.successor1, USERS.successor2, USERS.successor3],
  departing: string = USERS.departing,
): Promise<string> {
  const admin = await org.login();
  const manager = asOrg(await org.login(USERS.manager));
  const { day } = await businessDaysFromToday(admin, 6);
  const started = await startHandover(manager, {
    departing,
    successors: [...successors],
    split: { kind: 'even' },
    lastWorkingDay: day,
    reason: 'Resignation',
  });
  const rep = asOrg(await org.login(departing));
  const view = await getHandover(rep, { handoverId: started.handoverId });
  const open = view.handover.items.filter((i) => !i.confirmedByDeparting && i.category !== 'Question').map((i) => i.id);
  await confirmItems(rep, { handoverId: started.handoverId, itemIds: open });
  await sign(rep, { handoverId: started.handoverId });
  for (const s of successors) await sign(asOrg(await org.login(s)), { handoverId: started.handoverId });
  await approve(manager, { handoverId: started.handoverId });
  return started.handoverId;
}

export async function itemsOf(conn: jsforce.Connection, handoverId: string): Promise<HandoverItem[]> {
  return loadItems(asOrg(conn), handoverId);
}

/** recordId -> OwnerId, read independently with one query per object. */
export async function ownersOf(
  admin: jsforce.Connection,
  items: readonly Pick<HandoverItem, 'objectType' | 'recordId'>[],
): Promise<Map<string, string>> {
  const byObject = new Map<string, string[]>();
  for (const i of items) {
    if (i.objectType === null || i.recordId === null) continue;
    byObject.set(i.objectType, [...(byObject.get(i.objectType) ?? []), i.recordId]);
  }
  const owners = new Map<string, string>();
  for (const [object, ids] of byObject) {
    for (let k = 0; k < ids.length; k += 200) {
      const list = ids
        .slice(k, k + 200)
        .map((id) => `'${id}'`)
        .join(',');
      const result = await admin.query<{ Id: string; OwnerId: string }>(
        `SELECT Id, OwnerId FROM ${object} WHERE Id IN (${list})`,
        { autoFetch: true, maxFetch: 100_000 },
      );
      for (const r of result.records) owners.set(r.Id, r.OwnerId);
    }
  }
  return owners;
}

export const RECORD_CATEGORIES = new Set([
  'Record',
  'Pending_Item',
  'Open_Opportunity',
  'Complaint',
  'Contract_Renewal',
]);

export function recordItemsOf(items: readonly HandoverItem[]): HandoverItem[] {
  return items.filter((i) => RECORD_CATEGORIES.has(i.category) && i.recordId !== null && i.successorId !== null);
}
