/**
 * The rows of a new handover, from the CRM snapshot and its build (pure: no I/O). One checklist item
 * per record the departing user owns, categorised and enriched from the build (pending items, deal
 * risks, complaints, renewals); the module D template lines; empty relationship-map notes for the
 * contacts of key accounts. Records that move get Transfer_Status Pending; closed deals, closed
 * cases and completed activities stay with the departing user (history and credit): Not_Planned.
 */
import type { HandoverBuild } from '../../core/build/index.js';
import { makeClock } from '../../core/build/dates.js';
import { CASE_PRIORITY, priorityOf, TASK_PRIORITY } from '../../core/build/pendingItems.js';
import { indexSnapshot, type SnapshotIndex } from '../../core/build/snapshotIndex.js';
import type {
  AccountHandover,
  Complaint,
  CrmSnapshot,
  OpportunityRisk,
  PendingItem,
  Priority,
  RiskSignal,
} from '../../core/model.js';
import type { ChildRecord } from '../../core/split.js';
import {
  CONTACT_CHANNELS,
  CONTACT_DECISION_ROLES,
  CONTACT_STANCES,
  type ItemCategory,
  type ItemState,
} from '../../core/sobjects.js';
import { id18 } from '../store/ids.js';
import type { ContactNoteDraft, ItemDraft } from '../store/model.js';

/** A record the departing user owns, placed under a visible account when it has one. */
export type OwnedRecord = ChildRecord & {
  name: string | null;
  /** It moves to a successor (open work and the customer itself), or stays (history). */
  moves: boolean;
  /** The row's own state, for records outside every account of the build. */
  rowState: { priority: Priority | null; status: string | null; due: string | null };
};

/** Every record the departing user owns, once, in a stable order (as core/build/inventory counts them). */
export function ownedRecords(snapshot: CrmSnapshot): OwnedRecord[] {
  const me = snapshot.departing.Id;
  const clock = makeClock(snapshot.today, snapshot.timeZone);
  const index = indexSnapshot(snapshot, clock);
  const visible = (accountId: string | null): string | null =>
    accountId !== null && index.accountById.has(accountId) ? accountId : null;
  const out: OwnedRecord[] = [];
  const add = (
    objectType: string,
    recordId: string,
    name: string | null,
    accountId: string | null,
    moves: boolean,
    rowState: OwnedRecord['rowState'] = { priority: null, status: null, due: null },
  ): void => {
    out.push({ recordId, objectType, name, accountId: visible(accountId), moves, rowState });
  };
  for (const a of index.accountById.values()) if (a.OwnerId === me) add('Account', a.Id, a.Name, a.Id, true);
  for (const c of index.contactById.values()) if (c.OwnerId === me) add('Contact', c.Id, c.Name, c.AccountId, true);
  for (const o of index.opportunityById.values()) {
    if (o.OwnerId !== me) continue;
    add('Opportunity', o.Id, o.Name, o.AccountId, !o.IsClosed, {
      priority: null,
      status: o.StageName,
      due: o.CloseDate,
    });
  }
  for (const c of index.caseById.values()) {
    if (c.OwnerId !== me) continue;
    add('Case', c.Id, c.Subject ?? c.CaseNumber, c.AccountId, !c.IsClosed, {
      priority: priorityOf(c.Priority, CASE_PRIORITY),
      status: c.Status,
      due: null,
    });
  }
  for (const { row, day, due, accountId } of index.activities) {
    if (row.OwnerId !== me) continue;
    const open = row.kind === 'Task' ? !row.IsClosed : day !== null && day >= clock.today;
    add(row.kind, row.Id, row.Subject, accountId, open, {
      priority: row.kind === 'Task' ? priorityOf(row.Priority, TASK_PRIORITY) : 'Medium',
      status: row.Status,
      due: row.kind === 'Task' ? due : day,
    });
  }
  for (const c of index.contractById.values()) {
    if (c.OwnerId === me) add('Contract', c.Id, c.ContractNumber, c.AccountId, true);
  }
  addFiles(snapshot, index, add);
  for (const r of snapshot.otherOwned) add(r.objectType, r.Id, r.Name, null, true);
  return out;
}

