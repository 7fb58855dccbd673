/**
 * The parties of a new handover: the departing user, the successors and the approving manager,
 * resolved from usernames or Ids and checked before anything is written.
 *
 * The departing user may be active, frozen or already inactive: the handover exists precisely for
 * users on their way out, and records left with an inactive owner must be handed over too (such a
 * user cannot sign; the manager approves with an override). Successors must be able to own and work
 * the records: active, not frozen, standard users with API access (the product runs over the API),
 * and with read access to the objects of a book where the org lets us check it. The manager must be
 * an active, unfrozen user other than the departing user and the successors.
 */
import { z } from 'zod';
import type { UserRow } from '../../core/model.js';
import { partiesProblem } from '../../core/signoff.js';
import { FIELD_LENGTHS } from '../../core/sobjects.js';
import type { OrgConnection } from '../connection.js';
import { soqlIdList, soqlString } from '../soql.js';
import { HandoverError } from '../store/errors.js';
import { id18 } from '../store/ids.js';
import { queryAll } from '../store/query.js';
import type { BookReads } from './deps.js';
import type { Warning } from './warnings.js';

/** Successor Ids are stored comma separated in a 255-character field: 13 Ids of 18 characters fit. */
export const MAX_SUCCESSORS = Math.floor((FIELD_LENGTHS.successorIds + 1) / 19);

/** Objects a successor must be able to read to take over a book (checked where the org exposes it). */
export const OBJECTS_TO_READ = ['Account', 'Contact', 'Opportunity', 'Case', 'Contract'] as const;

export type Parties = {
  departing: UserRow;
  successors: UserRow[];
  manager: UserRow;
  warnings: Warning[];
};

export type PartiesInput = { departing: string; successors: readonly string[]; managerId?: string };

export async function resolveParties(conn: OrgConnection, reads: BookReads, input: PartiesInput): Promise<Parties> {
  const departing = await reads.resolveUser(conn, input.departing);
  if (departing === undefined) {
    throw new HandoverError('DEPARTING_NOT_FOUND', `No user ${input.departing} in this org.`, {
      actions: ['Check the username or Id of the departing user.'],
      data: { user: input.departing },
    });
  }
  const successors = await resolveSuccessors(conn, reads, input.successors, normalised(departing));
  const manager = await resolveManager(conn, reads, input.managerId, normalised(departing), successors);
  const problem = partiesProblem({
    departingId: departing.Id,
    managerId: manager.Id,
    successorIds: successors.map((s) => s.Id),
  });
  if (problem !== null) throw new HandoverError('MANAGER_IS_PARTY', problem);
  const warnings = [...departingWarnings(departing), ...(await checkCanOwn(conn, successors))];
  return { departing: normalised(departing), successors, manager, warnings };
}

function normalised(user: UserRow): UserRow {
  return { ...user, Id: id18(user.Id), ManagerId: user.ManagerId === null ? null : id18(user.ManagerId) };
}

async function resolveSuccessors(
  conn: OrgConnection,
  reads: BookReads,
  refs: readonly string[],
  departing: UserRow,
): Promise<UserRow[]> {
  if (refs.length > MAX_SUCCESSORS) {
    throw new HandoverError('TOO_MANY_SUCCESSORS', `A handover has at most ${MAX_SUCCESSORS} successors.`, {
      actions: ['Split the book into several handovers, or name fewer successors.'],
    });
  }
  const successors: UserRow[] = [];
  for (const ref of refs) {
    const found = await reads.resolveUser(conn, ref);
    if (found === undefined) {
      throw new HandoverError('SUCCESSOR_NOT_FOUND', `No user ${ref} in this org.`, {
        actions: ['Check the username or Id of the successor.'],
        data: { user: ref },
      });
    }
    const user = normalised(found);
    if (user.Id === departing.Id) {
      throw new HandoverError(
        'SUCCESSOR_IS_DEPARTING',
        `${user.Username} is the departing user and cannot be a successor.`,
        {
          actions: ['Name another successor.'],
          data: { userId: user.Id },
        },
      );
    }
    if (successors.some((s) => s.Id === user.Id)) {
      throw new HandoverError('DUPLICATE_SUCCESSOR', `${user.Username} is named twice as a successor.`, {
        actions: ['Name each successor once.'],
        data: { userId: user.Id },
      });
    }
    refuseUnavailable(user, 'successor');
    successors.push(user);
  }
  return successors;
}

