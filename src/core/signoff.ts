/**
 * The sign-off state machine of a handover: who may do what, in which state, and which audit events
 * each step writes. Pure: `decide` takes the current state and a command and returns either the next
 * state with the events to append, or a refusal with a stable code and a message that says what to do.
 *
 * Rules (the brief's lifecycle, plus the choices it left open):
 * - Draft -> the departing rep signs (every item confirmed) -> each successor signs -> the manager
 *   approves -> reassigning -> reassigned or partially reassigned -> (undo) rolled back.
 * - Successors sign only after the departing rep's valid signature, except after a manager declared
 *   an override (the departing rep does not cooperate). The override needs a written reason; the
 *   successors must still sign (someone must have reviewed the CRM-generated checklist), the departing
 *   rep's signature is not needed, and the unconfirmed items stay counted in the events.
 * - Every signature and the approval cover a content hash. A content edit changes the hash, so every
 *   signature goes stale and the status falls back to Draft: the new content needs new signatures.
 * - Content can change only before approval; questions and answers (not part of the signed content)
 *   can be posted until the handover is cancelled or rolled back, the transition period included.
 * - Only the manager approves, declares an override, runs, undoes or cancels. Cancel is possible up to
 *   approval; once records move, a reassignment is undone with rollback instead. A partially
 *   reassigned handover can be run again to retry the failures. Cancelled and Rolled_Back are final:
 *   a new attempt is a new handover.
 */
import type { IsoDateTime } from './model.js';
import { HANDOVER_STATUSES } from './sobjects.js';

export const SIGNOFF_STATUSES = HANDOVER_STATUSES;
export type SignoffStatus = (typeof SIGNOFF_STATUSES)[number];

export type SignoffRole = 'departing' | 'successor' | 'manager';

export type Parties = { departingId: string; managerId: string; successorIds: readonly string[] };

/** The manager's approval is stored as a signature too (role manager): it covers the same hash. */
export type Signature = { signerId: string; role: SignoffRole; contentHash: string; signedAt: IsoDateTime };

export type SignoffState = {
  status: SignoffStatus;
  parties: Parties;
  /** At most one per signer: signing again replaces the signer's stale signature. */
  signatures: readonly Signature[];
  currentContentHash: string;
  overrideReason: string | null;
  /** Checklist items the departing rep has not confirmed. */
  unconfirmedItemCount: number;
};

type CommandBase = { actorId: string; at: IsoDateTime };

/** `contentHash` on sign and approve is the hash of the content the user saw: it must still be current. */
export type Command =
  | (CommandBase & { type: 'sign'; contentHash: string; comment?: string })
  | (CommandBase & { type: 'declareOverride'; reason: string })
  | (CommandBase & { type: 'approve'; contentHash: string; overrideReason?: string })
  | (CommandBase & { type: 'startReassign' })
  | (CommandBase & { type: 'finishReassign'; reassignedCount: number; failedCount: number })
  | (CommandBase & { type: 'rollback'; reason?: string })
  | (CommandBase & { type: 'cancel'; reason?: string })
  | (CommandBase & { type: 'edit'; part: 'content'; contentHash: string; unconfirmedItemCount?: number })
  | (CommandBase & { type: 'edit'; part: 'qa' });

export type AuditAction =
  | 'handover.signed'
  | 'handover.override_declared'
  | 'handover.approved'
  | 'handover.approved_with_override'
  | 'handover.reassign_started'
  | 'handover.reassigned'
  | 'handover.partially_reassigned'
  | 'handover.rolled_back'
  | 'handover.cancelled'
  | 'handover.edited'
  | 'handover.signatures_stale'
  | 'handover.qa_posted';

export type AuditDetails = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

/** An event to append to the handover's log (Handover_Event__c); the adapter chains the hashes. */
export type AuditEventDraft = {
  action: AuditAction;
  actorId: string;
  at: IsoDateTime;
  /** The content hash the event is about (after the change, for an edit). */
  contentHash: string;
  details: AuditDetails;
};

export type RefusalCode =
  | 'INVALID_PARTIES'
  | 'NOT_A_PARTY'
  | 'ROLE_NOT_ALLOWED'
  | 'WRONG_STATE'
  | 'STALE_CONTENT'
  | 'ALREADY_SIGNED'
  | 'UNCONFIRMED_ITEMS'
  | 'DEPARTING_SIGNATURE_REQUIRED'
  | 'SUCCESSORS_MISSING'
  | 'OVERRIDE_REASON_REQUIRED'
  | 'OVERRIDE_NOT_NEEDED'
  | 'OVERRIDE_ALREADY_DECLARED'
  | 'INVALID_COUNTS';

