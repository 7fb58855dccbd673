/**
 * The append-only audit log (Handover_Event__c). The product only ever inserts events: nothing here
 * updates or deletes one. Each event carries the handover's content hash and a hash chain:
 * Previous_Event_Hash__c is the previous event's Event_Hash__c, and Event_Hash__c is the SHA-256 of
 * the canonical JSON of the event's own fields plus that previous hash. Altering an event breaks its
 * own hash; removing one breaks the link of the next; the head of the chain must carry the handover's
 * current content hash, so dropping the latest content change is caught too.
 */
import type { z } from 'zod';
import { canonicalJson, contentHash as sha256OfCanonical } from '../../core/contentHash.js';
import { EVENT_FIELDS as E, FIELD_LENGTHS, HANDOVER_OBJECTS } from '../../core/sobjects.js';
import type { OrgConnection } from '../connection.js';
import { soqlId } from '../soql.js';
import { insertRecords } from './collections.js';
import { HandoverError } from './errors.js';
import { id18 } from './ids.js';
import type { AuditEvent, AuditEventInput } from './model.js';
import { queryAll } from './query.js';
import { EVENT_SELECT, eventRecord, eventSchema, normaliseInstant, toEvent } from './rows.js';

/** Bumped if the hashed projection ever changes, so old and new chains are never confused. */
const EVENT_HASH_VERSION = 1;

export type ChainedFields = Omit<AuditEvent, 'id' | 'eventHash'>;

/** SHA-256 (hex) of the event's fields and the previous event's hash. */
export function eventHash(e: ChainedFields): string {
  return sha256OfCanonical({
    v: EVENT_HASH_VERSION,
    handoverId: id18(e.handoverId),
    actorId: e.actorId === null ? null : id18(e.actorId),
    action: e.action,
    occurredAt: normaliseInstant(e.occurredAt),
    details: e.details,
    contentHash: e.contentHash,
    previousEventHash: e.previousEventHash,
  });
}

/** The details as stored: canonical JSON, so the text (and the hash over it) never depends on key order. */
export function serialiseDetails(details: Readonly<Record<string, unknown>>): string {
  const text = canonicalJson(details);
  if (text.length <= FIELD_LENGTHS.eventDetails) return text;
  // Never expected (details are small); a cut JSON would not parse, so say so instead.
  return canonicalJson({ truncated: true, size: text.length });
}

/** Chains `inputs` after `previousHash`: the rows to insert, hashes filled in. */
export function chainEvents(
  handoverId: string,
  previousHash: string | null,
  inputs: readonly AuditEventInput[],
): Omit<AuditEvent, 'id'>[] {
  let previous = previousHash;
  return inputs.map((input) => {
    const fields: ChainedFields = {
      handoverId: id18(handoverId),
      actorId: id18(input.actorId),
      action: input.action.slice(0, FIELD_LENGTHS.eventAction),
      occurredAt: toWholeSecond(input.at),
      details: serialiseDetails(input.details),
      contentHash: input.contentHash,
      previousEventHash: previous,
    };
    const hash = eventHash(fields);
    previous = hash;
    return { ...fields, eventHash: hash };
  });
}

