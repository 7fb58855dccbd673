/**
 * The reassignment plan: from an approved handover's items and the manager's policy, which records
 * move to whom, in which phases and batches, which stay (and why), which are already done (a resumed
 * run), which team snapshots to take and restore, the counts for the dry run, and a hash that names
 * exactly this plan. Pure: plain items in, plain plan out; problems are returned, never thrown.
 *
 * API owner changes move nothing else (every child is written explicitly), delete the account and
 * opportunity teams unless they are re-inserted, and let assignment rules re-route the record unless
 * the request says Sforce-Auto-Assign: FALSE.
 */
import { contentHash } from '../contentHash.js';
import type { TeamMemberRow } from '../model.js';
import {
  buildPhases,
  movesOf,
  phasesDigest,
  type PhaseName,
  type PlannedMove,
  type PlanPhase,
  type ReassignMode,
} from './batching.js';
import {
  compareIds,
  groupItemsByRecord,
  type ItemFacts,
  type PlanError,
  type PlanItem,
  type RecordGroup,
} from './items.js';

export type { PlanItem, PlanError, PlanErrorCode } from './items.js';

// ---------------------------------------------------------------- policy

export type ReassignPolicy = {
  /** Closed-won and closed-lost deals stay with the departing rep: their history and credit. */
  moveClosedOpportunities: boolean;
  moveClosedCases: boolean;
  /** Completed tasks and past events are the departing rep's history. */
  moveCompletedActivities: boolean;
  /** Re-insert the account team that an API owner change deletes. */
  keepAccountTeams: boolean;
  keepOpportunityTeams: boolean;
  /** Send Sforce-Auto-Assign: FALSE so that assignment rules do not re-route cases, leads and accounts. */
  skipAssignmentRules: boolean;
  mode: ReassignMode;
  /** More records than this for one object go through Bulk API 2.0 in auto mode. */
  bulkThreshold: number;
  /** Batches of a phase running at the same time. */
  concurrency: number;
  /** Records per sObject Collections request. */
  batchSize: number;
  /** Records per Bulk API 2.0 job: one job per object keeps the calls few; Salesforce splits it into batches of 10,000. */
  bulkBatchSize: number;
};

export const DEFAULT_REASSIGN_POLICY: Readonly<ReassignPolicy> = Object.freeze({
  moveClosedOpportunities: false,
  moveClosedCases: false,
  moveCompletedActivities: false,
  keepAccountTeams: true,
  keepOpportunityTeams: true,
  skipAssignmentRules: true,
  mode: 'auto',
  bulkThreshold: 2_000,
  concurrency: 4,
  batchSize: 200,
  bulkBatchSize: 100_000,
});

type NumericPolicyKey = 'bulkThreshold' | 'concurrency' | 'batchSize' | 'bulkBatchSize';

/** Whole numbers within these bounds, and why. */
export const POLICY_BOUNDS: Readonly<Record<NumericPolicyKey, { min: number; max: number; why: string }>> = {
  bulkThreshold: { min: 0, max: 150_000_000, why: 'Bulk API 2.0 takes at most 150,000,000 records a day' },
  concurrency: { min: 1, max: 25, why: 'Salesforce allows 25 concurrent long-running requests' },
  batchSize: { min: 1, max: 200, why: 'an sObject Collections request takes at most 200 records' },
  // Salesforce cuts a job into internal batches of 10,000 that run in parallel; the rows are sorted by
  // account, so an account's children straddle at most one internal boundary.
  bulkBatchSize: { min: 1, max: 1_000_000, why: 'a job of "Id,OwnerId" rows stays far under the 150 MB upload limit' },
};

const MODES: readonly ReassignMode[] = ['auto', 'collections', 'bulk'];

export type PolicyResult = { ok: true; policy: ReassignPolicy } | { ok: false; errors: PlanError[] };