/** A file has a row per record it is linked to: one item, under a visible account when any link has one. */
function addFiles(
  snapshot: CrmSnapshot,
  index: SnapshotIndex,
  add: (type: string, id: string, name: string | null, accountId: string | null, moves: boolean) => void,
): void {
  const files = new Map<string, { title: string | null; accountId: string | null }>();
  for (const f of snapshot.files) {
    if (f.OwnerId !== snapshot.departing.Id) continue;
    const accountId = index.accountOfRecord(f.LinkedEntityId);
    const known = files.get(f.ContentDocumentId);
    if (known === undefined) files.set(f.ContentDocumentId, { title: f.Title, accountId });
    else if (accountId !== null && (known.accountId === null || !index.accountById.has(known.accountId))) {
      known.accountId = accountId;
    }
  }
  for (const [id, file] of files) add('ContentDocument', id, file.title, file.accountId, true);
}

// ---------------------------------------------------------------- items

/** What the build says about records, by record id. */
type Facts = {
  pending: Map<string, PendingItem>;
  deals: Map<string, OpportunityRisk>;
  complaints: Map<string, Complaint>;
  keyAccounts: Set<string>;
};

function factsOf(build: HandoverBuild): Facts {
  const facts: Facts = { pending: new Map(), deals: new Map(), complaints: new Map(), keyAccounts: new Set() };
  for (const a of build.accounts) {
    if (a.isKeyAccount) facts.keyAccounts.add(a.accountId);
    // Pending items come sorted by urgency: the first one of a record is the one that counts.
    for (const p of a.pendingItems) if (!facts.pending.has(p.recordId)) facts.pending.set(p.recordId, p);
    for (const o of a.openOpportunities) facts.deals.set(o.opportunityId, o);
    for (const c of a.complaints) facts.complaints.set(c.caseId, c);
  }
  return facts;
}

const RISK_TEXT: Record<RiskSignal, string> = {
  close_date_passed: 'Close date passed',
  no_recent_activity: 'No recent activity',
  single_threaded: 'Single-threaded (one contact)',
  stage_moved_back: 'Stage moved back',
  amount_dropped: 'Amount dropped',
  competitor_named: 'Competitor involved',
};

export function riskText(deal: OpportunityRisk): string | null {
  const parts = deal.risks.map((r) =>
    r === 'competitor_named' && deal.competitor !== null ? `Competitor: ${deal.competitor}` : RISK_TEXT[r],
  );
  return parts.length === 0 ? null : parts.join('; ');
}

/** A task or case status as an item state. */
export function stateOf(status: string | null): ItemState {
  const s = (status ?? '').toLowerCase();
  if (/waiting|deferred|on hold|pending|等待|暂缓/.test(s)) return 'Waiting';
  if (/progress|working|escalated|进行|处理中/.test(s)) return 'In_Progress';
  if (/blocked|阻塞/.test(s)) return 'Blocked';
  return 'Open';
}

type ItemShape = Pick<ItemDraft, 'category' | 'priority' | 'dueDate' | 'state' | 'riskNotes' | 'nextStep'>;

