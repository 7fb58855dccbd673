/**
 * The content a signature covers, and its hash. A signature stores the SHA-256 of the canonical JSON
 * of the handover's SignedContent; when the content changes, the hash changes and the signature goes
 * stale. Canonical JSON makes the hash independent of key order, Unicode normalisation form and -0.
 */
import { createHash } from 'node:crypto';
import type { ContactNotes, IsoDate, ManualSection, Priority } from './model.js';

// ---------------------------------------------------------------- canonical JSON

/**
 * Serialises a JSON-like value canonically:
 * - object keys NFC-normalised and sorted by UTF-16 code units (not locale: the same everywhere),
 *   properties whose value is undefined dropped;
 * - arrays kept in order; an undefined element becomes null, as in JSON, so positions stay put;
 * - numbers: -0 becomes 0, NaN and Infinity are refused (they have no JSON form);
 * - strings NFC-normalised (a composed and a decomposed "é" hash the same);
 * - Date objects as their ISO instant; date strings are kept as given.
 * Anything else (functions, symbols, bigint, Map, Set, class instances) is a TypeError: a hash
 * must never silently depend on how an unknown object happens to serialise.
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  serialise(value, '$', (text) => parts.push(text));
  return parts.join('');
}

/** SHA-256 (hex) of the canonical JSON of `value`, hashed as it is written (a 100,000-record plan is never one string). */
export function contentHash(value: unknown): string {
  const hash = createHash('sha256');
  let pending = '';
  serialise(value, '$', (text) => {
    pending += text;
    if (pending.length >= 65_536) {
      hash.update(pending, 'utf8');
      pending = '';
    }
  });
  return hash.update(pending, 'utf8').digest('hex');
}

type Sink = (text: string) => void;