/** The defaults with the manager's changes; undefined values keep the default. */
export function resolvePolicy(overrides: Partial<ReassignPolicy> = {}): PolicyResult {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const policy: ReassignPolicy = { ...DEFAULT_REASSIGN_POLICY, ...defined };
  const errors: PlanError[] = [];
  for (const [key, { min, max, why }] of Object.entries(POLICY_BOUNDS)) {
    const value = policy[key as NumericPolicyKey];
    if (!Number.isInteger(value) || value < min || value > max) {
      errors.push({
        code: 'INVALID_POLICY',
        id: key,
        message: `${key} must be a whole number from ${min} to ${max} (${why}), got ${value}.`,
      });
    }
  }
  if (!MODES.includes(policy.mode)) {
    errors.push({ code: 'INVALID_POLICY', id: 'mode', message: `mode must be one of ${MODES.join(', ')}.` });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, policy };
}

/** The request headers every owner write of the plan sends (REST; Bulk API 2.0 runs no assignment rule unless asked). */
export function requestHeadersFor(policy: Pick<ReassignPolicy, 'skipAssignmentRules'>): Record<string, string> {
  return policy.skipAssignmentRules ? { 'Sforce-Auto-Assign': 'FALSE' } : {};
}

// ---------------------------------------------------------------- what stays

export type StayReason = 'closed_won_opportunity' | 'closed_lost_opportunity' | 'closed_case' | 'completed_activity';
export type StayPolicyFlag = 'moveClosedOpportunities' | 'moveClosedCases' | 'moveCompletedActivities';

type StayRule = {
  reason: StayReason;
  objectTypes: readonly string[];
  applies: (facts: ItemFacts) => boolean;
  /** The policy flag that moves these records after all. */
  movedWhen: StayPolicyFlag;
};

const completed = (f: ItemFacts): boolean => f.isCompletedActivity ?? f.isClosed ?? false;

/** Records that stay with the departing user unless the policy says otherwise; first match wins. */
export const STAY_RULES: readonly StayRule[] = [
  {
    reason: 'closed_won_opportunity',
    objectTypes: ['Opportunity'],
    applies: (f) => f.isWon === true,
    movedWhen: 'moveClosedOpportunities',
  },
  {
    reason: 'closed_lost_opportunity',
    objectTypes: ['Opportunity'],
    applies: (f) => f.isClosed === true,
    movedWhen: 'moveClosedOpportunities',
  },
  { reason: 'closed_case', objectTypes: ['Case'], applies: (f) => f.isClosed === true, movedWhen: 'moveClosedCases' },
  {
    reason: 'completed_activity',
    objectTypes: ['Task', 'Event'],
    applies: completed,
    movedWhen: 'moveCompletedActivities',
  },
];

/**
 * Whether planning needs to know which of an object's records are closed or completed: only when a
 * rule would keep some of them with the departing user. Otherwise every record of it moves.
 */
export function factsMatter(objectType: string, policy: Pick<ReassignPolicy, StayPolicyFlag>): boolean {
  return STAY_RULES.some((r) => r.objectTypes.includes(objectType) && !policy[r.movedWhen]);
}

function stayRuleFor(group: RecordGroup, policy: ReassignPolicy): StayRule | null {
  const rule = STAY_RULES.find((r) => r.objectTypes.includes(group.objectType) && r.applies(group.facts));
  return rule === undefined || policy[rule.movedWhen] ? null : rule;
}

// ---------------------------------------------------------------- plan types

type RecordRef = {
  recordId: string;
  objectType: string;
  accountId: string | null;
  previousOwnerId: string;
  successorId: string;
  itemIds: string[];
};

/** A record that stays with the departing user, and the policy flag that would move it. */
export type PlanStay = RecordRef & { reason: StayReason; movedWhen: StayPolicyFlag };

/** A record this run leaves alone: moved by an earlier run, or rolled back (final). */
export type PlanSkip = RecordRef & { reason: 'already_transferred' | 'rolled_back' };

