/**
 * readBookOfBusiness: everything the departing user owns, and the records around it, as a CrmSnapshot.
 *
 * Three rounds of calls (see plan.ts for the SOQL):
 * 1. who and when: the user with their frozen flag, the org's time zone, describeGlobal (together);
 * 2. one query per object, a few at a time, every page followed and streamed into the snapshot;
 * 3. fills by Id: accounts of someone else on which the user holds records, and contacts of other
 *    accounts that are related to the user's accounts or play a role on their deals.
 * Nothing is queried per account: the calls grow with rows / 2,000, not with the number of accounts.
 */
import type {
  AccountContactRelationRow,
  AccountRow,
  ActivityRow,
  CaseRow,
  ContactNotes,
  ContactRow,
  ContractRow,
  CrmSnapshot,
  FileRow,
  IsoDate,
  OpportunityContactRoleRow,
  OpportunityHistoryRow,
  OpportunityRow,
  OwnedRecordRow,
  TeamMemberRow,
  UserRow,
} from '../../core/model.js';
import { STANDARD_EXTENSIONS } from '../../core/sobjects.js';
import type { OrgConnection } from '../connection.js';
import { idChunks, soqlId } from '../soql.js';
import { HandoverError } from '../store/errors.js';
import { childRecords, CountedApi, eachPage, isMissingFieldError, runLimited } from './api.js';
import { orgShape, ownerCandidates, readOwned, type OrgShape, type Skipped } from './owned.js';
import { CHILDREN, readPlan, type Plan } from './plan.js';
import {
  ACCOUNT_CONTACT_RELATION,
  ACCOUNT_TEAM_MEMBER,
  accountReader,
  CASE,
  CONTACT,
  CONTACT_NOTE,
  CONTENT_DOCUMENT,
  CONTRACT,
  DOCUMENT_LINK,
  EVENT,
  LINKED_FILE,
  OPPORTUNITY,
  OPPORTUNITY_CONTACT_ROLE,
  OPPORTUNITY_HISTORY,
  OPPORTUNITY_TEAM_MEMBER,
  type RowReader,
  type Shape,
  TASK,
  toAccount,
  toAccountTeamMember,
  toCase,
  toContact,
  toContactNotes,
  toContactRole,
  toContract,
  toEvent,
  toFiles,
  toHistory,
  toLinkedFile,
  toOpportunity,
  toOpportunityTeamMember,
  toRelation,
  toTask,
} from './rows.js';
import { orgTimeZone, resolveUserWith, todayIn } from './user.js';

export type ReadProgress = { object: string; rows: number; calls: number };

export type ReadOptions = {
  /** "Today" in the org's time zone (default: now, in that zone). */
  today?: IsoDate;
  /** The org's time zone (default: Organization.TimeZoneSidKey, one call). */
  timeZone?: string;
  /** Called after every page with the object's rows so far and the API calls so far. */
  onProgress?: (step: ReadProgress) => void;
  /** The Handover__c whose contact notes (Handover_Contact__c) to read, when a handover already exists. */
  handoverId?: string;
  /** Queries in flight at once (default 4; Salesforce allows 25 long-running requests per org). */
  concurrency?: number;
};

export type ReadStats = {
  /** API calls made: every query page, describe and request. */
  apiCalls: number;
  /** Rows read per object (child subquery rows under their own object). */
  rowsPerObject: Record<string, number>;
  /** Owner-bearing objects the read could not cover, and why. */
  skippedObjects: Skipped[];
};

export type BookOfBusiness = { snapshot: CrmSnapshot; stats: ReadStats };

const DEFAULT_CONCURRENCY = 4;
/** Ids per IN list: keeps the query URL near 8 KB, well under Salesforce's 16 KB. */
const IDS_PER_QUERY = 300;

