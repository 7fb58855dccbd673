/**
 * Questions and answers between the successors and the departing rep, and the successors' "reviewed"
 * marks. None of it is signed content: it goes on through the transition period, after approval too,
 * without making signatures stale. Every post is in the audit log.
 */
import { z } from 'zod';
import { decide } from '../../core/signoff.js';
import type { OrgConnection } from '../connection.js';
import { upsertItems } from '../store/children.js';
import { HandoverError } from '../store/errors.js';
import { appendEvents } from '../store/events.js';
import { objectOfId } from '../store/handovers.js';
import { id18 } from '../store/ids.js';
import type { HandoverItem, ItemChange } from '../store/model.js';
import { itemsOfAccount } from './account.js';
import { findItem } from './checklist.js';
import { withDefaults, type ServiceDeps } from './deps.js';
import { parseInput, sfId } from './input.js';
import { accepted, loadAsParty, type LoadedHandover } from './state.js';

export type QaResult = { handoverId: string; itemId: string; action: string; at: string };

// ---------------------------------------------------------------- ask

const askSchema = z.object({
  handoverId: sfId,
  question: z.string().trim().min(1, 'write the question').max(32768),
  recordId: sfId.optional(),
});

export type AskInput = z.input<typeof askSchema>;

/** A successor (or the manager) asks the departing rep a question, about a record or in general. */
export async function ask(conn: OrgConnection, rawInput: AskInput, deps: Partial<ServiceDeps> = {}): Promise<QaResult> {
  const input = parseInput(askSchema, rawInput, 'ask a question');
  const d = withDefaults(deps);
  const loaded = await loadAsParty(conn, input.handoverId, d);
  if (loaded.role === 'departing') {
    throw new HandoverError(
      'ROLE_NOT_ALLOWED',
      'The departing rep answers questions; add a note to the item instead.',
      {
        actions: ['Add a note to the item.'],
      },
    );
  }
  const at = d.now().toISOString();
  const decision = accepted(decide(loaded.state, { type: 'edit', part: 'qa', actorId: loaded.actorId, at }), loaded);
  const about =
    input.recordId === undefined ? undefined : loaded.handover.items.find((i) => i.recordId === input.recordId);
  const question: ItemChange = {
    category: 'Question',
    objectType:
      input.recordId === undefined ? null : (about?.objectType ?? (await objectOfId(conn, input.recordId)) ?? null),
    recordId: input.recordId ?? null,
    recordName: about?.recordName ?? null,
    accountId: about?.accountId ?? null,
    successorId: loaded.role === 'successor' ? loaded.actorId : null,
    askedById: loaded.actorId,
    notes: input.question,
    state: 'Open',
  };
  const [itemId = ''] = (await upsertItems(conn, loaded.handover.header.id, [question])).insertedIds;
  await appendEvents(
    conn,
    loaded.handover.header.id,
    qaEvents(decision.events, { kind: 'question', itemId, recordId: input.recordId ?? null }),
  );
  return { handoverId: loaded.handover.header.id, itemId, action: 'question', at };
}

// ---------------------------------------------------------------- answer

const answerSchema = z.object({
  handoverId: sfId,
  itemId: sfId,
  answer: z.string().trim().min(1, 'write the answer').max(32768),
});

export type AnswerInput = z.input<typeof answerSchema>;

/** The departing rep answers a question (the manager may, once the rep is gone). */
export async function answer(
  conn: OrgConnection,
  rawInput: AnswerInput,
  deps: Partial<ServiceDeps> = {},
): Promise<QaResult> {
  const input = parseInput(answerSchema, rawInput, 'answer a question');
  const d = withDefaults(deps);
  const loaded = await loadAsParty(conn, input.handoverId, d);
  if (loaded.role === 'successor') {
    throw new HandoverError('ROLE_NOT_ALLOWED', 'The departing rep (or the manager) answers questions.', {
      actions: ['Ask a follow-up question instead.'],
    });
  }
  const item = findItem(loaded, input.itemId, undefined);
  if (item.category !== 'Question') {
    throw new HandoverError('ITEM_NOT_FOUND', `Item ${item.id} is not a question.`, {
      actions: ['Add a note to the item instead.'],
      data: { itemId: item.id },
    });
  }
  const at = d.now().toISOString();
  const decision = accepted(decide(loaded.state, { type: 'edit', part: 'qa', actorId: loaded.actorId, at }), loaded);
  await upsertItems(conn, loaded.handover.header.id, [
    { id: item.id, answer: input.answer, answeredAt: at, state: 'Done' },
  ]);
  await appendEvents(
    conn,
    loaded.handover.header.id,
    qaEvents(decision.events, { kind: 'answer', itemId: item.id, answeredAgain: item.answer !== null }),
  );
  return { handoverId: loaded.handover.header.id, itemId: item.id, action: 'answer', at };
}