export type TeamSnapshotStep = {
  object: TeamMemberRow['object'];
  /** The accounts or opportunities whose team members are read before the phase and re-inserted after it. */
  parentIds: string[];
  phase: PhaseName;
  /** Members not re-inserted: the departing users, whose access ends with the handover. */
  excludeUserIds: string[];
};

export type PlanCount = { move: number; stay: number; skip: number };
export type PlanCounts = {
  total: PlanCount;
  perObject: Record<string, PlanCount>;
  perSuccessor: Record<string, { total: PlanCount; perObject: Record<string, PlanCount> }>;
};

export type ReassignPlan = {
  /** SHA-256 of the plan's content: the same items and policy always give the same hash. */
  planHash: string;
  policy: ReassignPolicy;
  requestHeaders: Record<string, string>;
  /** Non-empty phases in safe order; run one after another, batches of a phase in parallel. */
  phases: PlanPhase[];
  stays: PlanStay[];
  skipped: PlanSkip[];
  /** Items that name no record to move (questions, notes, access, routines). */
  ignoredItemIds: string[];
  teamSteps: TeamSnapshotStep[];
  counts: PlanCounts;
};

export type PlanResult = { ok: true; plan: ReassignPlan } | { ok: false; errors: PlanError[] };

// ---------------------------------------------------------------- planning

export function buildReassignPlan(
  items: readonly PlanItem[],
  policyOverrides: Partial<ReassignPolicy> = {},
): PlanResult {
  const resolved = resolvePolicy(policyOverrides);
  const grouped = groupItemsByRecord(items);
  const errors = [...(resolved.ok ? [] : resolved.errors), ...grouped.errors];
  if (!resolved.ok || errors.length > 0) return { ok: false, errors };
  const policy = resolved.policy;

  const moves: PlannedMove[] = [];
  const stays: PlanStay[] = [];
  const skipped: PlanSkip[] = [];
  for (const group of grouped.groups) {
    const ref = refOf(group);
    // A record any item journals as Transferred was written: a resumed run must not write it again.
    if (group.statuses.includes('Transferred')) skipped.push({ ...ref, reason: 'already_transferred' });
    else if (group.statuses.includes('Rolled_Back')) skipped.push({ ...ref, reason: 'rolled_back' });
    // A record a cut-off run may have written finishes as that run planned it, whatever the policy says now.
    else if (group.statuses.includes('In_Progress')) moves.push(moveOf(group));
    else {
      const rule = stayRuleFor(group, policy);
      if (rule !== null) stays.push({ ...ref, reason: rule.reason, movedWhen: rule.movedWhen });
      else moves.push(moveOf(group));
    }
  }

  const phases = buildPhases(moves, policy, 'forward');
  const departing = [...new Set(moves.map((m) => m.fromOwnerId))].sort(compareIds);
  const plan: Omit<ReassignPlan, 'planHash'> = {
    policy,
    requestHeaders: requestHeadersFor(policy),
    phases,
    stays,
    skipped,
    ignoredItemIds: grouped.ignoredItemIds,
    teamSteps: teamStepsFor(movesOf(phases), policy, departing),
    counts: countPlan(moves, stays, skipped),
  };
  return { ok: true, plan: { planHash: planHashOf(plan), ...plan } };
}

function refOf(group: RecordGroup): RecordRef {
  return {
    recordId: group.recordId,
    objectType: group.objectType,
    accountId: group.accountId,
    previousOwnerId: group.previousOwnerId,
    successorId: group.successorId,
    itemIds: group.itemIds,
  };
}

function moveOf(group: RecordGroup): PlannedMove {
  return {
    recordId: group.recordId,
    objectType: group.objectType,
    accountId: group.accountId,
    fromOwnerId: group.previousOwnerId,
    toOwnerId: group.successorId,
    itemIds: group.itemIds,
  };
}

