/**
 * Reading handovers for display: one handover with what the signed-in user may do next, the list of
 * handovers they can see, and the verification of a handover's audit log.
 */
import { z } from 'zod';
import {
  allowedActions,
  missingSuccessors,
  SIGNOFF_STATUSES,
  staleSignatures,
  validSignatures,
  type AllowedAction,
  type Signature,
  type SignoffRole,
} from '../../core/signoff.js';
import type { OrgConnection } from '../connection.js';
import { verifyEventChain, type ChainVerification } from '../store/events.js';
import { listHandovers as listStored } from '../store/handovers.js';
import { id18 } from '../store/ids.js';
import type { Handover, HandoverHeader } from '../store/model.js';
import { withDefaults, type ServiceDeps } from './deps.js';
import { parseInput, sfId } from './input.js';
import { loadAsParty, unconfirmedItems } from './state.js';
import type { Warning } from './warnings.js';

export type HandoverView = {
  handover: Handover;
  role: SignoffRole;
  /** The hash of the content as it is now (what a signature would cover). */
  contentHash: string;
  allowedActions: AllowedAction[];
  validSignatures: Signature[];
  staleSignatures: Signature[];
  missingSuccessors: string[];
  unconfirmedItemIds: string[];
  log: ChainVerification;
  /** For a successor: the items assigned to them, and how many they marked reviewed. */
  yourReview: { assigned: number; reviewed: number } | null;
  warnings: Warning[];
};

const viewSchema = z.object({ handoverId: sfId });

/** A handover as a party sees it; NOT_A_PARTY for anyone else. */
export async function getHandover(
  conn: OrgConnection,
  rawInput: z.input<typeof viewSchema>,
  deps: Partial<ServiceDeps> = {},
): Promise<HandoverView> {
  const input = parseInput(viewSchema, rawInput, 'open a handover');
  const loaded = await loadAsParty(conn, input.handoverId, withDefaults(deps), { allowIncomplete: true });
  const { handover, state } = loaded;
  const warnings: Warning[] = [];
  if (handover.header.contentHash !== null && handover.header.contentHash !== state.currentContentHash) {
    warnings.push({
      code: 'content_changed_outside',
      message: 'The checklist was changed outside the Handover app: earlier signatures do not cover it.',
    });
  }
  return {
    handover,
    role: loaded.role,
    contentHash: state.currentContentHash,
    allowedActions: allowedActions(state, loaded.actorId),
    validSignatures: validSignatures(state),
    staleSignatures: staleSignatures(state),
    missingSuccessors: missingSuccessors(state),
    unconfirmedItemIds: unconfirmedItems(handover.items).map((i) => i.id),
    log: verifyEventChain(handover.events, {
      handoverId: handover.header.id,
      currentContentHash: state.currentContentHash,
    }),
    yourReview: loaded.role === 'successor' ? reviewOf(handover, loaded.actorId) : null,
    warnings,
  };
}

function reviewOf(handover: Handover, successorId: string): { assigned: number; reviewed: number } {
  const mine = handover.items.filter((i) => i.successorId !== null && id18(i.successorId) === id18(successorId));
  return { assigned: mine.length, reviewed: mine.filter((i) => i.reviewedBySuccessor).length };
}

/**
 * Verifies a handover's audit log: every event's hash, every link, and that the latest event carries
 * the current content hash (recomputed from the rows). Any party may verify.
 */
export async function verifyHandoverLog(
  conn: OrgConnection,
  rawInput: z.input<typeof viewSchema>,
  deps: Partial<ServiceDeps> = {},
): Promise<ChainVerification> {
  const input = parseInput(viewSchema, rawInput, 'verify the audit log');
  const loaded = await loadAsParty(conn, input.handoverId, withDefaults(deps), { allowIncomplete: true });
  return verifyEventChain(loaded.handover.events, {
    handoverId: loaded.handover.header.id,
    currentContentHash: loaded.state.currentContentHash,
  });
}

const listSchema = z.object({
  status: z.union([z.enum(SIGNOFF_STATUSES), z.array(z.enum(SIGNOFF_STATUSES))]).optional(),
  departingUserId: sfId.optional(),
  managerId: sfId.optional(),
  limit: z.number().int().min(1).max(2000).optional(),
});

export type ListInput = z.input<typeof listSchema>;

/** The handovers the signed-in user can see (the org's sharing decides), newest first. */
export async function listHandovers(conn: OrgConnection, rawInput: ListInput = {}): Promise<HandoverHeader[]> {
  const input = parseInput(listSchema, rawInput, 'list handovers');
  return listStored(conn, input);
}