/** Rows as they arrive; each query has its own lists, so that concurrent queries never interleave rows. */
type Rows = {
  accounts: AccountRow[];
  relations: AccountContactRelationRow[];
  contacts: ContactRow[];
  opportunities: OpportunityRow[];
  contactRoles: OpportunityContactRoleRow[];
  history: OpportunityHistoryRow[];
  cases: CaseRow[];
  tasks: ActivityRow[];
  events: ActivityRow[];
  contracts: ContractRow[];
  documentFiles: FileRow[];
  linkedFiles: FileRow[];
  accountTeams: TeamMemberRow[];
  opportunityTeams: TeamMemberRow[];
  owned: Map<string, OwnedRecordRow[]>;
  notes: ContactNotes[];
  otherAccounts: AccountRow[];
  otherContacts: ContactRow[];
};

type Read = {
  api: CountedApi;
  shape: OrgShape;
  plan: Plan;
  userId: string;
  rows: Rows;
  tally: (object: string, rows: number) => void;
};

export async function readBookOfBusiness(
  conn: OrgConnection,
  departingUserId: string,
  options: ReadOptions = {},
): Promise<BookOfBusiness> {
  soqlId(departingUserId); // a malformed Id fails here, before any call
  const api = new CountedApi(conn);
  const rowsPerObject: Record<string, number> = {};
  const tally = (object: string, rows: number): void => {
    const total = (rowsPerObject[object] = (rowsPerObject[object] ?? 0) + rows);
    options.onProgress?.({ object, rows: total, calls: api.calls });
  };
  const shape = orgShape(conn);
  const read: Read = { api, shape, plan: readPlan(departingUserId), userId: departingUserId, rows: emptyRows(), tally };
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);

  const [departing, timeZone, global] = await Promise.all([
    resolveUserWith(api, departingUserId, tally),
    options.timeZone ?? orgTimeZone(api, tally),
    shape.global ?? api.describeGlobal(),
  ]);
  if (departing === undefined) {
    throw new HandoverError('DEPARTING_NOT_FOUND', `No user with Id ${departingUserId} in this org.`, {
      data: { userId: departingUserId },
    });
  }
  shape.global = global;
  read.userId = departing.Id; // the org's 18-character form, as rows carry it (the caller may give 15)

  const skippedObjects: Skipped[] = [];
  const candidates = ownerCandidates(global);
  for (const object of candidates) read.rows.owned.set(object, []);
  await runLimited(
    [
      ...objectReads(read, options.handoverId),
      ...candidates.map((object) => async () => {
        const skipped = await readOwned(api, shape, object, read.plan.owned, (rows) => {
          read.rows.owned.get(object)?.push(...rows);
          tally(object, rows.length);
        });
        if (skipped) skippedObjects.push(skipped);
      }),
    ],
    concurrency,
  );
  await runLimited(fillReads(read), concurrency);

  return {
    snapshot: assemble(read.rows, departing, options.today ?? todayIn(timeZone), timeZone),
    stats: { apiCalls: api.calls, rowsPerObject, skippedObjects: skippedObjects.sort(byObject) },
  };
}

function byObject(a: Skipped, b: Skipped): number {
  return a.object < b.object ? -1 : a.object > b.object ? 1 : 0;
}

function emptyRows(): Rows {
  return {
    accounts: [],
    relations: [],
    contacts: [],
    opportunities: [],
    contactRoles: [],
    history: [],
    cases: [],
    tasks: [],
    events: [],
    contracts: [],
    documentFiles: [],
    linkedFiles: [],
    accountTeams: [],
    opportunityTeams: [],
    owned: new Map(),
    notes: [],
    otherAccounts: [],
    otherContacts: [],
  };
}