export type Decision =
  { ok: true; next: SignoffState; events: AuditEventDraft[] } | { ok: false; code: RefusalCode; message: string };

/** Characters (code points, after trimming) a written override reason needs at least. */
export const OVERRIDE_REASON_MIN_LENGTH = 10;

const SIGNING_STATES: readonly SignoffStatus[] = ['Draft', 'Signed_By_Departing', 'Signed_By_Successors'];
const CANCELLABLE_STATES: readonly SignoffStatus[] = [...SIGNING_STATES, 'Approved'];
const QA_STATES: readonly SignoffStatus[] = [
  ...CANCELLABLE_STATES,
  'Reassigning',
  'Reassigned',
  'Partially_Reassigned',
];

// ---------------------------------------------------------------- queries

/** The role a user holds in this handover, or null. */
export function roleOf(parties: Parties, userId: string): SignoffRole | null {
  if (userId === parties.departingId) return 'departing';
  if (userId === parties.managerId) return 'manager';
  return parties.successorIds.includes(userId) ? 'successor' : null;
}

/** Why the parties are not a valid handover (one role per user, never the departing user twice), or null. */
export function partiesProblem(parties: Parties): string | null {
  const { departingId, managerId, successorIds } = parties;
  if (departingId === '' || managerId === '') return 'The departing user and the manager must be named.';
  if (successorIds.length === 0) return 'Name at least one successor.';
  if (successorIds.some((id) => id === '')) return 'A successor has an empty id.';
  if (new Set(successorIds).size !== successorIds.length) return 'A successor is listed twice.';
  if (managerId === departingId) return 'The departing user cannot approve their own handover; name another manager.';
  if (successorIds.includes(departingId)) return 'The departing user cannot be their own successor.';
  if (successorIds.includes(managerId))
    return 'The manager cannot also be a successor; name another approver or successor.';
  return null;
}

/** Signatures over the current content by a user who still holds the signed role. */
export function validSignatures(state: SignoffState): Signature[] {
  return state.signatures.filter(
    (s) => s.contentHash === state.currentContentHash && roleOf(state.parties, s.signerId) === s.role,
  );
}

/** Signatures over an earlier version of the content: the signer must sign again. */
export function staleSignatures(state: SignoffState): Signature[] {
  return state.signatures.filter((s) => s.contentHash !== state.currentContentHash);
}

/** Successors without a valid signature, in the order of the parties. */
export function missingSuccessors(state: SignoffState): string[] {
  const signed = new Set(
    validSignatures(state)
      .filter((s) => s.role === 'successor')
      .map((s) => s.signerId),
  );
  return state.parties.successorIds.filter((id) => !signed.has(id));
}

function departingSigned(state: SignoffState): boolean {
  return validSignatures(state).some((s) => s.role === 'departing');
}

/** The signing status that the valid signatures justify (before approval). */
function signingStatus(state: SignoffState): SignoffStatus {
  const successorsDone = missingSuccessors(state).length === 0;
  if (departingSigned(state)) return successorsDone ? 'Signed_By_Successors' : 'Signed_By_Departing';
  return state.overrideReason !== null && successorsDone ? 'Signed_By_Successors' : 'Draft';
}

export type AllowedAction =
  | 'sign'
  | 'declare_override'
  | 'approve'
  | 'approve_with_override'
  | 'edit_content'
  | 'post_qa'
  | 'start_reassign'
  | 'finish_reassign'
  | 'rollback'
  | 'cancel';

/** The actions `userId` may take now (which buttons a UI shows); derived from `decide` itself. */
export function allowedActions(state: SignoffState, userId: string): AllowedAction[] {
  const base = { actorId: userId, at: '1970-01-01T00:00:00.000Z' };
  const hash = state.currentContentHash;
  const reason = 'x'.repeat(OVERRIDE_REASON_MIN_LENGTH);
  const allows = (command: Command): Decision => decide(state, command);
  const actions: AllowedAction[] = [];
  if (allows({ ...base, type: 'sign', contentHash: hash }).ok) actions.push('sign');
  if (allows({ ...base, type: 'declareOverride', reason }).ok) actions.push('declare_override');
  const plain = allows({ ...base, type: 'approve', contentHash: hash });
  if (plain.ok) actions.push(plain.events[0]?.action === 'handover.approved' ? 'approve' : 'approve_with_override');
  else if (allows({ ...base, type: 'approve', contentHash: hash, overrideReason: reason }).ok)
    actions.push('approve_with_override');
  if (allows({ ...base, type: 'edit', part: 'content', contentHash: `${hash}~` }).ok) actions.push('edit_content');
  if (allows({ ...base, type: 'edit', part: 'qa' }).ok) actions.push('post_qa');
  if (allows({ ...base, type: 'startReassign' }).ok) actions.push('start_reassign');
  if (allows({ ...base, type: 'finishReassign', reassignedCount: 0, failedCount: 0 }).ok)
    actions.push('finish_reassign');
  if (allows({ ...base, type: 'rollback' }).ok) actions.push('rollback');
  if (allows({ ...base, type: 'cancel' }).ok) actions.push('cancel');
  return actions;
}

