/** Shared setup and sample service results for the handover command unit tests. */
import { Config } from '@oclif/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { stubSfCommandUx, stubSpinner } from '@salesforce/sf-plugins-core';
import type {
  EditResult,
  HandoverView,
  QaResult,
  SignoffResult,
  StartResult,
} from '../../../src/salesforce/service/index.js';
import type { HandoverHeader } from '../../../src/salesforce/store/model.js';

export const HANDOVER_ID = 'a00000000000001AAA';
export const HASH = 'a'.repeat(64);

export type CommandContext = {
  $$: TestContext;
  testOrg: MockTestOrgData;
  config: () => Config;
  ux: () => ReturnType<typeof stubSfCommandUx>;
  /** The spinner's start and stop (stubbed: nothing is drawn). */
  spinner: () => ReturnType<typeof stubSpinner>;
  /** Everything the command logged (log, logSuccess, warn), as text. */
  output: () => string;
  /** The command line for the test handover on the test org, then `extra`. */
  argv: (...extra: string[]) => string[];
};

/** The TestContext, a mock org and stubbed UX for one describe block. */
export function commandContext(): CommandContext {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let config: Config;
  let ux: ReturnType<typeof stubSfCommandUx>;
  let spinner: ReturnType<typeof stubSpinner>;

  beforeAll(async () => {
    config = await Config.load({ root: process.cwd() });
  });

  beforeEach(async () => {
    $$.stubAliases({});
    ux = stubSfCommandUx($$.SANDBOX);
    spinner = stubSpinner($$.SANDBOX);
    await $$.stubAuths(testOrg);
  });

  afterEach(() => $$.restore());

  return {
    $$,
    testOrg,
    config: () => config,
    ux: () => ux,
    spinner: () => spinner,
    argv: (...extra: string[]): string[] => ['--target-org', testOrg.username, '--handover', HANDOVER_ID, ...extra],
    output: () =>
      [...ux.log.args, ...ux.logSuccess.args, ...ux.warn.args]
        .flat()
        .map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
        .join('\n'),
  };
}

export const header: HandoverHeader = {
  id: HANDOVER_ID,
  name: 'HO-0001',
  ownerId: '005000000000001AAA',
  departingUserId: '005000000000002AAA',
  managerId: '005000000000001AAA',
  status: 'Draft',
  lastWorkingDay: '2026-12-31',
  reason: 'Resignation',
  successorIds: ['005000000000003AAA'],
  completeness: 80,
  gapCount: 1,
  contentHash: HASH,
  reviewDue: '2026-12-03',
  transitionEnd: '2027-02-01',
  overrideReason: null,
  approvedAt: null,
  summary: null,
  createdById: '005000000000001AAA',
  createdDate: '2026-11-26T10:00:00.000Z',
  lastModifiedDate: '2026-11-26T10:00:00.000Z',
};

export const startResult: StartResult = {
  handoverId: HANDOVER_ID,
  status: 'Draft',
  contentHash: HASH,
  departing: { id: '005000000000002AAA', username: 'departing@handover.local', name: 'Dee Parting' },
  manager: { id: '005000000000001AAA', username: 'manager@handover.local', name: 'Manny Ger' },
  successors: [
    {
      id: '005000000000003AAA',
      username: 'successor1@handover.local',
      name: 'Sue Cessor',
      accountCount: 3,
      revenue: 1000,
      itemCount: 12,
    },
  ],
  counts: { Account: 3, Opportunity: 4 },
  itemCount: 12,
  itemCounts: { Account: 3 },
  transfer: { pending: 10, notPlanned: 2 },
  contactNoteCount: 2,
  keyAccounts: [{ id: '001000000000001AAA', name: 'Acme', reasons: [] }],
  completeness: {
    score: 80,
    passed: 8,
    checked: 10,
    gaps: Array.from({ length: 7 }, (_, i) => ({
      ruleId: `rule${i}`,
      severity: 'high' as const,
      recordId: null,
      accountId: null,
      message: `Gap number ${i}`,
    })),
  },
  deadlines: {
    businessDaysUntilLastDay: 2,
    lastDayInPast: false,
    startWarning: 'late',
    recommendedStartBy: '2026-11-20',
    latestStartBy: '2026-11-24',
    reviewDue: '2026-12-01',
    contactKeyCustomers: null,
    transitionEnd: '2027-01-04',
  },
  warnings: [{ code: 'late', message: 'Only 2 business day(s) until the last working day.' }],
  readStats: {},
};

export const view: HandoverView = {
  handover: {
    header,
    items: [
      {
        id: 'a01000000000001AAA',
        handoverId: HANDOVER_ID,
        objectType: 'Account',
        recordId: '001000000000001AAA',
        recordName: 'Acme',
        accountId: '001000000000001AAA',
        successorId: '005000000000003AAA',
        previousOwnerId: '005000000000002AAA',
        category: 'Record',
        priority: null,
        dueDate: null,
        state: null,
        riskNotes: 'Budget frozen',
        nextStep: null,
        notes: null,
        answer: null,
        askedById: null,
        answeredAt: null,
        counterpart: null,
        confirmedByDeparting: false,
        reviewedBySuccessor: false,
        transferStatus: 'Pending',
        transferError: null,
        transferredAt: null,
      },
    ],
    contactNotes: [],
    signatures: [],
    events: [],
  },
  role: 'manager',
  contentHash: HASH,
  allowedActions: ['edit_content', 'cancel'],
  validSignatures: [],
  staleSignatures: [],
  missingSuccessors: ['005000000000003AAA'],
  unconfirmedItemIds: ['a01000000000001AAA'],
  log: { ok: true, eventCount: 1, headHash: 'b'.repeat(64), problems: [] },
  yourReview: null,
  warnings: [],
};

export const editResult: EditResult = {
  handoverId: HANDOVER_ID,
  changed: true,
  status: 'Draft',
  previousStatus: 'Draft',
  contentHash: HASH,
  previousContentHash: 'c'.repeat(64),
  staleSigners: [],
  unconfirmedItemCount: 0,
  insertedItemIds: [],
  insertedContactNoteIds: [],
};

export const qaResult: QaResult = {
  handoverId: HANDOVER_ID,
  itemId: 'a01000000000009AAA',
  action: 'question',
  at: '2026-11-26T10:00:00.000Z',
};

export const signoffResult: SignoffResult = {
  handoverId: HANDOVER_ID,
  action: 'handover.signed',
  role: 'departing',
  status: 'Signed_By_Departing',
  previousStatus: 'Draft',
  contentHash: HASH,
  signatureId: 'a02000000000001AAA',
  at: '2026-11-26T10:00:00.000Z',
  missingSuccessors: ['005000000000003AAA'],
  unconfirmedItemIds: [],
};
