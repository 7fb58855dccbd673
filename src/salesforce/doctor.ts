/**
 * `handover doctor`: is this machine (Node) and an org ready for Handover? In an org: the Handover
 * objects and every field the product reads and writes (describe), and what the signed-in user may
 * do (the Handover permission sets assigned; Transfer Record, Modify All Data and View All Data from
 * their profile and permission sets). What the org does not let us read is reported as unknown (null),
 * never guessed.
 */
import { z } from 'zod';
import {
  CONTACT_NOTE_FIELDS,
  EVENT_FIELDS,
  HANDOVER_FIELDS,
  HANDOVER_OBJECTS,
  ITEM_FIELDS,
  REQUIRED_HANDOVER_OBJECTS,
  SIGNATURE_FIELDS,
  type HandoverObjectName,
} from '../core/sobjects.js';
import type { OrgConnection } from './connection.js';
import { currentUserId } from './service/identity.js';
import { soqlId, soqlIdList, soqlIdentifier, soqlString } from './soql.js';
import { id18 } from './store/ids.js';
import { queryAll } from './store/query.js';

/** The part of a jsforce / @salesforce/core connection that the doctor needs. */
export type DoctorConnection = Pick<
  OrgConnection,
  'query' | 'queryMore' | 'request' | 'describe' | 'describeGlobal'
> & {
  getApiVersion(): string;
  instanceUrl: string;
  getUsername(): string | undefined;
};

export type ObjectCheck = {
  name: string;
  deployed: boolean;
  /** Fields the product needs that describe() does not list (empty when the object is missing: see deployed). */
  missingFields: string[];
  /** Whether describe() answered (false: the fields could not be checked). */
  fieldsChecked: boolean;
};

/** The Handover permission sets shipped in force-app/main/default/permissionsets. */
export const HANDOVER_PERMISSION_SETS = ['Handover_Manager', 'Handover_User'] as const;
export type HandoverPermissionSet = (typeof HANDOVER_PERMISSION_SETS)[number];

/** System permissions that matter to a handover, as Profile / PermissionSet fields name them. */
export const SYSTEM_PERMISSIONS = {
  transferRecord: 'PermissionsTransferAnyEntity',
  modifyAllData: 'PermissionsModifyAllData',
  viewAllData: 'PermissionsViewAllData',
} as const;
export type SystemPermissionKey = keyof typeof SYSTEM_PERMISSIONS;

export type PermissionSetCheck = {
  name: HandoverPermissionSet;
  /** Whether the org has it (null: unknown). */
  exists: boolean | null;
  /** Whether the signed-in user has it assigned (null: unknown). */
  assigned: boolean | null;
};

export type SystemPermissionCheck = {
  key: SystemPermissionKey;
  field: string;
  /** null when the org does not expose the permission (or does not let the user read it). */
  granted: boolean | null;
  /** The profile and permission sets that grant it. */
  via: string[];
};

/** The signed-in user's access to one Handover object, from the ObjectPermissions of all their sets. */
export type ObjectAccessCheck = { object: string; read: boolean; create: boolean };

export type PermissionsCheck = {
  userId: string | null;
  permissionSets: PermissionSetCheck[];
  /**
   * Read and create on each Handover object through any of the user's permission sets, their
   * profile's own included (null: the org does not let them read ObjectPermissions).
   */
  objectAccess: ObjectAccessCheck[] | null;
  system: SystemPermissionCheck[];
  /** What could not be read, and why (the org's message). */
  unknown: { what: string; reason: string }[];
};

export type OrgCheck = {
  username: string | undefined;
  instanceUrl: string;
  apiVersion: string;
  objects: ObjectCheck[];
  handoverDeployed: boolean;
  /** Every deployed object has every field (false also when a describe failed). */
  fieldsDeployed: boolean;
  permissions: PermissionsCheck;
};

export type NodeCheck = { version: string; supported: boolean; required: string };

export const MINIMUM_NODE_MAJOR = 22;