// ---------------------------------------------------------------- decide

function refuse(code: RefusalCode, message: string): Decision {
  return { ok: false, code, message };
}

function accept(next: SignoffState, events: AuditEventDraft[]): Decision {
  return { ok: true, next, events };
}

function event(
  command: Command,
  action: AuditAction,
  contentHash: string,
  details: Record<string, string | number | boolean | null | readonly string[]>,
): AuditEventDraft {
  return { action, actorId: command.actorId, at: command.at, contentHash, details };
}

function transition(from: SignoffStatus, to: SignoffStatus): { fromStatus: string; toStatus: string } {
  return { fromStatus: from, toStatus: to };
}

function wrongState(state: SignoffState, what: string, allowedIn: readonly SignoffStatus[], hint: string): Decision {
  return refuse(
    'WRONG_STATE',
    `Cannot ${what} a handover in status ${state.status}; only in ${allowedIn.join(', ')}. ${hint}`.trim(),
  );
}

function reasonIsLongEnough(reason: string | null | undefined): reason is string {
  return reason != null && [...reason.trim()].length >= OVERRIDE_REASON_MIN_LENGTH;
}

const STALE_MESSAGE = 'The handover changed since you opened it. Reload it, review the changes and try again.';

export function decide(state: SignoffState, command: Command): Decision {
  const problem = partiesProblem(state.parties);
  if (problem !== null) return refuse('INVALID_PARTIES', problem);
  const role = roleOf(state.parties, command.actorId);
  if (role === null) {
    return refuse('NOT_A_PARTY', 'You are not the departing rep, a successor or the manager of this handover.');
  }
  switch (command.type) {
    case 'sign':
      return sign(state, command, role);
    case 'declareOverride':
      return declareOverride(state, command, role);
    case 'approve':
      return approve(state, command, role);
    case 'startReassign':
    case 'finishReassign':
    case 'rollback':
    case 'cancel':
      return role === 'manager' ? managerStep(state, command) : managerOnly(command.type);
    case 'edit':
      return command.part === 'qa' ? postQa(state, command) : editContent(state, command, role);
  }
}

function managerOnly(what: string): Decision {
  return refuse('ROLE_NOT_ALLOWED', `Only the manager of this handover can ${what}; ask them to do it.`);
}

function sign(state: SignoffState, command: Extract<Command, { type: 'sign' }>, role: SignoffRole): Decision {
  if (role === 'manager') {
    return refuse('ROLE_NOT_ALLOWED', 'The manager does not sign the handover; approve it once everyone has signed.');
  }
  if (!SIGNING_STATES.includes(state.status)) {
    return wrongState(state, 'sign', SIGNING_STATES, 'Signatures are collected before approval.');
  }
  if (command.contentHash !== state.currentContentHash) return refuse('STALE_CONTENT', STALE_MESSAGE);
  if (validSignatures(state).some((s) => s.signerId === command.actorId)) {
    return refuse('ALREADY_SIGNED', 'You already signed the current version; nothing else to do until it changes.');
  }
  if (role === 'departing' && state.unconfirmedItemCount > 0) {
    return refuse(
      'UNCONFIRMED_ITEMS',
      `Confirm the ${state.unconfirmedItemCount} remaining checklist item(s) before signing; add a note where something is unclear.`,
    );
  }
  if (role === 'successor' && !departingSigned(state) && state.overrideReason === null) {
    return refuse(
      'DEPARTING_SIGNATURE_REQUIRED',
      'The departing rep signs first. Wait for their signature, or ask the manager to declare an override if they cannot sign.',
    );
  }
  const signature: Signature = {
    signerId: command.actorId,
    role,
    contentHash: state.currentContentHash,
    signedAt: command.at,
  };
  const signed = {
    ...state,
    signatures: [...state.signatures.filter((s) => s.signerId !== command.actorId), signature],
  };
  const next = { ...signed, status: signingStatus(signed) };
  return accept(next, [
    event(command, 'handover.signed', state.currentContentHash, {
      role,
      ...transition(state.status, next.status),
      unconfirmedItemCount: state.unconfirmedItemCount,
      override: state.overrideReason !== null,
      comment: command.comment ?? null,
    }),
  ]);
}

