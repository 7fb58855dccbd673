/**
 * One account of a handover, as its successor works through it (the Account tab of the app, `sf
 * handover account`): the account's items, the questions about it, its relationship map, and how
 * much of it the successor has reviewed.
 */
import { z } from 'zod';
import type { AccountMap } from '../../core/pictures/relationshipMap.js';
import type { SignoffRole } from '../../core/signoff.js';
import type { OrgConnection } from '../connection.js';
import { HandoverError } from '../store/errors.js';
import { id18 } from '../store/ids.js';
import type { Handover, HandoverItem } from '../store/model.js';
import type { ServiceDeps } from './deps.js';
import { parseInput, sfId } from './input.js';
import { relationshipMapsOf } from './relationships.js';
import { getHandover } from './view.js';

const accountSchema = z.object({ handoverId: sfId, accountId: sfId });

export type AccountInput = z.input<typeof accountSchema>;

export type AccountHandoverView = {
  handoverId: string;
  role: SignoffRole;
  accountId: string;
  accountName: string;
  successorId: string | null;
  /** The account's item and its records' items (deals, cases, activities...), questions aside. */
  items: HandoverItem[];
  /** Questions asked about the account or one of its records, with their answers. */
  questions: HandoverItem[];
  /** Who reports to whom, who decides, who supports us; null without contact notes. */
  map: AccountMap | null;
  reviewed: { done: number; total: number };
};

/** A party's view of one account of the handover; ACCOUNT_NOT_FOUND when the handover has none of it. */
export async function getAccountHandover(
  conn: OrgConnection,
  rawInput: AccountInput,
  deps: Partial<ServiceDeps> = {},
): Promise<AccountHandoverView> {
  const input = parseInput(accountSchema, rawInput, 'open an account of a handover');
  const view = await getHandover(conn, { handoverId: input.handoverId }, deps);
  const { handover } = view;
  const accountId = id18(input.accountId);
  const mine = itemsOfAccount(handover, accountId);
  const account = mine.find((i) => i.objectType === 'Account' && i.recordId !== null && id18(i.recordId) === accountId);
  if (mine.length === 0) {
    throw new HandoverError('ACCOUNT_NOT_FOUND', `Handover ${handover.header.id} has no account ${accountId}.`, {
      actions: ['List its accounts with `sf handover show --section accounts`.'],
      data: { handoverId: handover.header.id, accountId },
    });
  }
  const [map] = await relationshipMapsOf(conn, handover, accountId);
  const items = mine.filter((i) => i.category !== 'Question');
  return {
    handoverId: handover.header.id,
    role: view.role,
    accountId,
    accountName: account?.recordName ?? map?.accountName ?? accountId,
    successorId: account?.successorId ?? items.find((i) => i.successorId !== null)?.successorId ?? null,
    items,
    questions: mine.filter((i) => i.category === 'Question'),
    map: map ?? null,
    reviewed: { done: items.filter((i) => i.reviewedBySuccessor).length, total: items.length },
  };
}

/** The items of an account: its own and those of its records (accountId), in the handover's order. */
export function itemsOfAccount(handover: Handover, accountId: string): HandoverItem[] {
  return handover.items.filter(
    (i) =>
      (i.accountId !== null && id18(i.accountId) === accountId) ||
      (i.recordId !== null && id18(i.recordId) === accountId),
  );
}