/** Which teams an owner change of which parent object deletes, and the flag that keeps them. */
const TEAM_RULES: readonly {
  object: TeamMemberRow['object'];
  parentObject: string;
  phase: PhaseName;
  keptWhen: 'keepAccountTeams' | 'keepOpportunityTeams';
}[] = [
  { object: 'AccountTeamMember', parentObject: 'Account', phase: 'accounts', keptWhen: 'keepAccountTeams' },
  {
    object: 'OpportunityTeamMember',
    parentObject: 'Opportunity',
    phase: 'opportunities',
    keptWhen: 'keepOpportunityTeams',
  },
];

/** The team snapshots to take before, and restore after, the phase that writes their parents. */
export function teamStepsFor(
  moves: readonly PlannedMove[],
  policy: Pick<ReassignPolicy, 'keepAccountTeams' | 'keepOpportunityTeams'>,
  excludeUserIds: readonly string[],
): TeamSnapshotStep[] {
  return TEAM_RULES.flatMap((rule): TeamSnapshotStep[] => {
    if (!policy[rule.keptWhen]) return [];
    const parentIds = moves.filter((m) => m.objectType === rule.parentObject).map((m) => m.recordId);
    if (parentIds.length === 0) return [];
    return [
      {
        object: rule.object,
        parentIds: parentIds.sort(compareIds),
        phase: rule.phase,
        excludeUserIds: [...excludeUserIds],
      },
    ];
  });
}

function countPlan(
  moves: readonly PlannedMove[],
  stays: readonly PlanStay[],
  skipped: readonly PlanSkip[],
): PlanCounts {
  const zero = (): PlanCount => ({ move: 0, stay: 0, skip: 0 });
  const total = zero();
  const perObject = new Map<string, PlanCount>();
  const perSuccessor = new Map<string, { total: PlanCount; perObject: Map<string, PlanCount> }>();
  const add = (kind: keyof PlanCount, objectType: string, successorId: string): void => {
    total[kind]++;
    const object = perObject.get(objectType) ?? zero();
    perObject.set(objectType, object);
    object[kind]++;
    const successor = perSuccessor.get(successorId) ?? { total: zero(), perObject: new Map<string, PlanCount>() };
    perSuccessor.set(successorId, successor);
    successor.total[kind]++;
    const mine = successor.perObject.get(objectType) ?? zero();
    successor.perObject.set(objectType, mine);
    mine[kind]++;
  };
  for (const m of moves) add('move', m.objectType, m.toOwnerId);
  for (const s of stays) add('stay', s.objectType, s.successorId);
  for (const s of skipped) add('skip', s.objectType, s.successorId);
  return {
    total,
    perObject: sortedRecord(perObject),
    perSuccessor: Object.fromEntries(
      [...perSuccessor.entries()]
        .sort(([a], [b]) => compareIds(a, b))
        .map(([id, s]) => [id, { total: s.total, perObject: sortedRecord(s.perObject) }]),
    ),
  };
}

function sortedRecord<T>(map: ReadonlyMap<string, T>): Record<string, T> {
  return Object.fromEntries([...map.entries()].sort(([a], [b]) => compareIds(a, b)));
}

/**
 * The hash covers what the plan does: policy, headers, batches with their records and owners, stays,
 * skips and team steps. Item ids are left out: they change when a draft is regenerated, the plan does not.
 */
function planHashOf(plan: Omit<ReassignPlan, 'planHash'>): string {
  const ref = (r: RecordRef): string[] => [r.recordId, r.previousOwnerId, r.successorId];
  return contentHash({
    version: 1,
    policy: plan.policy,
    requestHeaders: plan.requestHeaders,
    phases: phasesDigest(plan.phases),
    stays: plan.stays.map((s) => [...ref(s), s.reason]),
    skipped: plan.skipped.map((s) => [...ref(s), s.reason]),
    teamSteps: plan.teamSteps,
  });
}