function declareOverride(
  state: SignoffState,
  command: Extract<Command, { type: 'declareOverride' }>,
  role: SignoffRole,
): Decision {
  if (role !== 'manager') return managerOnly('declare an override');
  if (!SIGNING_STATES.includes(state.status)) {
    return wrongState(state, 'declare an override for', SIGNING_STATES, 'An override is declared before approval.');
  }
  if (departingSigned(state)) {
    return refuse('OVERRIDE_NOT_NEEDED', 'The departing rep signed the current version; no override is needed.');
  }
  if (state.overrideReason !== null) {
    return refuse('OVERRIDE_ALREADY_DECLARED', 'An override is already declared; the successors can sign now.');
  }
  if (!reasonIsLongEnough(command.reason)) {
    return refuse(
      'OVERRIDE_REASON_REQUIRED',
      `Write why the departing rep cannot sign (at least ${OVERRIDE_REASON_MIN_LENGTH} characters); it is kept in the audit log.`,
    );
  }
  const withReason = { ...state, overrideReason: command.reason.trim() };
  const next = { ...withReason, status: signingStatus(withReason) };
  return accept(next, [
    event(command, 'handover.override_declared', state.currentContentHash, {
      reason: next.overrideReason,
      ...transition(state.status, next.status),
      unconfirmedItemCount: state.unconfirmedItemCount,
    }),
  ]);
}

function approve(state: SignoffState, command: Extract<Command, { type: 'approve' }>, role: SignoffRole): Decision {
  if (role !== 'manager') return managerOnly('approve');
  if (!SIGNING_STATES.includes(state.status)) {
    return wrongState(state, 'approve', SIGNING_STATES, 'It is approved once, after signing.');
  }
  if (command.contentHash !== state.currentContentHash) return refuse('STALE_CONTENT', STALE_MESSAGE);
  const withDeparting = departingSigned(state);
  if (withDeparting && command.overrideReason !== undefined) {
    return refuse('OVERRIDE_NOT_NEEDED', 'The departing rep signed the current version; approve without an override.');
  }
  const reason = withDeparting ? null : (command.overrideReason ?? state.overrideReason);
  if (!withDeparting && !reasonIsLongEnough(reason)) {
    return refuse(
      'OVERRIDE_REASON_REQUIRED',
      `The departing rep has not signed the current version. Wait for their signature, or approve with a written reason (at least ${OVERRIDE_REASON_MIN_LENGTH} characters) why they cannot sign.`,
    );
  }
  const missing = missingSuccessors(state);
  if (missing.length > 0) {
    const hint = withDeparting ? '' : ' Declare an override so that they can sign without the departing rep.';
    return refuse('SUCCESSORS_MISSING', `Waiting for the signature of successor(s) ${missing.join(', ')}.${hint}`);
  }
  const approval: Signature = {
    signerId: command.actorId,
    role: 'manager',
    contentHash: state.currentContentHash,
    signedAt: command.at,
  };
  const next: SignoffState = {
    ...state,
    status: 'Approved',
    overrideReason: reason === null ? state.overrideReason : reason.trim(),
    signatures: [...state.signatures.filter((s) => s.signerId !== command.actorId), approval],
  };
  const details = { ...transition(state.status, next.status), unconfirmedItemCount: state.unconfirmedItemCount };
  if (withDeparting) return accept(next, [event(command, 'handover.approved', state.currentContentHash, details)]);
  return accept(next, [
    event(command, 'handover.approved_with_override', state.currentContentHash, {
      ...details,
      reason: next.overrideReason,
      departingSigned: false,
      departingSignedEarlierVersion: staleSignatures(state).some((s) => s.role === 'departing'),
    }),
  ]);
}

type ManagerStep = Extract<Command, { type: 'startReassign' | 'finishReassign' | 'rollback' | 'cancel' }>;