/** Category, priority, due date, state, risks and next step of one record's item. */
export function shapeOf(record: OwnedRecord, facts: Facts): ItemShape {
  if (!record.moves)
    return { category: 'Record', priority: null, dueDate: null, state: 'Done', riskNotes: null, nextStep: null };
  const pending = facts.pending.get(record.recordId);
  const deal = facts.deals.get(record.recordId);
  if (deal !== undefined) {
    const key = deal.accountId !== null && facts.keyAccounts.has(deal.accountId);
    const urgent =
      deal.risks.includes('close_date_passed') || (key && deal.risks.length > 0) || pending?.overdue === true;
    return {
      category: 'Open_Opportunity',
      priority: urgent ? 'High' : deal.risks.length > 0 ? 'Medium' : (pending?.priority ?? 'Medium'),
      dueDate: deal.closeDate,
      state: 'Open',
      riskNotes: riskText(deal),
      nextStep: deal.nextStep,
    };
  }
  const complaint = facts.complaints.get(record.recordId);
  if (complaint !== undefined) {
    const escalate = complaint.needs === 'escalation';
    return {
      category: 'Complaint',
      priority: escalate ? 'High' : complaint.priority,
      dueDate: null,
      state: stateOf(complaint.status),
      riskNotes: `Open ${complaint.ageDays} day(s)${complaint.isEscalated ? ', escalated' : ''}`,
      nextStep: escalate ? 'Escalate and agree a resolution date with the customer' : 'Follow up with the customer',
    };
  }
  if (pending?.kind === 'renewal') {
    return {
      category: 'Contract_Renewal',
      priority: pending.priority,
      dueDate: pending.dueDate,
      state: 'Open',
      riskNotes: null,
      nextStep: 'Prepare the renewal',
    };
  }
  if (pending !== undefined) {
    return {
      category: 'Pending_Item',
      priority: pending.priority,
      dueDate: pending.dueDate,
      state: stateOf(pending.state),
      riskNotes: null,
      nextStep: null,
    };
  }
  return rowShape(record, facts);
}

/** Records the build did not describe (no visible account, or plain records). */
function rowShape(record: OwnedRecord, facts: Facts): ItemShape {
  const { priority, status, due } = record.rowState;
  if (record.objectType === 'Task' || record.objectType === 'Event') {
    return {
      category: 'Pending_Item',
      priority,
      dueDate: due,
      state: stateOf(status),
      riskNotes: null,
      nextStep: null,
    };
  }
  if (record.objectType === 'Opportunity') {
    return {
      category: 'Open_Opportunity',
      priority: 'Medium',
      dueDate: due,
      state: 'Open',
      riskNotes: null,
      nextStep: null,
    };
  }
  if (record.objectType === 'Case') {
    return { category: 'Complaint', priority, dueDate: null, state: stateOf(status), riskNotes: null, nextStep: null };
  }
  const key = record.objectType === 'Account' && facts.keyAccounts.has(record.recordId);
  return {
    category: 'Record',
    priority: key ? 'High' : null,
    dueDate: null,
    state: null,
    riskNotes: null,
    nextStep: null,
  };
}

export type ItemPlan = {
  records: readonly OwnedRecord[];
  /** recordId -> successorId (from the split and assignChildren). */
  successorOf: ReadonlyMap<string, string>;
  departingId: string;
  accessLines?: readonly AccessLine[];
};

/** One item per owned record, then the module D lines. */
export function itemDrafts(build: HandoverBuild, plan: ItemPlan): ItemDraft[] {
  const facts = factsOf(build);
  const items = plan.records.map((r): ItemDraft => ({
    ...shapeOf(r, facts),
    objectType: r.objectType,
    recordId: id18(r.recordId),
    recordName: r.name,
    accountId: r.accountId === null ? null : id18(r.accountId),
    successorId: plan.successorOf.get(r.recordId) ?? null,
    previousOwnerId: plan.departingId,
    confirmedByDeparting: false,
    transferStatus: r.moves ? 'Pending' : 'Not_Planned',
  }));
  return [...items, ...manualLines(plan.departingId, plan.accessLines ?? [])];
}

// ---------------------------------------------------------------- module D

/** Something the departing user holds access to, found in the org (permission sets, queues, groups). */
export type AccessLine = { objectType: string; recordId: string; name: string };

type Template = { category: ItemCategory; name: string };

