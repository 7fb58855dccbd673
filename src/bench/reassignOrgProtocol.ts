import { z } from 'zod';

/**
 * The messages between the reassign benchmark (the parent, reassignFixture.ts) and its local org,
 * which runs in a child process of its own (reassignOrgChild.ts): in real life the org is another
 * machine, so its request handling must not share the engine's thread (nor count in its memory).
 * Both sides validate what they receive with these schemas. The child sends `ready` (or `failed`)
 * once the fixture is built and the org is listening, then answers each request with a `response`
 * of the same id.
 */

/** The objects of the book, in the engine's phase order. */
export const BOOK_OBJECTS = ['Account', 'Contact', 'Opportunity', 'Case', 'Task'] as const;
export type BookObject = (typeof BOOK_OBJECTS)[number];

export type BookRecord = { id: string; objectType: BookObject; accountId: string; successorId: string };

/** What the child builds and serves (its one argument, as JSON). */
export const orgChildOptions = z.object({
  records: z.number().int().min(1),
  successors: z.number().int().min(1),
  latencyMs: z.number().int().min(0),
  /** How long each write keeps its records (and their parents) locked: a real org's server time. */
  serverMs: z.number().int().min(0),
  objectsDir: z.string().min(1),
});
export type OrgChildOptions = z.infer<typeof orgChildOptions>;

const requestId = z.number().int().min(1);

/** Parent -> child. `movedCount` without ids counts the whole book. */
export const orgRequest = z.discriminatedUnion('type', [
  z.object({ id: requestId, type: z.literal('reset') }),
  z.object({ id: requestId, type: z.literal('movedCount'), ids: z.array(z.string().min(1)).optional() }),
  z.object({ id: requestId, type: z.literal('usedCalls') }),
  z.object({ id: requestId, type: z.literal('memory') }),
  z.object({ id: requestId, type: z.literal('cpu') }),
  z.object({ id: requestId, type: z.literal('close') }),
]);
export type OrgRequest = z.infer<typeof orgRequest>;
export type OrgRequestType = OrgRequest['type'];

const salesforceId = z.string().regex(/^[A-Za-z0-9]{15,18}$/);

/** A record of the book as sent: [id, objectType, accountId, successorId]. */
const recordTuple = z.tuple([salesforceId, z.enum(BOOK_OBJECTS), salesforceId, salesforceId]);
export type RecordTuple = z.infer<typeof recordTuple>;

const ready = z.object({
  type: z.literal('ready'),
  url: z.string().regex(/^https?:\/\/[^/\s]+$/),
  managerUsername: z.string().min(1),
  users: z.object({ manager: salesforceId, departing: salesforceId, successors: z.array(salesforceId).min(1) }),
  handoverId: salesforceId,
  /** Account-major order: an account, then its contacts, deals, cases and tasks. */
  records: z.array(recordTuple),
  seedMs: z.number().min(0),
  /** The child's process.resourceUsage().maxRSS (KB) once the fixture is built. */
  maxRssKb: z.number().min(0),
});
export type OrgReady = z.infer<typeof ready>;

/**
 * Child -> parent. A response's value: null for reset and close, a number for the others (maxRSS in KB
 * for memory, the process's CPU time so far in ms for cpu).
 */
export const orgMessage = z.discriminatedUnion('type', [
  ready,
  z.object({ type: z.literal('failed'), error: z.string() }),
  z.discriminatedUnion('ok', [
    z.object({ type: z.literal('response'), id: requestId, ok: z.literal(true), value: z.number().min(0).nullable() }),
    z.object({ type: z.literal('response'), id: requestId, ok: z.literal(false), error: z.string() }),
  ]),
]);
export type OrgMessage = z.infer<typeof orgMessage>;
