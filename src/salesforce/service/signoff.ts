/**
 * Signing, the override, approval and cancellation. The role is the signed-in user's in the handover;
 * decide() rules, and on success the signature (Handover_Signature__c), the header's status and the
 * audit events are written. A signature covers the content hash current at the time: the result shows
 * it, and a caller may pass the hash the user reviewed so that a change since is refused (STALE_CONTENT).
 */
import { z } from 'zod';
import { decide, missingSuccessors, type AuditEventDraft, type Command } from '../../core/signoff.js';
import type { OrgConnection } from '../connection.js';
import { insertSignature } from '../store/children.js';
import { appendEvents } from '../store/events.js';
import { updateHandoverHeader, type HeaderUpdate } from '../store/handovers.js';
import { withDefaults, type ServiceDeps } from './deps.js';
import { longText, parseInput, sfId } from './input.js';
import { accepted, loadAsParty, SIGNATURE_ROLE_OF, unconfirmedItems, type LoadedHandover } from './state.js';

const hash = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex');

export type SignoffResult = {
  handoverId: string;
  action: string;
  role: string;
  status: string;
  previousStatus: string;
  /** The content hash the signature or approval covers (the current one). */
  contentHash: string;
  signatureId: string | null;
  at: string;
  /** Successors who still have to sign the current content. */
  missingSuccessors: string[];
  /** Items the departing rep never confirmed (they stay marked as such after an override). */
  unconfirmedItemIds: string[];
};

// ---------------------------------------------------------------- sign

const signSchema = z.object({
  handoverId: sfId,
  comment: longText.optional(),
  contentHash: hash.optional(),
});

export type SignInput = z.input<typeof signSchema>;

export async function sign(
  conn: OrgConnection,
  rawInput: SignInput,
  deps: Partial<ServiceDeps> = {},
): Promise<SignoffResult> {
  const input = parseInput(signSchema, rawInput, 'sign');
  const d = withDefaults(deps);
  const loaded = await loadAsParty(conn, input.handoverId, d);
  const command: Command = {
    type: 'sign',
    actorId: loaded.actorId,
    at: d.now().toISOString(),
    contentHash: input.contentHash ?? loaded.state.currentContentHash,
    ...(input.comment === undefined ? {} : { comment: input.comment }),
  };
  return commit(conn, loaded, command, input.comment ?? null, {});
}

// ---------------------------------------------------------------- override

const overrideSchema = z.object({ handoverId: sfId, reason: z.string().trim().min(1, 'give the reason').max(32768) });

export type OverrideInput = z.input<typeof overrideSchema>;

/** The manager declares that the departing rep will not sign: the successors may sign without them. */
export async function declareOverride(
  conn: OrgConnection,
  rawInput: OverrideInput,
  deps: Partial<ServiceDeps> = {},
): Promise<SignoffResult> {
  const input = parseInput(overrideSchema, rawInput, 'declare an override');
  const d = withDefaults(deps);
  const loaded = await loadAsParty(conn, input.handoverId, d);
  const command: Command = {
    type: 'declareOverride',
    actorId: loaded.actorId,
    at: d.now().toISOString(),
    reason: input.reason,
  };
  return commit(conn, loaded, command, null, {});
}

// ---------------------------------------------------------------- approve

const approveSchema = z.object({
  handoverId: sfId,
  overrideReason: z.string().trim().min(1).max(32768).optional(),
  contentHash: hash.optional(),
});

export type ApproveInput = z.input<typeof approveSchema>;

/** The manager approves; without the departing rep's signature only with a written override reason. */
export async function approve(
  conn: OrgConnection,
  rawInput: ApproveInput,
  deps: Partial<ServiceDeps> = {},
): Promise<SignoffResult> {
  const input = parseInput(approveSchema, rawInput, 'approve');
  const d = withDefaults(deps);
  const loaded = await loadAsParty(conn, input.handoverId, d);
  const at = d.now().toISOString();
  const command: Command = {
    type: 'approve',
    actorId: loaded.actorId,
    at,
    contentHash: input.contentHash ?? loaded.state.currentContentHash,
    ...(input.overrideReason === undefined ? {} : { overrideReason: input.overrideReason }),
  };
  return commit(conn, loaded, command, null, { approvedAt: at });
}

// ---------------------------------------------------------------- cancel

const cancelSchema = z.object({ handoverId: sfId, reason: z.string().trim().max(32768).optional() });

export type CancelInput = z.input<typeof cancelSchema>;

/** The manager cancels a handover before any record moved (afterwards: roll back). */
export async function cancel(
  conn: OrgConnection,
  rawInput: CancelInput,
  deps: Partial<ServiceDeps> = {},
): Promise<SignoffResult> {
  const input = parseInput(cancelSchema, rawInput, 'cancel');
  const d = withDefaults(deps);
  // An incompletely written handover can be cancelled (and only that).
  const loaded = await loadAsParty(conn, input.handoverId, d, { allowIncomplete: true });
  const command: Command = {
    type: 'cancel',
    actorId: loaded.actorId,
    at: d.now().toISOString(),
    ...(input.reason === undefined ? {} : { reason: input.reason }),
  };
  return commit(conn, loaded, command, null, {});
}

// ---------------------------------------------------------------- writing a decision

/** decide(), then the signature (sign, approve), the header and the events. */
async function commit(
  conn: OrgConnection,
  loaded: LoadedHandover,
  command: Command,
  comment: string | null,
  header: HeaderUpdate,
): Promise<SignoffResult> {
  const decision = accepted(decide(loaded.state, command), loaded);
  const { next } = decision;
  const id = loaded.handover.header.id;
  const current = loaded.state.currentContentHash;
  let signatureId: string | null = null;
  if (command.type === 'sign' || command.type === 'approve') {
    signatureId = await insertSignature(conn, id, {
      signerId: loaded.actorId,
      role: SIGNATURE_ROLE_OF[loaded.role],
      signedAt: command.at,
      contentHash: current,
      comment,
    });
  }
  await updateHandoverHeader(conn, id, {
    ...header,
    status: next.status,
    overrideReason: next.overrideReason,
    // The stored hash follows the rows (it differs only when they were changed outside the product).
    ...(loaded.handover.header.contentHash === current ? {} : { contentHash: current }),
  });
  await appendEvents(
    conn,
    id,
    decision.events.map((e) => withSignature(e, signatureId)),
  );
  return {
    handoverId: id,
    action: decision.events[0]?.action ?? command.type,
    role: loaded.role,
    status: next.status,
    previousStatus: loaded.state.status,
    contentHash: current,
    signatureId,
    at: command.at,
    missingSuccessors: missingSuccessors(next),
    unconfirmedItemIds: unconfirmedItems(loaded.handover.items).map((i) => i.id),
  };
}

function withSignature(event: AuditEventDraft, signatureId: string | null): AuditEventDraft {
  return signatureId === null ? event : { ...event, details: { ...event.details, signatureId } };
}