/** The reads of round 2: one query per object. */
function objectReads(read: Read, handoverId: string | undefined): (() => Promise<void>)[] {
  const { plan, rows } = read;
  const reads = [
    () => readAccounts(read),
    simpleRead(read, plan.contacts, CONTACT, toContact, rows.contacts),
    () => readOpportunities(read),
    simpleRead(read, plan.cases, CASE, toCase, rows.cases),
    simpleRead(read, plan.tasks, TASK, toTask, rows.tasks),
    simpleRead(read, plan.events, EVENT, toEvent, rows.events),
    simpleRead(read, plan.contracts, CONTRACT, toContract, rows.contracts),
    () => readDocuments(read),
    simpleRead(read, plan.accountTeams, ACCOUNT_TEAM_MEMBER, toAccountTeamMember, rows.accountTeams),
    simpleRead(read, plan.opportunityTeams, OPPORTUNITY_TEAM_MEMBER, toOpportunityTeamMember, rows.opportunityTeams),
  ];
  if (handoverId !== undefined) {
    reads.push(() =>
      eachPage(read.api, plan.contactNotes(handoverId), CONTACT_NOTE.object, (records) => {
        for (const record of records) {
          const notes = toContactNotes(CONTACT_NOTE.parse(record));
          if (notes !== null) rows.notes.push(notes);
        }
        read.tally(CONTACT_NOTE.object, records.length);
      }),
    );
  }
  return reads;
}

/** A query whose every row becomes one snapshot row. */
function simpleRead<S extends Shape, T>(
  read: Read,
  soql: string,
  reader: RowReader<S>,
  map: (row: ReturnType<RowReader<S>['parse']>) => T,
  target: T[],
): () => Promise<void> {
  return () =>
    eachPage(read.api, soql, reader.object, (records) => {
      for (const record of records) target.push(map(reader.parse(record)));
      read.tally(reader.object, records.length);
    });
}

/**
 * Accounts with their AccountContactRelations and others' files linked to them. Account.Strategic comes from the org's strategic
 * checkbox when it has one: the first read selects it, and an org without it refuses the query before
 * any row, so the read runs again without it (and remembers, per connection).
 */
async function readAccounts(read: Read): Promise<void> {
  const { shape, rows } = read;
  const run = (field: string | null): Promise<void> => {
    const reader = accountReader(field);
    return eachPage(
      read.api,
      read.plan.accounts(reader.fields),
      'Account',
      (records) => {
        let relations = 0;
        let links = 0;
        for (const record of records) {
          rows.accounts.push(toAccount(reader.parse(record), field));
          for (const child of childRecords(record, CHILDREN.accountRelations, 'Account')) {
            rows.relations.push(toRelation(ACCOUNT_CONTACT_RELATION.parse(child)));
            relations++;
          }
          for (const child of childRecords(record, CHILDREN.documentLinks, 'Account')) {
            rows.linkedFiles.push(toLinkedFile(LINKED_FILE.parse(child)));
            links++;
          }
        }
        read.tally('Account', records.length);
        read.tally(ACCOUNT_CONTACT_RELATION.object, relations);
        read.tally(LINKED_FILE.object, links);
      },
      [CHILDREN.accountRelations, CHILDREN.documentLinks],
    );
  };
  const field = shape.strategicField === undefined ? STANDARD_EXTENSIONS.accountStrategic : shape.strategicField;
  try {
    await run(field);
    shape.strategicField = field;
  } catch (error) {
    if (field === null || rows.accounts.length > 0 || !isMissingFieldError(error, field)) throw error;
    shape.strategicField = null;
    await run(null);
  }
}

/** Opportunities with their contact roles and stage history. */
function readOpportunities(read: Read): Promise<void> {
  const { rows } = read;
  return eachPage(
    read.api,
    read.plan.opportunities,
    OPPORTUNITY.object,
    (records) => {
      let roles = 0;
      let history = 0;
      for (const record of records) {
        const opportunity = toOpportunity(OPPORTUNITY.parse(record));
        rows.opportunities.push(opportunity);
        for (const child of childRecords(record, CHILDREN.contactRoles, 'Opportunity')) {
          rows.contactRoles.push(toContactRole(OPPORTUNITY_CONTACT_ROLE.parse(child), opportunity.Id));
          roles++;
        }
        for (const child of childRecords(record, CHILDREN.history, 'Opportunity')) {
          rows.history.push(toHistory(OPPORTUNITY_HISTORY.parse(child), opportunity.Id));
          history++;
        }
      }
      read.tally(OPPORTUNITY.object, records.length);
      read.tally(OPPORTUNITY_CONTACT_ROLE.object, roles);
      read.tally(OPPORTUNITY_HISTORY.object, history);
    },
    [CHILDREN.contactRoles, CHILDREN.history],
  );
}

