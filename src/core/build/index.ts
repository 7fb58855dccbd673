import type { AccountHandover, Completeness, CrmSnapshot } from '../model.js';
import { buildAccountHandover, scopeAccount, type AccountContext, type AccountScope } from './account.js';
import { evaluateCompleteness, type Subject, type Subjects } from './completeness.js';
import { makeClock } from './dates.js';
import { takeInventory, type UnassignedRecord } from './inventory.js';
import { closedWonBetween, selectKeyAccounts } from './keyAccounts.js';
import { competitorFinder } from './risks.js';
import { RULES, type Rule } from './rules.js';
import { indexSnapshot, type SnapshotIndex } from './snapshotIndex.js';

export type { UnassignedRecord } from './inventory.js';
export { COUNTED_OBJECTS } from './inventory.js';
export { RULES, type Check, type Condition, type Rule, type RuleScope } from './rules.js';
export { chainOfCommand } from './relationshipMap.js';

export type BuildOptions = {
  /** How many accounts each ranking (annual revenue, closed-won in 12 months) makes key. */
  keyAccountTopN: number;
  /** A deal with no touch for this many days has no recent activity. */
  inactivityDays: number;
  /** Contracts ending within this many days (either side of today) are renewals to handle. */
  renewalWindowDays: number;
  /** How many of an account's latest communications the handover shows. */
  latestCommunications: number;
  /** Competitors' names to look for in deals, besides generic cues ("vs.", "竞争对手"). */
  competitors: string[];
};

export const DEFAULT_BUILD_OPTIONS: BuildOptions = {
  keyAccountTopN: 20,
  inactivityDays: 30,
  renewalWindowDays: 90,
  latestCommunications: 5,
  competitors: [],
};

export type HandoverBuild = {
  /** The departing user's accounts, then the others where they hold live work (ownedByDeparting false). */
  accounts: AccountHandover[];
  /** The departing user's records no account of the handover holds. */
  unassignedRecords: UnassignedRecord[];
  /** Records owned by the departing user, per object type. */
  counts: Record<string, number>;
  keyAccountIds: string[];
  completeness: Completeness;
};

/** The handover's content, from CRM data alone: pure, and total over bad rows. */
export function buildHandover(
  snapshot: CrmSnapshot,
  options: Partial<BuildOptions> = {},
  rules: readonly Rule[] = RULES,
): HandoverBuild {
  const opts: BuildOptions = { ...DEFAULT_BUILD_OPTIONS, ...definedOnly(options) };
  const clock = makeClock(snapshot.today, snapshot.timeZone);
  const index = indexSnapshot(snapshot, clock);
  const departingId = snapshot.departing.Id;
  const inventory = takeInventory(snapshot, index, clock.today);

  // The rep's accounts, then the others they hold live work on, each in the snapshot's order.
  const foreign = new Set(inventory.foreignAccountIds);
  const accountIds = [
    ...new Set([
      ...snapshot.accounts.filter((a) => a.OwnerId === departingId).map((a) => a.Id),
      ...snapshot.accounts.filter((a) => foreign.has(a.Id)).map((a) => a.Id),
    ]),
  ];
  const scopes = accountIds.flatMap((id) => {
    const account = index.accountById.get(id);
    return account === undefined ? [] : [scopeAccount(account, departingId, index)];
  });

  const yearAgo = clock.addMonths(clock.today, -12);
  const closedWon = new Map(
    accountIds.map((id) => [id, closedWonBetween(index.opportunitiesByAccount.get(id) ?? [], yearAgo, clock.today)]),
  );
  const keyReasons = selectKeyAccounts(
    scopes.map((s) => ({
      accountId: s.account.Id,
      annualRevenue: s.account.AnnualRevenue,
      closedWonLast12Months: closedWon.get(s.account.Id) ?? 0,
      strategic: s.account.Strategic === true,
    })),
    opts.keyAccountTopN,
  );

  const findCompetitor = competitorFinder(opts.competitors);
  const recentFrom = clock.addDays(clock.today, -opts.inactivityDays);
  const renewalFrom = clock.addDays(clock.today, -opts.renewalWindowDays);
  const renewalTo = clock.addDays(clock.today, opts.renewalWindowDays);
  const context: AccountContext = {
    index,
    clock,
    departingId,
    keyReasons,
    closedWonLast12Months: closedWon,
    findCompetitor,
    recentFrom,
    renewalFrom,
    renewalTo,
    latestCommunications: opts.latestCommunications,
  };
  const accounts = scopes.map((scope) => buildAccountHandover(scope, context));

  return {
    accounts,
    unassignedRecords: inventory.unassignedRecords,
    counts: inventory.counts,
    keyAccountIds: accounts.filter((a) => a.isKeyAccount).map((a) => a.accountId),
    completeness: evaluateCompleteness(subjectsOf(accounts, scopes, index), rules, clock),
  };
}

/** The entities the completeness rules check, each with the org row it was built from. */
function subjectsOf(
  accounts: readonly AccountHandover[],
  scopes: readonly AccountScope[],
  index: SnapshotIndex,
): Subjects {
  const subjects: Subjects = {
    account: [],
    key_account: [],
    open_opportunity: [],
    complaint: [],
    contact: [],
    key_contact: [],
  };
  const seenContacts = new Set<string>();
  const seenKeyContacts = new Set<string>();
  accounts.forEach((a, i) => {
    const account: Subject = {
      recordId: a.accountId,
      accountId: a.accountId,
      name: a.name,
      data: a,
      source: scopes[i]?.account,
    };
    subjects.account.push(account);
    if (a.isKeyAccount) subjects.key_account.push(account);
    for (const o of a.openOpportunities) {
      const source = index.opportunityById.get(o.opportunityId);
      subjects.open_opportunity.push({
        recordId: o.opportunityId,
        accountId: a.accountId,
        name: o.name,
        data: o,
        source,
      });
    }
    for (const c of a.complaints) {
      const source = index.caseById.get(c.caseId);
      subjects.complaint.push({
        recordId: c.caseId,
        accountId: a.accountId,
        name: c.caseNumber ?? c.subject,
        data: c,
        source,
      });
    }
    for (const c of a.relationshipMap.contacts) {
      // A contact related to several accounts is checked once (per scope).
      const isKey = a.isKeyAccount && c.isDecisionMaker;
      if (seenContacts.has(c.contactId) && (!isKey || seenKeyContacts.has(c.contactId))) continue;
      const source = index.contactById.get(c.contactId);
      const subject: Subject = { recordId: c.contactId, accountId: a.accountId, name: c.name, data: c, source };
      if (!seenContacts.has(c.contactId)) subjects.contact.push(subject);
      seenContacts.add(c.contactId);
      if (isKey && !seenKeyContacts.has(c.contactId)) subjects.key_contact.push(subject);
      if (isKey) seenKeyContacts.add(c.contactId);
    }
  });
  return subjects;
}

/** Options given as undefined keep their default. */
function definedOnly(options: Partial<BuildOptions>): Partial<BuildOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