function refuseUnavailable(user: UserRow, role: 'successor' | 'manager'): void {
  const upper = role === 'successor' ? 'SUCCESSOR' : 'MANAGER';
  const next = role === 'successor' ? 'Name an active successor' : 'Name an active manager with --manager';
  if (!user.IsActive) {
    throw new HandoverError(`${upper}_INACTIVE`, `${user.Username} is inactive and cannot be the ${role}.`, {
      actions: [`${next}, or ask an admin to reactivate ${user.Username}.`],
      data: { userId: user.Id },
    });
  }
  if (user.IsFrozen === true) {
    throw new HandoverError(
      `${upper}_FROZEN`,
      `${user.Username} is frozen (cannot log in) and cannot be the ${role}.`,
      {
        actions: [`${next}, or ask an admin to unfreeze ${user.Username}.`],
        data: { userId: user.Id },
      },
    );
  }
}

async function resolveManager(
  conn: OrgConnection,
  reads: BookReads,
  given: string | undefined,
  departing: UserRow,
  successors: readonly UserRow[],
): Promise<UserRow> {
  const ref = given ?? departing.ManagerId;
  if (ref === null) {
    throw new HandoverError('NO_MANAGER', `${departing.Username} has no manager in the org to approve the handover.`, {
      actions: ['Name the approving manager (managerId).', `Or set the Manager of ${departing.Username} in the org.`],
    });
  }
  const found = await reads.resolveUser(conn, ref);
  if (found === undefined) {
    throw new HandoverError('MANAGER_NOT_FOUND', `No user ${ref} in this org to approve the handover.`, {
      actions: ['Check the username or Id of the manager.'],
      data: { user: ref },
    });
  }
  const manager = normalised(found);
  if (manager.Id === departing.Id || successors.some((s) => s.Id === manager.Id)) {
    throw new HandoverError(
      'MANAGER_IS_PARTY',
      `${manager.Username} cannot approve: the manager must be neither the departing user nor a successor.`,
      { actions: ['Name another manager (managerId), or another successor.'], data: { userId: manager.Id } },
    );
  }
  refuseUnavailable(manager, 'manager');
  return manager;
}

function departingWarnings(departing: UserRow): Warning[] {
  if (!departing.IsActive) {
    return [
      {
        code: 'departing_inactive',
        message: `${departing.Username} is inactive and cannot sign: the manager approves with an override, and items stay unconfirmed.`,
      },
    ];
  }
  if (departing.IsFrozen === true) {
    return [
      {
        code: 'departing_frozen',
        message: `${departing.Username} is frozen and cannot sign until unfrozen; otherwise the manager approves with an override.`,
      },
    ];
  }
  return [];
}

// ---------------------------------------------------------------- can the successors own the records?

const userTypeRow = z.object({ Id: z.string(), UserType: z.string().nullish(), ProfileId: z.string().nullish() });
const profileRow = z.object({ Id: z.string(), PermissionsApiEnabled: z.boolean().nullish() });
const assigneeRow = z.object({ AssigneeId: z.string(), PermissionSetId: z.string() });
const objectPermissionRow = z.object({ ParentId: z.string(), SobjectType: z.string() });

/**
 * Refuses successors who cannot own and work the records (SUCCESSOR_CANNOT_OWN). What the org does not
 * let us read (setup objects hidden from a standard user, ObjectPermissions missing) is not guessed:
 * a warning says what could not be checked.
 */
async function checkCanOwn(conn: OrgConnection, successors: readonly UserRow[]): Promise<Warning[]> {
  const ids = successors.map((s) => s.Id);
  const unchecked: string[] = [];
  const attempt = async <T>(what: string, read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch {
      unchecked.push(what);
      return undefined;
    }
  };
  const users = await attempt('user type', () =>
    queryAll(conn, `SELECT Id, UserType, ProfileId FROM User WHERE Id IN ${soqlIdList(ids)}`, userTypeRow, 'users'),
  );
  for (const u of users ?? []) {
    if (u.UserType != null && u.UserType !== 'Standard') refuseCannotOwn(successors, u.Id, `is a ${u.UserType} user`);
  }
  const assignments = await attempt('permission sets', () =>
    queryAll(
      conn,
      `SELECT AssigneeId, PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId IN ${soqlIdList(ids)}`,
      assigneeRow,
      'permission set assignments',
    ),
  );
  await checkApiAccess(conn, successors, users, assignments, attempt);
  await checkReadAccess(conn, successors, assignments, attempt);
  if (unchecked.length === 0) return [];
  return [
    {
      code: 'access_partially_checked',
      message: `Could not check the successors' ${unchecked.join(', ')} in this org; make sure they can read and own the records.`,
    },
  ];
}