/** Table of the manager's run steps: where each may start and where it leads. */
const MANAGER_STEPS: Record<ManagerStep['type'], { from: readonly SignoffStatus[]; verb: string; hint: string }> = {
  startReassign: {
    from: ['Approved', 'Partially_Reassigned'],
    verb: 'start reassigning',
    hint: 'Approve the handover first.',
  },
  finishReassign: { from: ['Reassigning'], verb: 'finish reassigning', hint: 'Start the reassignment first.' },
  rollback: {
    from: ['Reassigned', 'Partially_Reassigned'],
    verb: 'roll back',
    hint: 'Only a finished reassignment can be undone.',
  },
  cancel: {
    from: CANCELLABLE_STATES,
    verb: 'cancel',
    hint: 'Once records move, undo the reassignment with rollback instead.',
  },
};

function managerStep(state: SignoffState, command: ManagerStep): Decision {
  const step = MANAGER_STEPS[command.type];
  if (!step.from.includes(state.status)) return wrongState(state, step.verb, step.from, step.hint);
  const hash = state.currentContentHash;
  switch (command.type) {
    case 'startReassign': {
      const next: SignoffState = { ...state, status: 'Reassigning' };
      return accept(next, [
        event(command, 'handover.reassign_started', hash, {
          ...transition(state.status, next.status),
          retry: state.status === 'Partially_Reassigned',
        }),
      ]);
    }
    case 'finishReassign': {
      const { reassignedCount, failedCount } = command;
      if (![reassignedCount, failedCount].every((n) => Number.isInteger(n) && n >= 0)) {
        return refuse('INVALID_COUNTS', 'The reassigned and failed counts must be whole numbers of 0 or more.');
      }
      const next: SignoffState = { ...state, status: failedCount === 0 ? 'Reassigned' : 'Partially_Reassigned' };
      const action = failedCount === 0 ? 'handover.reassigned' : 'handover.partially_reassigned';
      return accept(next, [
        event(command, action, hash, { ...transition(state.status, next.status), reassignedCount, failedCount }),
      ]);
    }
    case 'rollback':
    case 'cancel': {
      const next: SignoffState = { ...state, status: command.type === 'rollback' ? 'Rolled_Back' : 'Cancelled' };
      const action = command.type === 'rollback' ? 'handover.rolled_back' : 'handover.cancelled';
      return accept(next, [
        event(command, action, hash, { ...transition(state.status, next.status), reason: command.reason ?? null }),
      ]);
    }
  }
}

function editContent(
  state: SignoffState,
  command: Extract<Command, { type: 'edit'; part: 'content' }>,
  role: SignoffRole,
): Decision {
  if (role === 'successor') {
    return refuse(
      'ROLE_NOT_ALLOWED',
      'Successors do not change the checklist; post a question and the departing rep or the manager will update it.',
    );
  }
  if (!SIGNING_STATES.includes(state.status)) {
    const hint = QA_STATES.includes(state.status)
      ? 'The approved content is frozen; post questions and answers instead.'
      : '';
    return wrongState(state, 'edit the content of', SIGNING_STATES, hint);
  }
  const unconfirmedItemCount = command.unconfirmedItemCount ?? state.unconfirmedItemCount;
  if (!Number.isInteger(unconfirmedItemCount) || unconfirmedItemCount < 0) {
    return refuse('INVALID_COUNTS', 'The number of unconfirmed items must be a whole number of 0 or more.');
  }
  if (command.contentHash === state.currentContentHash) return accept(state, []); // nothing changed
  const edited = { ...state, currentContentHash: command.contentHash, unconfirmedItemCount };
  const next = { ...edited, status: signingStatus(edited) };
  const nowStale = validSignatures(state).filter((s) => s.contentHash !== command.contentHash);
  const events = [
    event(command, 'handover.edited', command.contentHash, {
      role,
      ...transition(state.status, next.status),
      previousContentHash: state.currentContentHash,
      unconfirmedItemCount,
    }),
  ];
  if (nowStale.length > 0) {
    events.push(
      event(command, 'handover.signatures_stale', command.contentHash, {
        signerIds: nowStale.map((s) => s.signerId),
        roles: nowStale.map((s) => s.role),
        previousContentHash: state.currentContentHash,
      }),
    );
  }
  return accept(next, events);
}

function postQa(state: SignoffState, command: Extract<Command, { type: 'edit'; part: 'qa' }>): Decision {
  if (!QA_STATES.includes(state.status)) {
    return wrongState(state, 'post questions or answers on', QA_STATES, 'This handover is closed.');
  }
  return accept(state, [
    event(command, 'handover.qa_posted', state.currentContentHash, { role: roleOf(state.parties, command.actorId) }),
  ]);
}
