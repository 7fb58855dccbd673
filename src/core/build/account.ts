import type {
  AccountHandover,
  AccountRow,
  CaseRow,
  Communication,
  ContractRow,
  ContractSummary,
  DealSummary,
  IsoDate,
  KeyAccountReason,
  OpportunityRow,
} from '../model.js';
import { complaintOf } from './complaints.js';
import type { Clock } from './dates.js';
import { pendingItems } from './pendingItems.js';
import { buildRelationshipMap } from './relationshipMap.js';
import { latestTouch, opportunityRisk, type CompetitorFinder } from './risks.js';
import type { ActivityView, SnapshotIndex } from './snapshotIndex.js';
import { accountStage } from './stage.js';
import { DESCRIPTION_LIMIT, NO_NAME, NO_SUBJECT, summarize, TITLE_LIMIT, titleOf } from './text.js';

/**
 * An account's rows that belong in the handover. On an account the departing user owns, all of them:
 * the account owner answers for the whole customer. On someone else's account (brought in by the
 * departing user's live work there), only the departing user's own records. Facts about the customer
 * (its stage, its closed-won amount, whether it is key) always read all of the account's rows.
 */
export type AccountScope = {
  account: AccountRow;
  ownedByDeparting: boolean;
  opportunities: readonly OpportunityRow[];
  cases: readonly CaseRow[];
  contracts: readonly ContractRow[];
  activities: readonly ActivityView[];
};

const NONE: readonly never[] = [];

export function scopeAccount(account: AccountRow, departingId: string, index: SnapshotIndex): AccountScope {
  const ownedByDeparting = account.OwnerId === departingId;
  // The index's own lists when everything belongs (no copy: nothing downstream changes them).
  const mine = <T>(rows: readonly T[] | undefined, ownerOf: (row: T) => string | null): readonly T[] =>
    ownedByDeparting ? (rows ?? NONE) : (rows ?? NONE).filter((row) => ownerOf(row) === departingId);
  return {
    account,
    ownedByDeparting,
    opportunities: mine(index.opportunitiesByAccount.get(account.Id), (o) => o.OwnerId),
    cases: mine(index.casesByAccount.get(account.Id), (c) => c.OwnerId),
    contracts: mine(index.contractsByAccount.get(account.Id), (c) => c.OwnerId),
    activities: mine(index.activitiesByAccount.get(account.Id), (a) => a.row.OwnerId),
  };
}

export type AccountContext = {
  index: SnapshotIndex;
  clock: Clock;
  departingId: string;
  keyReasons: ReadonlyMap<string, KeyAccountReason[]>;
  closedWonLast12Months: ReadonlyMap<string, number>;
  findCompetitor: CompetitorFinder;
  /** A touch on or after this day is recent (today minus inactivityDays). */
  recentFrom: IsoDate;
  /** Activated contracts ending in [renewalFrom, renewalTo] are renewals (today ± renewalWindowDays). */
  renewalFrom: IsoDate;
  renewalTo: IsoDate;
  latestCommunications: number;
};