/** Instants are kept to the second: the hash must not depend on whether an org stores milliseconds. */
function toWholeSecond(at: string): string {
  const ms = Date.parse(normaliseInstant(at));
  if (Number.isNaN(ms)) throw new HandoverError('INVALID_INPUT', `Not an instant: ${at}`);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

// In-process appends to one handover are serialised, so they never fork the chain. Appends from two
// processes at the same instant still can: verifyEventChain then reports a FORK (it never passes
// silently), and the product's next append continues from the latest head.
const appending = new Map<string, Promise<unknown>>();

/** Appends events to the handover's log; returns them as written (with Ids). */
export async function appendEvents(
  conn: OrgConnection,
  handoverId: string,
  inputs: readonly AuditEventInput[],
  /** The chain's head hash when the caller just read it (null: no event yet); undefined reads it. */
  knownHead?: string | null,
): Promise<AuditEvent[]> {
  if (inputs.length === 0) return [];
  const key = id18(handoverId);
  const before = appending.get(key) ?? Promise.resolve();
  const run = before
    .catch(() => undefined)
    .then(async () => {
      const head = knownHead !== undefined ? knownHead : (headOf(await readEvents(conn, key))?.eventHash ?? null);
      const rows = chainEvents(key, head, inputs);
      const ids = await insertRecords(conn, HANDOVER_OBJECTS.event, rows.map(eventRecord));
      return rows.map((row, i) => ({ ...row, id: ids[i] ?? '' }));
    });
  appending.set(key, run);
  try {
    return await run;
  } finally {
    if (appending.get(key) === run) appending.delete(key);
  }
}

/** Every event of a handover, in chain order. */
export async function readEvents(conn: OrgConnection, handoverId: string): Promise<AuditEvent[]> {
  return eventsOfRows(await queryAll(conn, eventsSoql(handoverId), eventSchema, 'audit events'));
}

export function eventsSoql(handoverId: string): string {
  return `SELECT ${EVENT_SELECT.join(', ')} FROM ${HANDOVER_OBJECTS.event} WHERE ${E.handover} = ${soqlId(handoverId)} ORDER BY ${E.occurredAt}, Name`;
}

/** Rows of eventsSoql() (validated with eventSchema) as events in chain order. */
export function eventsOfRows(rows: readonly z.infer<typeof eventSchema>[]): AuditEvent[] {
  return orderEvents(rows.map(toEvent).map(({ createdDate: _createdDate, ...event }) => event));
}

/** The latest event: the end of the chain, or (chain broken) the last one in time order. */
export function headOf(events: readonly AuditEvent[]): AuditEvent | undefined {
  const referenced = new Set(events.map((e) => e.previousEventHash).filter((h) => h !== null));
  const heads = events.filter((e) => e.eventHash !== null && !referenced.has(e.eventHash));
  return heads.length === 1 ? heads[0] : events.at(-1);
}

/** Chain order from the first event; events off the chain follow in the order given. */
export function orderEvents(events: readonly AuditEvent[]): AuditEvent[] {
  const byPrevious = new Map<string | null, AuditEvent[]>();
  for (const e of events) {
    const list = byPrevious.get(e.previousEventHash) ?? [];
    list.push(e);
    byPrevious.set(e.previousEventHash, list);
  }
  const ordered: AuditEvent[] = [];
  const seen = new Set<string>();
  let next = byPrevious.get(null)?.[0];
  while (next !== undefined && !seen.has(next.id)) {
    ordered.push(next);
    seen.add(next.id);
    next = next.eventHash === null ? undefined : byPrevious.get(next.eventHash)?.[0];
  }
  return [...ordered, ...events.filter((e) => !seen.has(e.id))];
}

// ---------------------------------------------------------------- verification

export type ChainProblemCode =
  | 'ALTERED'
  | 'MISSING_HASH'
  | 'NO_FIRST_EVENT'
  | 'SEVERAL_FIRST_EVENTS'
  | 'BROKEN_LINK'
  | 'FORK'
  | 'WRONG_HANDOVER'
  | 'HEAD_CONTENT_MISMATCH';

export type ChainProblem = { code: ChainProblemCode; eventId: string | null; message: string };

export type ChainVerification = {
  ok: boolean;
  eventCount: number;
  /** The hash of the last event of the chain (what a later event must point to). */
  headHash: string | null;
  problems: ChainProblem[];
};

export type VerifyOptions = {
  /** The handover the events must belong to. */
  handoverId?: string;
  /** The handover's current content hash: the last event must carry it. */
  currentContentHash?: string | null;
};

/** Checks every event's hash and every link; lists each problem found (none: ok). */
export function verifyEventChain(events: readonly AuditEvent[], options: VerifyOptions = {}): ChainVerification {
  const problems: ChainProblem[] = [];
  const problem = (code: ChainProblemCode, eventId: string | null, message: string): void => {
    problems.push({ code, eventId, message });
  };
  const handoverId = options.handoverId === undefined ? undefined : id18(options.handoverId);
  for (const e of events) {
    if (handoverId !== undefined && id18(e.handoverId) !== handoverId) {
      problem('WRONG_HANDOVER', e.id, `Event ${e.id} belongs to another handover (${e.handoverId}).`);
    }
    if (e.eventHash === null) problem('MISSING_HASH', e.id, `Event ${e.id} (${e.action}) has no hash.`);
    else if (eventHash(e) !== e.eventHash) {
      problem(
        'ALTERED',
        e.id,
        `Event ${e.id} (${e.action}) was changed after it was written: its hash no longer matches.`,
      );
    }
  }
  checkLinks(events, problem);
  // The end of the chain; with the chain broken, the last event off it (time order).
  const head = orderEvents(events).at(-1);
  if (
    options.currentContentHash !== undefined &&
    head !== undefined &&
    options.currentContentHash !== null &&
    head.contentHash !== options.currentContentHash
  ) {
    problem(
      'HEAD_CONTENT_MISMATCH',
      head.id,
      'The latest event does not carry the handover’s current content hash: a change was made without its event, or the last events were removed.',
    );
  }
  return { ok: problems.length === 0, eventCount: events.length, headHash: head?.eventHash ?? null, problems };
}

function checkLinks(
  events: readonly AuditEvent[],
  problem: (code: ChainProblemCode, eventId: string | null, message: string) => void,
): void {
  if (events.length === 0) return;
  const hashes = new Set(events.map((e) => e.eventHash).filter((h) => h !== null));
  const firsts = events.filter((e) => e.previousEventHash === null);
  if (firsts.length === 0) {
    problem('NO_FIRST_EVENT', null, 'The first event of the log is missing: the log was cut at its start.');
  }
  if (firsts.length > 1) {
    problem('SEVERAL_FIRST_EVENTS', firsts[1]?.id ?? null, 'The log has more than one first event.');
  }
  const children = new Map<string, number>();
  for (const e of events) {
    if (e.previousEventHash === null) continue;
    if (!hashes.has(e.previousEventHash)) {
      problem('BROKEN_LINK', e.id, `The event before ${e.id} (${e.action}) is missing or was changed.`);
    }
    children.set(e.previousEventHash, (children.get(e.previousEventHash) ?? 0) + 1);
  }
  for (const [hash, count] of children) {
    if (count > 1) {
      const at = events.find((e) => e.eventHash === hash);
      problem('FORK', at?.id ?? null, `${count} events claim to follow the same event: the log forked.`);
    }
  }
}

/** Throws when the log does not verify (for callers that must not go on with a tampered log). */
export function assertChain(verification: ChainVerification): void {
  if (verification.ok) return;
  throw new HandoverError(
    'AUDIT_CHAIN_BROKEN',
    `The audit log does not verify: ${verification.problems[0]?.message ?? ''}`,
    {
      data: { problems: verification.problems },
    },
  );
}
