/**
 * The successors' follow-up tasks after a run (core/reassign/followUp.ts plans them): review the
 * handover, introduce themself to each key customer's primary contact, the end of the transition.
 * Each task carries its deterministic key in its Comments; existing tasks are read first, so a
 * resumed or repeated run never creates one twice (the run's lease keeps two runs from racing).
 */
import { z } from 'zod';
import { chinaCalendar } from '../../core/calendars/china.js';
import { todayIn } from '../../core/businessDays.js';
import { planFollowUps, type FollowUpPlan, type FollowUpTask, type KeyCustomer } from '../../core/reassign/index.js';
import type { OrgConnection } from '../connection.js';
import { orgCalendarInfo } from '../reads/index.js';
import { soqlId, soqlIdList } from '../soql.js';
import { insertRecords, updateRecords } from '../store/collections.js';
import { queryAll } from '../store/query.js';
import type { RunHandover } from '../store/model.js';

const KEY_LINE = /^Handover key: (\S+)$/m;

export type FollowUpResult = {
  planned: number;
  created: number;
  existing: number;
  createdTaskIds: string[];
  /** Why the tasks could not be created (the run itself succeeded). */
  error?: string;
  /** What became of the departing user's freeze, when the run was asked for it. */
  freeze?: FreezeOutcome;
};

/**
 * The freeze of the departing user (Salesforce's "Freeze" on the User: no more logins): done by this
 * run, done before, waiting for the last working day to be over (run again afterwards), or refused by
 * the org (freezing needs Manage Users).
 */
export type FreezeOutcome =
  | { status: 'frozen' }
  | { status: 'already_frozen' }
  | { status: 'waiting'; lastWorkingDay: string }
  | { status: 'refused'; message: string };

const PRIORITY = { High: 'High', Medium: 'Normal', Low: 'Low' } as const;

const DECISION_ROLES = ['Decision_Maker', 'Economic_Buyer'];

/** Key accounts (from the summary) with their successor (from the account's item) and a primary contact. */
async function keyCustomersOf(conn: OrgConnection, handover: RunHandover): Promise<KeyCustomer[]> {
  const successorOfAccount = new Map(
    handover.items
      .filter((i) => i.objectType === 'Account' && i.recordId !== null && i.successorId !== null)
      .map((i) => [i.recordId ?? '', i.successorId ?? '']),
  );
  const keyAccounts = handover.header.summary?.keyAccounts ?? [];
  const notesByAccount = new Map<string, RunHandover['contactNotes']>();
  for (const note of handover.contactNotes) {
    if (note.accountId === null || note.contactId === null) continue;
    notesByAccount.set(note.accountId, [...(notesByAccount.get(note.accountId) ?? []), note]);
  }
  const primary = new Map<string, string>();
  for (const [accountId, notes] of notesByAccount) {
    const ranked = [...notes].sort(
      (a, b) =>
        Number(DECISION_ROLES.includes(b.decisionRole ?? '')) - Number(DECISION_ROLES.includes(a.decisionRole ?? '')) ||
        (a.contactId ?? '').localeCompare(b.contactId ?? ''),
    );
    if (ranked[0]?.contactId) primary.set(accountId, ranked[0].contactId);
  }
  const names = new Map<string, string>();
  const contactIds = [...new Set(primary.values())];
  if (contactIds.length > 0) {
    const rows = await queryAll(
      conn,
      `SELECT Id, Name FROM Contact WHERE Id IN ${soqlIdList(contactIds)}`,
      z.looseObject({ Id: z.string(), Name: z.string().nullable() }),
      'the key contacts',
    );
    for (const row of rows) names.set(row.Id, row.Name ?? row.Id);
  }
  return keyAccounts.flatMap((account): KeyCustomer[] => {
    const successorId = successorOfAccount.get(account.id);
    if (successorId === undefined) return [];
    const contactId = primary.get(account.id);
    return [
      {
        accountId: account.id,
        accountName: account.name,
        successorId,
        primaryContact: contactId === undefined ? null : { contactId, name: names.get(contactId) ?? contactId },
      },
    ];
  });
}

const departingRow = z.looseObject({ Id: z.string(), Name: z.string().nullable() });
const loginRow = z.looseObject({ Id: z.string(), IsFrozen: z.boolean() });

/** The departing user's name and UserLogin (frozen or not). */
async function departingUser(
  conn: OrgConnection,
  userId: string,
): Promise<{ name: string; login: z.infer<typeof loginRow> | null }> {
  const [user] = await queryAll(
    conn,
    `SELECT Id, Name FROM User WHERE Id = ${soqlId(userId)}`,
    departingRow,
    'the departing user',
  );
  const [login] = await queryAll(
    conn,
    `SELECT Id, IsFrozen FROM UserLogin WHERE UserId = ${soqlId(userId)}`,
    loginRow,
    'the departing user’s login',
  ).catch(() => []);
  return { name: user?.Name ?? userId, login: login ?? null };
}