/** The template lines of module D, for the departing rep to complete (Notes, Counterpart). */
export const MANUAL_TEMPLATES: readonly Template[] = [
  {
    category: 'Cross_Department',
    name: 'Marketing: campaigns, events or materials in progress (counterpart, next date)',
  },
  {
    category: 'Cross_Department',
    name: 'Product / R&D: feature requests or custom work promised to customers (counterpart, next date)',
  },
  {
    category: 'Cross_Department',
    name: 'Support / delivery: implementations and escalations in progress (counterpart, next date)',
  },
  {
    category: 'Cross_Department',
    name: 'Finance: invoices, payment collection and credit terms open (counterpart, next date)',
  },
  {
    category: 'System_Access',
    name: 'CRM: reports, dashboards and list views the successor needs; anything else to revoke',
  },
  { category: 'System_Access', name: 'Shared mailboxes, WeChat work groups and customer chat groups to hand over' },
  { category: 'System_Access', name: 'Quoting, contract and e-signature tools: accounts to hand over or revoke' },
  { category: 'Team_Routine', name: 'Weekly pipeline review and forecast: what the successor takes over' },
  { category: 'Team_Routine', name: 'Regular customer visits, calls and reports: schedule to hand over' },
];

function manualLines(departingId: string, access: readonly AccessLine[]): ItemDraft[] {
  const templates = MANUAL_TEMPLATES.map((t): ItemDraft => ({
    category: t.category,
    objectType: 'Manual',
    recordName: t.name,
    state: 'Open',
  }));
  const found = access.map((a): ItemDraft => ({
    category: 'System_Access',
    objectType: a.objectType,
    recordId: id18(a.recordId),
    recordName: `${a.objectType === 'PermissionSet' ? 'Permission set' : a.objectType === 'Queue' ? 'Queue' : 'Group'} ${a.name}: hand over or revoke`,
    state: 'Open',
  }));
  // Manual lines never move records: the reassignment leaves them alone.
  return [...templates, ...found].map((line) => ({
    ...line,
    previousOwnerId: departingId,
    confirmedByDeparting: false,
    transferStatus: 'Not_Planned',
  }));
}

// ---------------------------------------------------------------- relationship map notes

const ROLE_BY_CRM_ROLE: ReadonlyMap<string, string> = new Map(
  CONTACT_DECISION_ROLES.map((r) => [r.replace(/_/g, ' ').toLowerCase(), r]),
);

/** One empty note per contact of a key account's map (the rep fills them), with what the org already knows. */
export function contactNoteDrafts(accounts: readonly AccountHandover[]): ContactNoteDraft[] {
  const seen = new Set<string>();
  const notes: ContactNoteDraft[] = [];
  for (const account of accounts) {
    if (!account.isKeyAccount) continue;
    for (const c of account.relationshipMap.contacts) {
      if (seen.has(c.contactId)) continue;
      seen.add(c.contactId);
      const known = c.notes;
      const crmRole = c.roles.map((r) => ROLE_BY_CRM_ROLE.get(r.toLowerCase())).find((r) => r !== undefined);
      notes.push({
        contactId: id18(c.contactId),
        contactName: c.name,
        contactTitle: c.title,
        accountId: id18(account.accountId),
        decisionRole: pickValid(known?.decisionRole, CONTACT_DECISION_ROLES) ?? crmRole ?? null,
        stance: pickValid(known?.stance, CONTACT_STANCES),
        caresAbout: known?.caresAbout ?? null,
        preferredChannel: pickValid(known?.preferredChannel, CONTACT_CHANNELS),
        preferredTimes: known?.preferredTimes ?? null,
        topicsToAvoid: known?.topicsToAvoid ?? null,
        reportsToId: c.reportsToId === null ? null : id18(c.reportsToId),
        notes: known?.notes ?? null,
        confirmedByDeparting: false,
      });
    }
  }
  return notes;
}

function pickValid(value: string | null | undefined, allowed: readonly string[]): string | null {
  return value !== null && value !== undefined && allowed.includes(value) ? value : null;
}
