/**
 * The relationship maps of a handover, ready to draw: its contact notes grouped by account, with the
 * names and titles the org gives the contacts and accounts (as the acting user sees them; anyone they
 * cannot see keeps their Id).
 */
import { z } from 'zod';
import { accountMaps, type AccountMap } from '../../core/pictures/relationshipMap.js';
import type { OrgConnection } from '../connection.js';
import { id18 } from '../store/ids.js';
import type { Handover } from '../store/model.js';
import { queryByIds } from '../store/query.js';

const contactRow = z.object({ Id: z.string(), Name: z.string().nullish(), Title: z.string().nullish() });
const accountRow = z.object({ Id: z.string(), Name: z.string().nullish() });

export async function relationshipMapsOf(conn: OrgConnection, handover: Handover): Promise<AccountMap[]> {
  const notes = handover.contactNotes.map((n) => ({
    ...n,
    contactId: n.contactId === null ? null : id18(n.contactId),
    accountId: n.accountId === null ? null : id18(n.accountId),
    reportsToId: n.reportsToId === null ? null : id18(n.reportsToId),
  }));
  const contactIds = unique(notes.map((n) => n.contactId));
  const accountIds = unique(notes.map((n) => n.accountId));
  const [contacts, accounts] = await Promise.all([
    queryByIds(conn, 'Contact', 'Id, Name, Title', contactIds, contactRow, 'contacts'),
    queryByIds(conn, 'Account', 'Id, Name', accountIds, accountRow, 'accounts'),
  ]);
  return accountMaps(notes, {
    contacts: new Map(contacts.map((c) => [id18(c.Id), { name: c.Name ?? null, title: c.Title ?? null }])),
    accounts: new Map(accounts.flatMap((a) => (a.Name ? [[id18(a.Id), a.Name] as const] : []))),
  });
}

function unique(ids: readonly (string | null)[]): string[] {
  return [...new Set(ids.filter((id): id is string => id !== null))];
}