type Attempt = <T>(what: string, read: () => Promise<T>) => Promise<T | undefined>;

async function checkApiAccess(
  conn: OrgConnection,
  successors: readonly UserRow[],
  users: z.infer<typeof userTypeRow>[] | undefined,
  assignments: z.infer<typeof assigneeRow>[] | undefined,
  attempt: Attempt,
): Promise<void> {
  if (users === undefined || assignments === undefined) return;
  const profileIds = [...new Set(users.map((u) => u.ProfileId).filter((p): p is string => typeof p === 'string'))];
  const setIds = [...new Set(assignments.map((a) => a.PermissionSetId))];
  const profiles =
    profileIds.length === 0
      ? []
      : await attempt('API access', () =>
          queryAll(
            conn,
            `SELECT Id, PermissionsApiEnabled FROM Profile WHERE Id IN ${soqlIdList(profileIds)}`,
            profileRow,
            'profiles',
          ),
        );
  const sets =
    setIds.length === 0
      ? []
      : await attempt('API access', () =>
          queryAll(
            conn,
            `SELECT Id, PermissionsApiEnabled FROM PermissionSet WHERE Id IN ${soqlIdList(setIds)}`,
            profileRow,
            'permission sets',
          ),
        );
  if (profiles === undefined || sets === undefined) return;
  const enabled = new Set(
    [...profiles, ...sets].filter((p) => p.PermissionsApiEnabled === true).map((p) => id18(p.Id)),
  );
  for (const u of users) {
    const viaProfile = u.ProfileId != null && enabled.has(id18(u.ProfileId));
    const viaSet = assignments.some((a) => id18(a.AssigneeId) === id18(u.Id) && enabled.has(id18(a.PermissionSetId)));
    if (!viaProfile && !viaSet) refuseCannotOwn(successors, u.Id, 'has no API access ("API Enabled")');
  }
}

async function checkReadAccess(
  conn: OrgConnection,
  successors: readonly UserRow[],
  assignments: z.infer<typeof assigneeRow>[] | undefined,
  attempt: Attempt,
): Promise<void> {
  if (assignments === undefined) return;
  const setIds = [...new Set(assignments.map((a) => a.PermissionSetId))];
  // Salesforce gives every profile a permission set; none at all means the org does not show them to us.
  const permissions = await attempt('object read access', async () =>
    queryAll(
      conn,
      `SELECT ParentId, SobjectType FROM ObjectPermissions WHERE PermissionsRead = true AND ParentId IN ${soqlIdList(setIds)} AND SobjectType IN (${OBJECTS_TO_READ.map(soqlString).join(',')})`,
      objectPermissionRow,
      'object permissions',
    ),
  );
  if (permissions === undefined) return;
  for (const s of successors) {
    const mine = new Set(assignments.filter((a) => id18(a.AssigneeId) === s.Id).map((a) => id18(a.PermissionSetId)));
    const readable = new Set(permissions.filter((p) => mine.has(id18(p.ParentId))).map((p) => p.SobjectType));
    const missing = OBJECTS_TO_READ.filter((o) => !readable.has(o));
    if (missing.length > 0) refuseCannotOwn(successors, s.Id, `cannot read ${missing.join(', ')}`);
  }
}

function refuseCannotOwn(successors: readonly UserRow[], userId: string, why: string): never {
  const user = successors.find((s) => s.Id === id18(userId));
  const name = user?.Username ?? userId;
  throw new HandoverError('SUCCESSOR_CANNOT_OWN', `${name} ${why} and cannot take over the records.`, {
    actions: [`Name another successor, or ask an admin to give ${name} the access a sales rep needs.`],
    data: { userId: id18(userId), reason: why },
  });
}