export function buildAccountHandover(scope: AccountScope, ctx: AccountContext): AccountHandover {
  const { account, ownedByDeparting } = scope;
  const { index, clock } = ctx;
  const today = clock.today;
  const openOpportunities = scope.opportunities.filter((o) => !o.IsClosed);
  const openCases = scope.cases.filter((c) => !c.IsClosed);
  const keyReasons = ctx.keyReasons.get(account.Id) ?? [];
  const accountTouch = latestTouch(account.LastActivityDate, index.lastTouchById.get(account.Id));

  return {
    accountId: account.Id,
    name: titleOf(account.Name, NO_NAME),
    industry: summarize(account.Industry, TITLE_LIMIT),
    annualRevenue: finite(account.AnnualRevenue),
    description: summarize(account.Description, DESCRIPTION_LIMIT),
    ownedByDeparting,
    isKeyAccount: keyReasons.length > 0,
    keyReasons,
    stage: accountStage(
      index.contractsByAccount.get(account.Id) ?? NONE,
      index.opportunitiesByAccount.get(account.Id) ?? NONE,
      today,
    ),
    closedWonLast12Months: ctx.closedWonLast12Months.get(account.Id) ?? 0,
    pastDeals: pastDeals(scope.opportunities),
    contracts: scope.contracts.map((c) => contractSummary(c, clock)),
    latestCommunications: latestCommunications(scope.activities, ctx),
    relationshipMap: buildRelationshipMap({
      directContacts: index.contactsByAccount.get(account.Id) ?? [],
      relations: index.relationsByAccount.get(account.Id) ?? [],
      contactById: index.contactById,
      opportunities: scope.opportunities,
      rolesByOpportunity: index.rolesByOpportunity,
      notesByContact: index.notesByContact,
      lastTouchById: index.lastTouchById,
      // On someone else's account: the departing user's contacts and the people on their deals.
      include: (contact, hasDealRole) => ownedByDeparting || contact.OwnerId === ctx.departingId || hasDealRole,
    }),
    pendingItems: pendingItems({
      accountId: account.Id,
      activities: scope.activities,
      openOpportunities,
      openCases,
      contracts: scope.contracts,
      renewalFrom: ctx.renewalFrom,
      renewalTo: ctx.renewalTo,
      clock,
    }),
    openOpportunities: openOpportunities.map((o) =>
      opportunityRisk({
        opportunity: o,
        roles: index.rolesByOpportunity.get(o.Id) ?? [],
        history: index.historyByOpportunity.get(o.Id) ?? [],
        lastTouch: latestTouch(accountTouch, o.LastActivityDate, index.lastTouchById.get(o.Id)),
        recentFrom: ctx.recentFrom,
        today,
        findCompetitor: ctx.findCompetitor,
      }),
    ),
    complaints: openCases.map((c) => complaintOf(c, clock)),
    files: [...(index.filesByAccount.get(account.Id)?.values() ?? [])]
      .filter((f) => ownedByDeparting || f.OwnerId === ctx.departingId)
      .map((f) => ({ contentDocumentId: f.ContentDocumentId, title: titleOf(f.Title, '(untitled)') })),
    successorId: null,
  };
}

/** Closed deals, latest first (no close date last). */
function pastDeals(opportunities: readonly OpportunityRow[]): DealSummary[] {
  return opportunities
    .filter((o) => o.IsClosed)
    .map((o) => ({
      opportunityId: o.Id,
      name: titleOf(o.Name, NO_NAME),
      stage: titleOf(o.StageName, '(no stage)'),
      amount: finite(o.Amount),
      closeDate: o.CloseDate ?? null,
      isWon: o.IsWon,
    }))
    .sort((a, b) => descending(a.closeDate, b.closeDate));
}

function contractSummary(c: ContractRow, clock: Clock): ContractSummary {
  const end = c.EndDate;
  return {
    contractId: c.Id,
    contractNumber: c.ContractNumber ?? null,
    status: c.Status ?? null,
    startDate: c.StartDate,
    endDate: end,
    renewsWithinDays: end !== null && end >= clock.today ? clock.daysBetween(clock.today, end) : null,
  };
}

/** The latest touches that already happened (closed tasks, past events), newest first. */
function latestCommunications(activities: readonly ActivityView[], ctx: AccountContext): Communication[] {
  return activities
    .filter((a) => a.touched)
    .sort((a, b) => descending(a.day, b.day) || (a.row.Id < b.row.Id ? -1 : 1))
    .slice(0, Math.max(0, ctx.latestCommunications))
    .map((a) => ({
      activityId: a.row.Id,
      kind: a.row.kind,
      subject: titleOf(a.row.Subject, NO_SUBJECT),
      date: a.day,
      contactId: a.row.WhoId !== null && ctx.index.contactById.has(a.row.WhoId) ? a.row.WhoId : null,
    }));
}

/** Later day first; no day last. */
function descending(a: IsoDate | null, b: IsoDate | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a > b ? -1 : 1;
}

function finite(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
