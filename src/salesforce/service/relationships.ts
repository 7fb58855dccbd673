/**
 * The relationship maps of a handover, ready to draw: its contact notes grouped by account, with the
 * names the handover kept of the contacts (a successor cannot open them before the reassignment),
 * and the accounts' names as the acting user sees them (anything they cannot see keeps its Id).
 */
import { z } from 'zod';
import { accountMaps, type AccountMap } from '../../core/pictures/relationshipMap.js';
import type { OrgConnection } from '../connection.js';
import { id18 } from '../store/ids.js';
import type { Handover } from '../store/model.js';
import { queryByIds } from '../store/query.js';

const contactRow = z.object({ Id: z.string(), Name: z.string().nullish(), Title: z.string().nullish() });
const accountRow = z.object({ Id: z.string(), Name: z.string().nullish() });

/** Every account's map, or only `accountId`'s. */
export async function relationshipMapsOf(
  conn: OrgConnection,
  handover: Handover,
  accountId?: string,
): Promise<AccountMap[]> {
  const only = accountId === undefined ? undefined : id18(accountId);
  const notes = handover.contactNotes
    .filter((n) => only === undefined || (n.accountId !== null && id18(n.accountId) === only))
    .map((n) => ({
      ...n,
      contactId: n.contactId === null ? null : id18(n.contactId),
      accountId: n.accountId === null ? null : id18(n.accountId),
      reportsToId: n.reportsToId === null ? null : id18(n.reportsToId),
    }));
  // Only contacts the handover does not name yet (handovers built before it kept names) are read.
  const contactIds = unique(notes.filter((n) => n.contactName === null).map((n) => n.contactId));
  // Account names as the handover's Account items keep them; the others are read.
  const kept = new Map(
    handover.items.flatMap((i) =>
      i.objectType === 'Account' && i.recordId !== null && i.recordName !== null
        ? [[id18(i.recordId), i.recordName] as const]
        : [],
    ),
  );
  const accountIds = unique(notes.map((n) => n.accountId)).filter((id) => !kept.has(id));
  const [contacts, accounts] = await Promise.all([
    queryByIds(conn, 'Contact', 'Id, Name, Title', contactIds, contactRow, 'contacts'),
    queryByIds(conn, 'Account', 'Id, Name', accountIds, accountRow, 'accounts'),
  ]);
  return accountMaps(notes, {
    contacts: new Map(contacts.map((c) => [id18(c.Id), { name: c.Name ?? null, title: c.Title ?? null }])),
    accounts: new Map([...kept, ...accounts.flatMap((a) => (a.Name ? [[id18(a.Id), a.Name] as const] : []))]),
  });
}

function unique(ids: readonly (string | null)[]): string[] {
  return [...new Set(ids.filter((id): id is string => id !== null))];
}