function serialise(value: unknown, path: string, out: Sink): void {
  if (value === null) return out('null');
  switch (typeof value) {
    case 'string':
      return out(JSON.stringify(value.normalize('NFC')));
    case 'boolean':
      return out(value ? 'true' : 'false');
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} has no canonical JSON form`);
      return out(JSON.stringify(Object.is(value, -0) ? 0 : value));
    case 'object':
      return serialiseObject(value, path, out);
    default:
      throw new TypeError(`${path}: a ${typeof value} has no canonical JSON form`);
  }
}

function serialiseObject(value: object, path: string, out: Sink): void {
  if (Array.isArray(value)) {
    out('[');
    value.forEach((v: unknown, i) => {
      if (i > 0) out(',');
      if (v === undefined) out('null');
      else serialise(v, `${path}[${i}]`, out);
    });
    return out(']');
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`${path}: invalid Date`);
    return out(JSON.stringify(value.toISOString()));
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new TypeError(`${path}: only plain objects are hashed`);
  const entries = new Map<string, unknown>();
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const nfcKey = key.normalize('NFC');
    if (entries.has(nfcKey)) throw new TypeError(`${path}: two keys normalise to ${JSON.stringify(nfcKey)}`);
    entries.set(nfcKey, v);
  }
  out('{');
  [...entries.keys()].sort(compareCodeUnits).forEach((key, i) => {
    out(`${i > 0 ? ',' : ''}${JSON.stringify(key)}:`);
    serialise(entries.get(key), `${path}.${key}`, out);
  });
  out('}');
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------- signed content

/** The handover's header as signed. The successors are a set: their order is not content. */
export type SignedHeader = {
  departingId: string;
  successorIds: string[];
  lastWorkingDay: IsoDate;
  reason: string;
};

/**
 * One checklist item as signed: what the departing rep states and confirms about a record or a task.
 * Ids of Handover_Item__c rows are left out (they change when a draft is regenerated), and so are
 * volatile fields: transfer status and errors, timestamps, the successor's reviewed flag, the display
 * name of the record (a rename in CRM is not a change of the handover).
 */
export type SignedItem = {
  objectType: string;
  recordId: string | null;
  successorId: string | null;
  category: string;
  priority: Priority | null;
  dueDate: IsoDate | null;
  state: string | null;
  riskNotes: string | null;
  nextStep: string | null;
  notes: string | null;
  /** The cross-department counterpart, when the item has one. */
  counterpart: string | null;
  confirmedByDeparting: boolean;
};

export type SignedManualSection = { section: ManualSection; text: string };

export type SignedContent = {
  /** Bumped when the projection changes, so old and new hashes are never compared as equals. */
  version: 1;
  header: SignedHeader;
  items: SignedItem[];
  contactNotes: ContactNotes[];
  manualSections: SignedManualSection[];
};

/** Extra fields on the inputs (ids, transfer status, timestamps, reviewed flags) are ignored. */
export type HandoverContentInput = {
  header: SignedHeader;
  items: readonly (Omit<SignedItem, 'counterpart'> & { counterpart?: string | null })[];
  contactNotes: readonly ContactNotes[];
  manualSections: readonly SignedManualSection[];
};

/**
 * Questions and answers are the conversation after signing, not the signed checklist: a question
 * asked during the transition must not make the signatures stale.
 */
const UNSIGNED_CATEGORIES: ReadonlySet<string> = new Set(['Question']);

/** The canonical content a signature covers: an explicit projection, sorted into a stable order. */
export function handoverContent(input: HandoverContentInput): SignedContent {
  const items = input.items
    .filter((item) => !UNSIGNED_CATEGORIES.has(item.category))
    .map((i): SignedItem => ({
      objectType: i.objectType,
      recordId: i.recordId,
      successorId: i.successorId,
      category: i.category,
      priority: i.priority,
      dueDate: i.dueDate,
      state: i.state,
      riskNotes: i.riskNotes,
      nextStep: i.nextStep,
      notes: i.notes,
      counterpart: i.counterpart ?? null,
      confirmedByDeparting: i.confirmedByDeparting,
    }));
  const contactNotes = input.contactNotes.map((c): ContactNotes => ({
    contactId: c.contactId,
    decisionRole: c.decisionRole,
    stance: c.stance,
    caresAbout: c.caresAbout,
    preferredChannel: c.preferredChannel,
    preferredTimes: c.preferredTimes,
    topicsToAvoid: c.topicsToAvoid,
    reportsToId: c.reportsToId,
    notes: c.notes,
  }));
  const manualSections = input.manualSections.map((s): SignedManualSection => ({ section: s.section, text: s.text }));
  const h = input.header;
  return {
    version: 1,
    header: {
      departingId: h.departingId,
      successorIds: [...new Set(h.successorIds)].sort(compareCodeUnits),
      lastWorkingDay: h.lastWorkingDay,
      reason: h.reason,
    },
    items: sortBy(items, (i) => [i.category, i.objectType, i.recordId, i.notes]),
    contactNotes: sortBy(contactNotes, (c) => [c.contactId]),
    manualSections: sortBy(manualSections, (s) => [s.section]),
  };
}

/**
 * Sorts by the key tuple (null first, then code units), then by the whole canonical JSON, so that
 * two inputs holding the same elements in any order always give the same array.
 */
function sortBy<T>(values: readonly T[], key: (value: T) => readonly (string | null)[]): T[] {
  const keyed = values.map((value) => ({
    value,
    key: key(value).map((k) => k?.normalize('NFC') ?? null),
    json: canonicalJson(value),
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const x = a.key[i] ?? null;
      const y = b.key[i] ?? null;
      if (x !== y) return x === null ? -1 : y === null ? 1 : compareCodeUnits(x, y);
    }
    return compareCodeUnits(a.json, b.json);
  });
  return keyed.map((k) => k.value);
}

/** Convenience: the hash a signature over this handover must carry. */
export function handoverContentHash(input: HandoverContentInput): string {
  return contentHash(handoverContent(input));
}
