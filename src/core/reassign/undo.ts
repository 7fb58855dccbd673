/**
 * The rollback plan of a finished (or partly finished) reassignment: every record the journal says
 * was transferred goes back to its previous owner, but only where the successor we set still owns it.
 * A record anyone changed since is reported as a conflict and never overwritten. Children go back
 * first and accounts last (the safe order reversed), batched by account like the forward run.
 *
 * Undo is resumable too: a record whose owner is already the previous owner was rolled back by an
 * earlier attempt and only needs its journal entry (Transferred -> Rolled_Back).
 */
import { contentHash } from '../contentHash.js';
import { buildPhases, movesOf, phasesDigest, type PlannedMove, type PlanPhase } from './batching.js';
import { compareIds, groupItemsByRecord, type PlanError, type PlanItem } from './items.js';
import { compareAndSet } from './outcome.js';
import { requestHeadersFor, resolvePolicy, teamStepsFor, type ReassignPolicy, type TeamSnapshotStep } from './plan.js';

export type UndoConflict = {
  recordId: string;
  objectType: string;
  accountId: string | null;
  itemIds: string[];
  /** The successor the run set. */
  expectedOwnerId: string;
  /** Null when the record was not found. */
  currentOwnerId: string | null;
  message: string;
};

/** A record whose move may or may not have happened (In_Progress): resume the run before undoing it. */
export type UndoUnsettled = { recordId: string; objectType: string; itemIds: string[] };

export type UndoCount = { revert: number; alreadyRolledBack: number; conflict: number };

export type UndoPlan = {
  planHash: string;
  policy: ReassignPolicy;
  requestHeaders: Record<string, string>;
  /** Moves from the successor back to the previous owner, children first, accounts last. */
  phases: PlanPhase[];
  /** Already back with the previous owner: journal them Rolled_Back, write nothing. */
  alreadyRolledBack: PlannedMove[];
  conflicts: UndoConflict[];
  unsettled: UndoUnsettled[];
  /** An owner change through the API deletes the teams on the way back too. */
  teamSteps: TeamSnapshotStep[];
  counts: { total: UndoCount; perObject: Record<string, UndoCount> };
};

export type UndoResult = { ok: true; plan: UndoPlan } | { ok: false; errors: PlanError[] };

/**
 * `currentOwners`: recordId -> OwnerId read from the org for the transferred records; a record
 * missing (or null) was not found, which is a conflict: there is nothing left to give back.
 */
export function buildUndoPlan(
  items: readonly PlanItem[],
  currentOwners: Readonly<Record<string, string | null>>,
  policyOverrides: Partial<ReassignPolicy> = {},
): UndoResult {
  const resolved = resolvePolicy(policyOverrides);
  const grouped = groupItemsByRecord(items);
  const errors = [...(resolved.ok ? [] : resolved.errors), ...grouped.errors];
  if (!resolved.ok || errors.length > 0) return { ok: false, errors };
  const policy = resolved.policy;

  const reverts: PlannedMove[] = [];
  const alreadyRolledBack: PlannedMove[] = [];
  const conflicts: UndoConflict[] = [];
  const unsettled: UndoUnsettled[] = [];
  for (const group of grouped.groups) {
    if (!group.statuses.includes('Transferred')) {
      if (group.statuses.includes('In_Progress')) {
        unsettled.push({ recordId: group.recordId, objectType: group.objectType, itemIds: group.itemIds });
      }
      continue; // never moved (or already rolled back): nothing to give back
    }
    const back: PlannedMove = {
      recordId: group.recordId,
      objectType: group.objectType,
      accountId: group.accountId,
      fromOwnerId: group.successorId,
      toOwnerId: group.previousOwnerId,
      itemIds: group.itemIds,
    };
    const current = Object.hasOwn(currentOwners, group.recordId) ? (currentOwners[group.recordId] ?? null) : null;
    const check = compareAndSet(back, current);
    if (check === 'write') reverts.push(back);
    else if (check.kind === 'transferred') alreadyRolledBack.push(back);
    else {
      conflicts.push({
        recordId: group.recordId,
        objectType: group.objectType,
        accountId: group.accountId,
        itemIds: group.itemIds,
        expectedOwnerId: group.successorId,
        currentOwnerId: current,
        message: check.kind === 'conflict' ? check.message : `Cannot roll back ${group.recordId}.`,
      });
    }
  }

  const phases = buildPhases(reverts, policy, 'reverse', 'undo:');
  const plan: Omit<UndoPlan, 'planHash'> = {
    policy,
    requestHeaders: requestHeadersFor(policy),
    phases,
    alreadyRolledBack,
    conflicts,
    unsettled,
    // The departing user gets the records back; every team member the snapshot holds is restored.
    teamSteps: teamStepsFor(movesOf(phases), policy, []),
    counts: countUndo(reverts, alreadyRolledBack, conflicts),
  };
  return { ok: true, plan: { planHash: undoHashOf(plan), ...plan } };
}

function countUndo(
  reverts: readonly PlannedMove[],
  already: readonly PlannedMove[],
  conflicts: readonly UndoConflict[],
): UndoPlan['counts'] {
  const zero = (): UndoCount => ({ revert: 0, alreadyRolledBack: 0, conflict: 0 });
  const total = zero();
  const perObject: Record<string, UndoCount> = {};
  const add = (kind: keyof UndoCount, objectType: string): void => {
    total[kind]++;
    const object = (perObject[objectType] ??= zero());
    object[kind]++;
  };
  for (const m of reverts) add('revert', m.objectType);
  for (const m of already) add('alreadyRolledBack', m.objectType);
  for (const c of conflicts) add('conflict', c.objectType);
  const sorted = Object.keys(perObject).sort(compareIds);
  return { total, perObject: Object.fromEntries(sorted.map((k) => [k, perObject[k] ?? zero()])) };
}

function undoHashOf(plan: Omit<UndoPlan, 'planHash'>): string {
  return contentHash({
    version: 1,
    kind: 'undo',
    policy: plan.policy,
    requestHeaders: plan.requestHeaders,
    phases: phasesDigest(plan.phases),
    alreadyRolledBack: plan.alreadyRolledBack.map((m) => m.recordId),
    conflicts: plan.conflicts.map((c) => [c.recordId, c.currentOwnerId]),
    unsettled: plan.unsettled.map((u) => u.recordId),
    teamSteps: plan.teamSteps,
  });
}