/** Fields the product needs on each Handover object (besides Id and Name). */
export const REQUIRED_FIELDS: Readonly<Record<HandoverObjectName, readonly string[]>> = {
  [HANDOVER_OBJECTS.handover]: Object.values(HANDOVER_FIELDS),
  [HANDOVER_OBJECTS.item]: Object.values(ITEM_FIELDS),
  [HANDOVER_OBJECTS.contact]: Object.values(CONTACT_NOTE_FIELDS),
  [HANDOVER_OBJECTS.signature]: Object.values(SIGNATURE_FIELDS),
  [HANDOVER_OBJECTS.event]: Object.values(EVENT_FIELDS),
};

export function checkNode(version: string = process.versions.node): NodeCheck {
  const major = Number(version.split('.')[0]);
  return { version, supported: major >= MINIMUM_NODE_MAJOR, required: `>=${MINIMUM_NODE_MAJOR}` };
}

/** Connects through `conn`: the API version, the objects and their fields, the signed-in user's permissions. */
export async function checkOrg(conn: DoctorConnection): Promise<OrgCheck> {
  const global = await conn.describeGlobal();
  const present = new Set(global.sobjects.map((s) => s.name));
  const [objects, permissions] = await Promise.all([
    Promise.all(REQUIRED_HANDOVER_OBJECTS.map((name) => checkObject(conn, name, present.has(name)))),
    checkPermissions(conn, present),
  ]);
  return {
    username: conn.getUsername(),
    instanceUrl: conn.instanceUrl,
    apiVersion: conn.getApiVersion(),
    objects,
    handoverDeployed: objects.every((o) => o.deployed),
    fieldsDeployed: objects.every((o) => o.deployed && o.fieldsChecked && o.missingFields.length === 0),
    permissions,
  };
}

async function checkObject(conn: DoctorConnection, name: HandoverObjectName, deployed: boolean): Promise<ObjectCheck> {
  if (!deployed) return { name, deployed, missingFields: [], fieldsChecked: false };
  try {
    const described = await conn.describe(name);
    const fields = new Set(described.fields.map((f) => f.name.toLowerCase()));
    return {
      name,
      deployed,
      missingFields: REQUIRED_FIELDS[name].filter((f) => !fields.has(f.toLowerCase())),
      fieldsChecked: true,
    };
  } catch {
    return { name, deployed, missingFields: [], fieldsChecked: false };
  }
}

// ---------------------------------------------------------------- permissions

const userRow = z.object({ ProfileId: z.string().nullish() });
const assignmentRow = z.object({ PermissionSetId: z.string() });
const holderRow = z.looseObject({ Id: z.string(), Name: z.string().nullish() });

type Holder = z.infer<typeof holderRow>;