/** The user's files with every record each is linked to. */
function readDocuments(read: Read): Promise<void> {
  return eachPage(
    read.api,
    read.plan.documents,
    CONTENT_DOCUMENT.object,
    (records) => {
      let links = 0;
      for (const record of records) {
        const linked = childRecords(record, CHILDREN.documentLinks, 'ContentDocument').map((l) =>
          DOCUMENT_LINK.parse(l),
        );
        read.rows.documentFiles.push(...toFiles(CONTENT_DOCUMENT.parse(record), linked));
        links += linked.length;
      }
      read.tally(CONTENT_DOCUMENT.object, records.length);
      read.tally(DOCUMENT_LINK.object, links);
    },
    [CHILDREN.documentLinks],
  );
}

/**
 * Round 3: records the first queries point at but could not reach. Accounts owned by someone else on
 * which the user owns contacts, deals, cases, contracts or activities (the handover lists that work
 * under its account), and contacts of other accounts related to the user's accounts or playing a role
 * on their deals (the relationship map shows them). Usually none, so usually no call.
 */
function fillReads(read: Read): (() => Promise<void>)[] {
  const { rows, userId } = read;
  const accountIds = new Set(rows.accounts.map((a) => a.Id));
  const missingAccounts = new Set<string>();
  const ownRecords = [rows.contacts, rows.opportunities, rows.cases, rows.contracts, rows.tasks, rows.events];
  for (const list of ownRecords) {
    for (const row of list) {
      if (row.OwnerId === userId && row.AccountId && !accountIds.has(row.AccountId)) missingAccounts.add(row.AccountId);
    }
  }
  const contactIds = new Set(rows.contacts.map((c) => c.Id));
  const missingContacts = new Set<string>();
  for (const { ContactId } of [...rows.relations, ...rows.contactRoles]) {
    if (ContactId && !contactIds.has(ContactId)) missingContacts.add(ContactId);
  }

  const account = accountReader(read.shape.strategicField ?? null);
  return [
    ...idChunks([...missingAccounts], IDS_PER_QUERY).map((ids) =>
      simpleRead(
        read,
        read.plan.byIds('Account', account.fields, ids),
        account,
        (row) => toAccount(row, read.shape.strategicField ?? null),
        rows.otherAccounts,
      ),
    ),
    ...idChunks([...missingContacts], IDS_PER_QUERY).map((ids) =>
      simpleRead(read, read.plan.byIds('Contact', CONTACT.fields, ids), CONTACT, toContact, rows.otherContacts),
    ),
  ];
}

function assemble(rows: Rows, departing: UserRow, today: IsoDate, timeZone: string): CrmSnapshot {
  return {
    departing,
    today,
    timeZone,
    accounts: rows.accounts.concat(rows.otherAccounts),
    contacts: rows.contacts.concat(rows.otherContacts),
    accountContactRelations: rows.relations,
    opportunities: rows.opportunities,
    opportunityContactRoles: rows.contactRoles,
    opportunityHistory: rows.history,
    cases: rows.cases,
    activities: rows.tasks.concat(rows.events),
    contracts: rows.contracts,
    files: rows.documentFiles.concat(rows.linkedFiles),
    teamMembers: rows.accountTeams.concat(rows.opportunityTeams),
    otherOwned: [...rows.owned.values()].flat(),
    contactNotes: rows.notes,
  };
}