// ---------------------------------------------------------------- reviewed

const reviewSchema = z
  .object({
    handoverId: sfId,
    /** These items. */
    itemIds: z.array(sfId).min(1, 'name the items reviewed').optional(),
    /** The acting successor's items of this account. */
    accountId: sfId.optional(),
    /** Every item assigned to the acting successor. */
    all: z.literal(true).optional(),
    reviewed: z.boolean().optional().default(true),
  })
  .refine((i) => [i.itemIds, i.accountId, i.all].filter((v) => v !== undefined).length === 1, {
    message: 'name the items reviewed: their Ids, an account, or all of yours (exactly one of them)',
  });

export type ReviewInput = z.input<typeof reviewSchema>;

export type ReviewResult = { handoverId: string; itemIds: string[]; reviewed: boolean; at: string };

/**
 * A successor marks items as reviewed (or takes the mark back): the "check the successor did". The
 * items are named, or they are the successor's own items of one account, or all of their own items.
 */
export async function markReviewed(
  conn: OrgConnection,
  rawInput: ReviewInput,
  deps: Partial<ServiceDeps> = {},
): Promise<ReviewResult> {
  const input = parseInput(reviewSchema, rawInput, 'mark items reviewed');
  const d = withDefaults(deps);
  const loaded = await loadAsParty(conn, input.handoverId, d);
  if (loaded.role !== 'successor') {
    throw new HandoverError('ROLE_NOT_ALLOWED', 'Only successors mark items as reviewed.', {
      actions: ['Sign in as a successor of this handover to review the items they take over.'],
      data: { role: loaded.role },
    });
  }
  const at = d.now().toISOString();
  // Reviewing is allowed wherever questions are (decide's Q&A states).
  accepted(decide(loaded.state, { type: 'edit', part: 'qa', actorId: loaded.actorId, at }), loaded);
  const items = itemsToReview(loaded, input);
  const changes = items
    .filter((i) => i.reviewedBySuccessor !== input.reviewed)
    .map((i) => ({ id: i.id, reviewedBySuccessor: input.reviewed }));
  if (changes.length > 0) {
    await upsertItems(conn, loaded.handover.header.id, changes);
    await appendEvents(conn, loaded.handover.header.id, [
      {
        action: input.reviewed ? 'handover.items_reviewed' : 'handover.items_unreviewed',
        actorId: loaded.actorId,
        at,
        contentHash: loaded.state.currentContentHash,
        details: { role: loaded.role, itemIds: changes.map((c) => c.id) },
      },
    ]);
  }
  return { handoverId: loaded.handover.header.id, itemIds: changes.map((c) => c.id), reviewed: input.reviewed, at };
}

/** The items a review names; an account or "all" that leaves the successor nothing is refused. */
function itemsToReview(loaded: LoadedHandover, input: z.infer<typeof reviewSchema>): HandoverItem[] {
  if (input.itemIds !== undefined) return [...new Set(input.itemIds)].map((id) => findItem(loaded, id, undefined));
  const account = input.accountId === undefined ? undefined : id18(input.accountId);
  const scope = account === undefined ? loaded.handover.items : itemsOfAccount(loaded.handover, account);
  const mine = scope.filter((i) => i.successorId !== null && id18(i.successorId) === id18(loaded.actorId));
  if (mine.length === 0) {
    const what = account === undefined ? 'no items assigned to you' : `no items of account ${account} assigned to you`;
    throw new HandoverError('ITEM_NOT_FOUND', `This handover has ${what}.`, {
      actions: ['See your items with `sf handover show --section accounts`.'],
      data: { handoverId: loaded.handover.header.id, accountId: account ?? null },
    });
  }
  return mine;
}

function qaEvents(
  events: readonly {
    action: string;
    actorId: string;
    at: string;
    contentHash: string;
    details: Readonly<Record<string, unknown>>;
  }[],
  details: Record<string, unknown>,
): { action: string; actorId: string; at: string; contentHash: string; details: Record<string, unknown> }[] {
  return events.map((e) => ({ ...e, details: { ...e.details, ...details } }));
}
