/**
 * Other objects with an OwnerId: rule 2 of the brief wants everything the departing user owns
 * accounted for, not only the objects the handover knows. Candidates come from describeGlobal: every
 * custom object (but the product's own Handover objects) and a short list of standard owner-bearing
 * objects the read does not otherwise cover, when the org has them.
 *
 * A candidate is queried straight away (`SELECT Id, Name ... WHERE OwnerId = U`): one call that both
 * answers "does it have an owner?" and reads the records. Only when the org refuses the query for a
 * missing field is the object described, to tell "no OwnerId" (a detail object: skipped) from
 * "no such name field" (read again without it). What was learnt is cached per connection.
 */
import type { OwnedRecordRow } from '../../core/model.js';
import { HANDOVER_OBJECTS } from '../../core/sobjects.js';
import type { OrgConnection } from '../connection.js';
import { eachPage, errorCodeOf, isMissingFieldError, type CountedApi, type DescribeGlobal } from './api.js';
import { ownedReader, toOwned } from './rows.js';

/** Standard objects with an owner that the read does not cover otherwise, with their name fields. */
export const OWNER_BEARING_STANDARD_OBJECTS: Readonly<Record<string, string>> = {
  Lead: 'Name',
  Note: 'Title',
  Campaign: 'Name',
  Order: 'OrderNumber',
  Quote: 'Name',
  ServiceContract: 'Name',
  Asset: 'Name',
};

const PRODUCT_OBJECTS = new Set<string>(Object.values(HANDOVER_OBJECTS));
const UNREADABLE = new Set(['INVALID_TYPE', 'INSUFFICIENT_ACCESS', 'INSUFFICIENT_ACCESS_OR_READONLY']);

/** What the read learnt about an org's objects, kept per connection. */
export type OrgShape = {
  global?: DescribeGlobal;
  /** Account's strategic checkbox: its name, or null when the org has none; unknown until tried. */
  strategicField?: string | null;
  /** Per object: the field list that works (Id and maybe a name), or null when it has no OwnerId. */
  ownedFields: Map<string, string[] | null>;
};

const shapes = new WeakMap<OrgConnection, OrgShape>();

export function orgShape(conn: OrgConnection): OrgShape {
  let shape = shapes.get(conn);
  if (shape === undefined) shapes.set(conn, (shape = { ownedFields: new Map() }));
  return shape;
}

/** The candidate objects of an org, by name. */
export function ownerCandidates(global: DescribeGlobal): string[] {
  return global.sobjects
    .filter((o) => o.queryable)
    .filter(
      (o) =>
        (o.custom && o.name.endsWith('__c') && !PRODUCT_OBJECTS.has(o.name)) ||
        o.name in OWNER_BEARING_STANDARD_OBJECTS,
    )
    .map((o) => o.name);
}

export type Skipped = { object: string; reason: string };

/** Reads one candidate's records owned by the user into `rows`; returns why it was skipped, if it was. */
export async function readOwned(
  api: CountedApi,
  shape: OrgShape,
  object: string,
  soqlFor: (object: string, fields: readonly string[]) => string,
  onRows: (rows: OwnedRecordRow[]) => void,
): Promise<Skipped | undefined> {
  const known = shape.ownedFields.get(object);
  if (known === null) return { object, reason: 'no OwnerId' };
  const guess = known ?? ['Id', OWNER_BEARING_STANDARD_OBJECTS[object] ?? 'Name'];
  const read = async (fields: string[]): Promise<void> => {
    const nameField = fields[1] ?? null;
    const reader = ownedReader(object, nameField);
    await eachPage(api, soqlFor(object, fields), object, (records) =>
      onRows(records.map((r) => toOwned(reader.parse(r), object, nameField))),
    );
    shape.ownedFields.set(object, fields);
  };
  try {
    await read(guess);
    return undefined;
  } catch (error) {
    // An object the user may not query is reported, not fatal: the rest of the book still counts.
    if (UNREADABLE.has(errorCodeOf(error) ?? '')) return { object, reason: errorCodeOf(error) ?? 'unreadable' };
    if (!isMissingFieldError(error) || known !== undefined) throw error;
  }
  // The query named a field the object lacks: describe it once to know which.
  const describe = await api.describe(object);
  const names = new Set(describe.fields.map((f) => f.name));
  if (!names.has('OwnerId')) {
    shape.ownedFields.set(object, null);
    return { object, reason: 'no OwnerId' };
  }
  await read(['Id']);
  return undefined;
}