export async function planHandoverFollowUps(
  conn: OrgConnection,
  handover: RunHandover,
  departing: { name: string; frozen: boolean },
  options: { now: Date; freezeDeparting: boolean },
): Promise<FollowUpPlan> {
  const now = options.now;
  const calendarInfo = await orgCalendarInfo(conn);
  const cal = chinaCalendar(calendarInfo.timeZone, calendarInfo.holidays);
  const today = todayIn(calendarInfo.timeZone, now);
  const h = handover.header;
  const receivedOn = h.approvedAt === null ? today : todayIn(calendarInfo.timeZone, new Date(h.approvedAt));
  return planFollowUps(cal, {
    handoverId: h.id,
    departingUserId: h.departingUserId,
    departingName: departing.name,
    lastWorkingDay: h.lastWorkingDay,
    reassignedOn: today,
    today,
    successors: h.successorIds.map((successorId) => ({ successorId, receivedOn })),
    keyCustomers: await keyCustomersOf(conn, handover),
    freezeAfterLastDay: options.freezeDeparting,
    departingIsFrozen: departing.frozen,
  });
}

const taskRow = z.looseObject({ Id: z.string(), Description: z.string().nullable().optional() });

/** Plans the follow-ups, creates the tasks that do not exist yet (createTasks) and, when asked, freezes the departing user. */
export async function runFollowUps(
  conn: OrgConnection,
  handover: RunHandover,
  options: { now: Date; createTasks: boolean; freezeDeparting: boolean },
): Promise<FollowUpResult> {
  const user = await departingUser(conn, handover.header.departingUserId);
  const plan = await planHandoverFollowUps(
    conn,
    handover,
    { name: user.name, frozen: user.login?.IsFrozen ?? false },
    options,
  );
  const result = options.createTasks
    ? await createFollowUps(conn, plan)
    : { planned: 0, created: 0, existing: 0, createdTaskIds: [] };
  if (!options.freezeDeparting) return result;
  const planned = plan.actions.some((a) => a.kind === 'freeze_user');
  return { ...result, freeze: await freeze(conn, user.login, planned, handover.header.lastWorkingDay) };
}

async function freeze(
  conn: OrgConnection,
  login: { Id: string; IsFrozen: boolean } | null,
  planned: boolean,
  lastWorkingDay: string,
): Promise<FreezeOutcome> {
  if (login?.IsFrozen === true) return { status: 'already_frozen' };
  if (!planned) return { status: 'waiting', lastWorkingDay };
  if (login === null)
    return { status: 'refused', message: "The departing user's login (UserLogin) could not be read." };
  try {
    await updateRecords(conn, 'UserLogin', [{ Id: login.Id, IsFrozen: true }]);
    return { status: 'frozen' };
  } catch (error) {
    return { status: 'refused', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Creates the planned tasks that do not exist yet. */
export async function createFollowUps(conn: OrgConnection, plan: FollowUpPlan): Promise<FollowUpResult> {
  const tasks = plan.tasks;
  if (tasks.length === 0) return { planned: 0, created: 0, existing: 0, createdTaskIds: [] };
  const owners = [...new Set(tasks.map((t) => t.ownerId))];
  const whats = [...new Set(tasks.map((t) => t.whatId))];
  const existingKeys = new Set<string>();
  for (let i = 0; i < whats.length; i += 200) {
    const soql = `SELECT Id, Description FROM Task WHERE OwnerId IN ${soqlIdList(owners)} AND WhatId IN ${soqlIdList(whats.slice(i, i + 200))}`;
    for (const row of await queryAll(conn, soql, taskRow, 'the follow-up tasks')) {
      const key = KEY_LINE.exec(row.Description ?? '')?.[1];
      if (key !== undefined) existingKeys.add(key);
    }
  }
  const missing = tasks.filter((t) => !existingKeys.has(t.externalKey));
  const ids = await insertRecords(conn, 'Task', missing.map(taskRecord));
  return { planned: tasks.length, created: ids.length, existing: tasks.length - missing.length, createdTaskIds: ids };
}

function taskRecord(task: FollowUpTask): Record<string, unknown> {
  const window = task.earliestDate === null ? '' : `Between ${task.earliestDate} and ${task.dueDate}.\n`;
  return {
    OwnerId: task.ownerId,
    Subject: task.subject.slice(0, 255),
    ActivityDate: task.dueDate,
    Priority: PRIORITY[task.priority],
    Status: 'Not Started',
    WhatId: task.whatId,
    WhoId: task.whoId,
    Description: `${window}Created by Handover.\nHandover key: ${task.externalKey}`,
  };
}
