/**
 * A stored handover as the sign-off state machine sees it, loaded for the signed-in user: who they are
 * in it (refused with NOT_A_PARTY before anything is written when they are nobody), the content hash
 * recomputed from the rows (a signature covers the content, not a header field), and refusals of
 * decide() turned into HandoverErrors with next steps.
 */
import {
  allowedActions,
  roleOf,
  type Decision,
  type Parties,
  type RefusalCode,
  type Signature,
  type SignoffRole,
  type SignoffState,
} from '../../core/signoff.js';
import type { SignatureRole } from '../../core/sobjects.js';
import type { OrgConnection } from '../connection.js';
import { computeContentHash } from '../store/content.js';
import { HandoverError } from '../store/errors.js';
import { loadHandover } from '../store/handovers.js';
import type { Handover, HandoverItem } from '../store/model.js';
import type { ServiceDeps } from './deps.js';
import { currentUserId } from './identity.js';

export type LoadedHandover = {
  handover: Handover;
  actorId: string;
  role: SignoffRole;
  state: SignoffState;
};

const ROLE_OF_SIGNATURE: Record<SignatureRole, SignoffRole> = {
  Departing: 'departing',
  Successor: 'successor',
  Manager: 'manager',
};

export const SIGNATURE_ROLE_OF: Record<SignoffRole, SignatureRole> = {
  departing: 'Departing',
  successor: 'Successor',
  manager: 'Manager',
};

export function partiesOf(handover: Handover): Parties {
  const h = handover.header;
  return { departingId: h.departingUserId, managerId: h.managerId ?? '', successorIds: h.successorIds };
}

/** Items the departing rep still has to confirm (questions are conversation, not checklist). */
export function unconfirmedItems(items: readonly HandoverItem[]): HandoverItem[] {
  return items.filter((i) => i.category !== 'Question' && !i.confirmedByDeparting);
}

export function currentContentHash(handover: Handover): string {
  return computeContentHash(handover.header, handover.items, handover.contactNotes);
}

export function signoffStateOf(handover: Handover): SignoffState {
  // Signatures are only ever added: the latest of each signer is the one that counts.
  const latest = new Map<string, Signature>();
  for (const s of [...handover.signatures].sort((a, b) =>
    a.signedAt < b.signedAt ? -1 : a.signedAt > b.signedAt ? 1 : 0,
  )) {
    latest.set(s.signerId, {
      signerId: s.signerId,
      role: ROLE_OF_SIGNATURE[s.role],
      contentHash: s.contentHash,
      signedAt: s.signedAt,
    });
  }
  return {
    status: handover.header.status,
    parties: partiesOf(handover),
    signatures: [...latest.values()],
    currentContentHash: currentContentHash(handover),
    overrideReason: handover.header.overrideReason,
    unconfirmedItemCount: unconfirmedItems(handover.items).length,
  };
}

export type LoadOptions = { allowIncomplete?: boolean };

/** Loads the handover and the actor's role in it; NOT_A_PARTY for anyone else. */
export async function loadAsParty(
  conn: OrgConnection,
  handoverId: string,
  deps: ServiceDeps,
  options: LoadOptions = {},
): Promise<LoadedHandover> {
  const [handover, actorId] = await Promise.all([
    loadHandover(conn, handoverId),
    deps.actorId === undefined ? currentUserId(conn) : Promise.resolve(deps.actorId),
  ]);
  const role = roleOf(partiesOf(handover), actorId);
  if (role === null) {
    throw new HandoverError(
      'NOT_A_PARTY',
      'You are not the departing rep, a successor or the manager of this handover.',
      {
        actions: [
          'Open a handover you are part of (see `sf handover list`).',
          'Ask its manager if you should be a party.',
        ],
        data: { handoverId: handover.header.id },
      },
    );
  }
  if (handover.header.contentHash === null && options.allowIncomplete !== true) {
    throw new HandoverError('HANDOVER_INCOMPLETE', `Handover ${handover.header.id} was not completely written.`, {
      actions: ['Ask its manager to cancel it and start the handover again.'],
      data: { handoverId: handover.header.id },
    });
  }
  return { handover, actorId, role, state: signoffStateOf(handover) };
}

const NEXT_STEPS: Record<RefusalCode, readonly string[]> = {
  INVALID_PARTIES: ['Ask an admin to check the departing user, manager and successors of this handover.'],
  NOT_A_PARTY: ['Open a handover you are part of (see `sf handover list`).'],
  ROLE_NOT_ALLOWED: ['Ask the party who may do this (see the message).'],
  WRONG_STATE: ['Check the handover’s status and what can be done next.'],
  STALE_CONTENT: ['Reload the handover, review what changed and try again.'],
  ALREADY_SIGNED: [],
  UNCONFIRMED_ITEMS: ['Confirm the remaining items (or add a note where something is unclear), then sign.'],
  DEPARTING_SIGNATURE_REQUIRED: [
    'Wait for the departing rep to sign.',
    'Or ask the manager to declare an override if the rep cannot sign.',
  ],
  SUCCESSORS_MISSING: ['Ask the successors who have not signed to review and sign.'],
  OVERRIDE_REASON_REQUIRED: ['Give a written reason why the departing rep cannot sign.'],
  OVERRIDE_NOT_NEEDED: ['Approve without an override.'],
  OVERRIDE_ALREADY_DECLARED: ['Ask the successors to sign, then approve.'],
  INVALID_COUNTS: [],
};

/** A refusal of decide() as an error, with next steps and what the actor can do instead. */
export function refusal(decision: Extract<Decision, { ok: false }>, loaded: LoadedHandover): HandoverError {
  const data: Record<string, unknown> = {
    handoverId: loaded.handover.header.id,
    status: loaded.state.status,
    role: loaded.role,
    allowedActions: allowedActions(loaded.state, loaded.actorId),
  };
  if (decision.code === 'UNCONFIRMED_ITEMS') {
    data.unconfirmedItemIds = unconfirmedItems(loaded.handover.items).map((i) => i.id);
  }
  return new HandoverError(decision.code, decision.message, { actions: NEXT_STEPS[decision.code], data });
}

/** decide()'s verdict, or its refusal thrown. */
export function accepted(decision: Decision, loaded: LoadedHandover): Extract<Decision, { ok: true }> {
  if (!decision.ok) throw refusal(decision, loaded);
  return decision;
}