async function checkPermissions(conn: DoctorConnection, present: ReadonlySet<string>): Promise<PermissionsCheck> {
  const unknown: PermissionsCheck['unknown'] = [];
  const attempt = async <T>(what: string, read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (error) {
      unknown.push({ what, reason: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  };
  const unknownSets = (): PermissionSetCheck[] =>
    HANDOVER_PERMISSION_SETS.map((name) => ({ name, exists: null, assigned: null }));
  const unknownSystem = (): SystemPermissionCheck[] =>
    Object.entries(SYSTEM_PERMISSIONS).map(([key, field]) => ({
      key: key as SystemPermissionKey,
      field,
      granted: null,
      via: [],
    }));

  const userId = await attempt('the signed-in user', () => currentUserId(conn));
  if (userId === undefined) {
    return { userId: null, permissionSets: unknownSets(), objectAccess: null, system: unknownSystem(), unknown };
  }

  // Only the objects and Permissions* fields this org has are queried.
  const readable = async (object: string): Promise<Set<string> | undefined> => {
    if (!present.has(object)) {
      unknown.push({ what: object, reason: `${object} is not available in this org` });
      return undefined;
    }
    const described = await attempt(object, async () => conn.describe(object));
    return described === undefined ? undefined : new Set(described.fields.map((f) => f.name));
  };
  const [setFields, profileFields, assignmentFields, objectPermissionFields] = await Promise.all([
    readable('PermissionSet'),
    readable('Profile'),
    readable('PermissionSetAssignment'),
    readable('ObjectPermissions'),
  ]);
  const objectAccess =
    objectPermissionFields === undefined || assignmentFields === undefined
      ? undefined
      : await attempt('object permissions', () => handoverObjectAccess(conn, userId));

  const assignments =
    assignmentFields === undefined
      ? undefined
      : await attempt('permission set assignments', () =>
          // Not the profile's own set: it says what the profile says, which is read as the profile.
          queryAll(
            conn,
            `SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = ${soqlId(userId)} AND PermissionSet.IsOwnedByProfile = false`,
            assignmentRow,
            'permission set assignments',
          ),
        );
  const assignedIds = assignments?.map((a) => id18(a.PermissionSetId));

  // The Handover permission sets: do they exist, are they assigned?
  const handoverSets =
    setFields === undefined
      ? undefined
      : await attempt('the Handover permission sets', () =>
          queryAll(
            conn,
            `SELECT Id, Name FROM PermissionSet WHERE Name IN (${HANDOVER_PERMISSION_SETS.map(soqlString).join(',')})`,
            holderRow,
            'permission sets',
          ),
        );
  const permissionSets = HANDOVER_PERMISSION_SETS.map((name): PermissionSetCheck => {
    if (handoverSets === undefined) return { name, exists: null, assigned: null };
    const found = handoverSets.find((s) => s.Name === name);
    if (found === undefined) return { name, exists: false, assigned: false };
    return { name, exists: true, assigned: assignedIds === undefined ? null : assignedIds.includes(id18(found.Id)) };
  });

  // System permissions from the profile and the assigned permission sets.
  const user = await attempt('the user’s profile', () =>
    queryAll(conn, `SELECT ProfileId FROM User WHERE Id = ${soqlId(userId)}`, userRow, 'users'),
  );
  const profileId = user?.[0]?.ProfileId ?? undefined;
  const holders = async (object: string, fields: Set<string> | undefined, ids: readonly string[] | undefined) => {
    if (fields === undefined || ids === undefined) return undefined;
    const wanted = Object.values(SYSTEM_PERMISSIONS).filter((f) => fields.has(f));
    if (ids.length === 0) return { fields: wanted, rows: [] as Holder[] };
    const select = ['Id', 'Name', ...wanted].map(soqlIdentifier).join(', ');
    const rows = await attempt(`${object} permissions`, () =>
      queryAll(
        conn,
        `SELECT ${select} FROM ${soqlIdentifier(object)} WHERE Id IN ${soqlIdList(ids)}`,
        holderRow,
        object,
      ),
    );
    return rows === undefined ? undefined : { fields: wanted, rows };
  };
  const [profiles, sets] = await Promise.all([
    holders('Profile', profileFields, profileId === undefined ? undefined : [profileId]),
    holders('PermissionSet', setFields, assignedIds),
  ]);
  const system = Object.entries(SYSTEM_PERMISSIONS).map(([key, field]): SystemPermissionCheck => {
    const sources = [profiles, sets];
    const via = sources.flatMap((s) => (s?.rows ?? []).filter((r) => r[field] === true).map((r) => r.Name ?? r.Id));
    // Granted as soon as one source grants it; denied only when every source was read and has the field.
    const complete = sources.every((s) => s?.fields.includes(field) === true);
    const granted = via.length > 0 ? true : complete ? false : null;
    return { key: key as SystemPermissionKey, field, granted, via };
  });
  return { userId, permissionSets, objectAccess: objectAccess ?? null, system, unknown };
}

const objectPermissionRow = z.object({
  SobjectType: z.string(),
  PermissionsRead: z.boolean(),
  PermissionsCreate: z.boolean(),
});

/** What all of the user's permission sets (their profile's own included) grant on each Handover object. */
async function handoverObjectAccess(conn: DoctorConnection, userId: string): Promise<ObjectAccessCheck[]> {
  const objects = Object.values(HANDOVER_OBJECTS);
  const rows = await queryAll(
    conn,
    `SELECT SobjectType, PermissionsRead, PermissionsCreate FROM ObjectPermissions WHERE SobjectType IN (${objects.map(soqlString).join(',')}) AND ParentId IN (SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = ${soqlId(userId)})`,
    objectPermissionRow,
    'object permissions',
  );
  return objects.map((object) => {
    const mine = rows.filter((r) => r.SobjectType.toLowerCase() === object.toLowerCase());
    return {
      object,
      read: mine.some((r) => r.PermissionsRead),
      create: mine.some((r) => r.PermissionsCreate),
    };
  });
}

// ---------------------------------------------------------------- verdicts

export type CheckStatus = 'ok' | 'failed' | 'unknown' | 'info';

export type CheckId = 'objects' | 'fields' | 'permissionSets' | 'transferRecord' | 'modifyAllData' | 'viewAllData';

/** One verdict of the org check; `reason` picks the message and next steps, `details` fill them in. */
export type CheckVerdict = { id: CheckId; status: CheckStatus; reason: string; details: string[] };

/** The verdicts of an org check, in the order the doctor prints them. */
export function verdicts(org: OrgCheck): CheckVerdict[] {
  const missingObjects = org.objects.filter((o) => !o.deployed).map((o) => o.name);
  const missingFields = org.objects.flatMap((o) => o.missingFields.map((f) => `${o.name}.${f}`));
  const undescribed = org.objects.filter((o) => o.deployed && !o.fieldsChecked).map((o) => o.name);
  const out: CheckVerdict[] = [
    missingObjects.length > 0
      ? { id: 'objects', status: 'failed', reason: 'missing', details: missingObjects }
      : { id: 'objects', status: 'ok', reason: 'ok', details: [] },
    missingFields.length > 0
      ? { id: 'fields', status: 'failed', reason: 'missing', details: missingFields }
      : undescribed.length > 0 || missingObjects.length > 0
        ? { id: 'fields', status: 'unknown', reason: 'unknown', details: [...missingObjects, ...undescribed] }
        : { id: 'fields', status: 'ok', reason: 'ok', details: [] },
  ];
  const sets = org.permissions.permissionSets;
  const assigned = sets.filter((s) => s.assigned === true).map((s) => s.name);
  if (assigned.length > 0) out.push({ id: 'permissionSets', status: 'ok', reason: 'ok', details: assigned });
  else if (sets.some((s) => s.assigned === null)) {
    out.push({ id: 'permissionSets', status: 'unknown', reason: 'unknown', details: [] });
  } else if (org.permissions.objectAccess?.every((a) => a.read && a.create) === true) {
    // Access granted another way (the profile, another permission set) is access all the same.
    out.push({ id: 'permissionSets', status: 'ok', reason: 'objectAccess', details: [] });
  } else if (sets.every((s) => s.exists === false)) {
    out.push({ id: 'permissionSets', status: 'failed', reason: 'notDeployed', details: sets.map((s) => s.name) });
  } else {
    out.push({ id: 'permissionSets', status: 'failed', reason: 'notAssigned', details: sets.map((s) => s.name) });
  }
  const granted = (key: SystemPermissionKey): SystemPermissionCheck | undefined =>
    org.permissions.system.find((s) => s.key === key);
  const transfer = granted('transferRecord');
  const modifyAll = granted('modifyAllData');
  // Modify All Data includes transferring any record.
  if (transfer?.granted === true || modifyAll?.granted === true) {
    out.push({
      id: 'transferRecord',
      status: 'ok',
      reason: 'ok',
      details: [...(transfer?.via ?? []), ...(modifyAll?.via ?? [])],
    });
  } else if (transfer?.granted === false) {
    out.push({ id: 'transferRecord', status: 'failed', reason: 'missing', details: [] });
  } else out.push({ id: 'transferRecord', status: 'unknown', reason: 'unknown', details: [] });
  for (const id of ['modifyAllData', 'viewAllData'] as const) {
    const p = granted(id);
    if (p?.granted === true) out.push({ id, status: 'ok', reason: 'ok', details: p.via });
    else if (p?.granted === false) out.push({ id, status: 'info', reason: 'missing', details: [] });
    else out.push({ id, status: 'unknown', reason: 'unknown', details: [] });
  }
  return out;
}
