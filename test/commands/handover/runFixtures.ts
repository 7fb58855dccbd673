/** Sample engine results for the reassign, resume, rollback and verify command tests. */
import { initialProgress, type ProgressState, type VerifyReport } from '../../../src/core/reassign/index.js';
import type { RecordOutcome, RunResult, VerifyResult } from '../../../src/salesforce/reassign/index.js';
import type { HandoverItem } from '../../../src/salesforce/store/model.js';
import { HANDOVER_ID, header, view } from './fixtures.js';

export const SUCCESSOR_ID = '005000000000003AAA';
export const DEPARTING_ID = '005000000000002AAA';
export const PLAN_HASH = 'f'.repeat(64);

export const progress: ProgressState = {
  ...initialProgress(),
  phase: 'opportunities',
  total: 5,
  done: 5,
  perObject: {
    Account: { total: 2, done: 2, failed: 0, conflicts: 0 },
    Opportunity: { total: 3, done: 3, failed: 0, conflicts: 0 },
  },
  ratePerSecond: 2.5,
  etaSeconds: 0,
  startedAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T10:00:02.000Z',
  finished: true,
};

export const verification: VerifyReport = {
  ok: true,
  checked: 6,
  transferred: 6,
  leftWithDeparting: 0,
  exceptions: [],
  counts: {
    failed: 0,
    not_moved: 0,
    owner_reverted: 0,
    not_in_handover: 0,
    conflict: 0,
    not_found: 0,
    stays_by_policy: 0,
  },
  perObject: {
    Account: { checked: 3, transferred: 3, leftWithDeparting: 0 },
    Opportunity: { checked: 3, transferred: 3, leftWithDeparting: 0 },
  },
};

const count = (move: number, stay: number, skip: number): { move: number; stay: number; skip: number } => ({
  move,
  stay,
  skip,
});

export const reassigned: RunResult = {
  handoverId: HANDOVER_ID,
  runId: 'run-1',
  kind: 'reassign',
  dryRun: false,
  status: 'Reassigned',
  planHash: PLAN_HASH,
  counts: {
    total: count(5, 2, 1),
    perObject: { Account: count(2, 0, 1), Opportunity: count(3, 2, 0) },
    perSuccessor: {
      [SUCCESSOR_ID]: { total: count(5, 2, 1), perObject: { Account: count(2, 0, 1), Opportunity: count(3, 2, 0) } },
    },
  },
  phases: [
    { phase: 'accounts', objectTypes: ['Account'], batches: 1, methods: ['Account:collections'], records: 2 },
    { phase: 'opportunities', objectTypes: ['Opportunity'], batches: 1, methods: ['Opportunity:bulk'], records: 3 },
  ],
  unassigned: 0,
  outcome: { transferred: 5, alreadyDone: 0, conflicts: 0, failed: 0, notReached: 0 },
  exceptions: [],
  teams: [{ object: 'AccountTeamMember', parentIds: [], snapshotted: 2, restored: 2, present: 0, failed: [] }],
  followUps: { planned: 2, created: 2, existing: 0, createdTaskIds: ['00T000000000001AAA', '00T000000000002AAA'] },
  verification,
  retries: 0,
  stopped: null,
  calls: { calls: 12, polls: 0 },
  progress,
};

export const dryRun: RunResult = {
  ...reassigned,
  dryRun: true,
  status: 'Approved',
  outcome: { transferred: 0, alreadyDone: 0, conflicts: 0, failed: 0, notReached: 0 },
  teams: [],
  followUps: null,
  verification: null,
  progress: initialProgress(),
};

/** Someone else who took records during a run. */
export const OTHER_OWNER_ID = '005000000000009AAA';

function failure(n: number): RecordOutcome {
  return {
    recordId: `006000000000${String(n).padStart(3, '0')}AAA`,
    objectType: 'Opportunity',
    accountId: null,
    itemIds: [],
    fromOwnerId: DEPARTING_ID,
    toOwnerId: SUCCESSOR_ID,
    kind: n % 2 === 0 ? 'failed' : 'conflict',
    alreadyDone: false,
    code: n % 2 === 0 ? 'FIELD_CUSTOM_VALIDATION_EXCEPTION' : null,
    message: n % 2 === 0 ? `Validation rule ${n} failed` : `Owned by someone else ${n}`,
    // A conflict names who took the record; a failed record is still with its owner before the write.
    currentOwnerId: n % 2 === 0 ? null : OTHER_OWNER_ID,
    attempts: 1,
  };
}

/** 25 exceptions: 13 conflicts and 12 failures on opportunities. */
export const partial: RunResult = {
  ...reassigned,
  status: 'Partially_Reassigned',
  outcome: { transferred: 2, alreadyDone: 0, conflicts: 13, failed: 12, notReached: 0 },
  exceptions: Array.from({ length: 25 }, (_, i) => failure(i + 1)),
  verification: { ...verification, ok: false, transferred: 2, leftWithDeparting: 12 },
};

export const rolledBack: RunResult = {
  ...reassigned,
  kind: 'rollback',
  status: 'Rolled_Back',
  counts: {
    total: { revert: 5, alreadyRolledBack: 0, conflict: 0 },
    perObject: {
      Account: { revert: 2, alreadyRolledBack: 0, conflict: 0 },
      Opportunity: { revert: 3, alreadyRolledBack: 0, conflict: 0 },
    },
  },
  phases: [...reassigned.phases].reverse(),
  followUps: null,
  verification: null,
};

export const verifyOk: VerifyResult = {
  handoverId: HANDOVER_ID,
  status: 'Reassigned',
  report: verification,
  calls: { calls: 3, polls: 0 },
};

export const verifyNotOk: VerifyResult = {
  ...verifyOk,
  status: 'Partially_Reassigned',
  report: {
    ...verification,
    ok: false,
    transferred: 5,
    leftWithDeparting: 1,
    counts: { ...verification.counts, failed: 1, stays_by_policy: 1 },
    exceptions: [
      {
        kind: 'failed',
        recordId: '006000000000001AAA',
        objectType: 'Opportunity',
        accountId: null,
        itemIds: [],
        departingOwnerId: DEPARTING_ID,
        expectedOwnerId: SUCCESSOR_ID,
        currentOwnerId: DEPARTING_ID,
        leftWithDeparting: true,
        message: 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Close date required',
        stayReason: null,
      },
      {
        kind: 'stays_by_policy',
        recordId: '006000000000002AAA',
        objectType: 'Opportunity',
        accountId: null,
        itemIds: [],
        departingOwnerId: DEPARTING_ID,
        expectedOwnerId: DEPARTING_ID,
        currentOwnerId: DEPARTING_ID,
        leftWithDeparting: false,
        message: 'Stays with the departing user by policy (closed_won_opportunity).',
        stayReason: 'closed_won_opportunity',
      },
    ],
  },
};

/** Items of a run under way: 2 transferred, 1 in progress, 1 pending (and a question, not counted). */
const [template] = view.handover.items;
export const runningItems: HandoverItem[] = (['Transferred', 'Transferred', 'In_Progress', 'Pending'] as const).map(
  (transferStatus, i) => ({
    ...template!,
    id: `a01000000000${i}01AAA`,
    recordId: `001000000000${i}01AAA`,
    transferStatus,
  }),
);
runningItems.push({ ...template!, id: 'a01000000000901AAA', category: 'Question', recordId: null });

export const reassigningHeader = { ...header, status: 'Reassigning' as const };
export const approvedHeader = { ...header, status: 'Approved' as const };
