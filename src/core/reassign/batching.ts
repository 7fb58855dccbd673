/**
 * Safe order and lock-free batching of owner writes.
 *
 * Phases run one after another, parents first: a child's new owner needs Read on the parent account,
 * and the person transferring must be able to share it, so accounts move before their children.
 * Undo runs the phases in reverse (children first, accounts last).
 *
 * Inside a phase, batches run in parallel. Updating a child locks its parent account, and children
 * of one parent written by parallel requests fail with UNABLE_TO_LOCK_ROW; Salesforce's advice is to
 * keep the children of one parent together. So a batch holds whole account groups, every batch lists
 * the accounts it touches (`lockKeys`), and the runner never runs two batches with a common lock key
 * at once (`nextBatches` does the choosing). An account group larger than a batch is cut into
 * consecutive batches of its own that share a `sequentialGroup` and run in `sequence`.
 */
import { compareIds } from './items.js';

export type PhaseName =
  'accounts' | 'contacts' | 'opportunities' | 'cases' | 'activities' | 'contracts' | 'files' | 'other';

/** The safe order. Objects not listed here are "other" owned objects and move last. */
export const PHASES: readonly { phase: PhaseName; objectTypes: readonly string[] }[] = [
  { phase: 'accounts', objectTypes: ['Account'] },
  { phase: 'contacts', objectTypes: ['Contact'] },
  { phase: 'opportunities', objectTypes: ['Opportunity'] },
  { phase: 'cases', objectTypes: ['Case'] },
  { phase: 'activities', objectTypes: ['Task', 'Event'] },
  { phase: 'contracts', objectTypes: ['Contract'] },
  { phase: 'files', objectTypes: ['ContentDocument'] },
  { phase: 'other', objectTypes: [] },
];

export function phaseOf(objectType: string): PhaseName {
  return PHASES.find((p) => p.objectTypes.includes(objectType))?.phase ?? 'other';
}

export type WriteMethod = 'collections' | 'bulk';
export type ReassignMode = 'auto' | WriteMethod;

/** One record to write: the owner it must still have (compare-and-set) and the new one. */
export type PlannedMove = {
  recordId: string;
  objectType: string;
  accountId: string | null;
  fromOwnerId: string;
  toOwnerId: string;
  /** The Handover_Item__c rows that journal this record. */
  itemIds: string[];
};

export type PlanBatch = {
  /** Stable: "<phase>/<object>/<n>", prefixed for undo. */
  batchId: string;
  phase: PhaseName;
  objectType: string;
  method: WriteMethod;
  moves: PlannedMove[];
  /** The accounts the batch touches (an account's own id in the accounts phase); sorted. */
  lockKeys: string[];
  /** The account whose group was too large for one batch; its batches run one after another. */
  sequentialGroup: string | null;
  /** Position inside the sequential group; 0 otherwise. */
  sequence: number;
};

export type PlanPhase = { phase: PhaseName; objectTypes: string[]; batches: PlanBatch[] };

export type BatchingOptions = {
  mode: ReassignMode;
  /** More records than this for one object go through Bulk API 2.0 in auto mode. */
  bulkThreshold: number;
  /** Records per sObject Collections request. */
  batchSize: number;
  /** Records per Bulk API 2.0 job. */
  bulkBatchSize: number;
};

export function methodFor(recordCount: number, options: Pick<BatchingOptions, 'mode' | 'bulkThreshold'>): WriteMethod {
  if (options.mode !== 'auto') return options.mode;
  return recordCount > options.bulkThreshold ? 'bulk' : 'collections';
}

/** The record that an update of this move locks: the account itself, or the account it belongs to. */
export function lockKeyOf(move: Pick<PlannedMove, 'objectType' | 'recordId' | 'accountId'>): string | null {
  return move.objectType === 'Account' ? move.recordId : move.accountId;
}

/** Phases with at least one move, in safe order (or reversed), each object batched by account. */
export function buildPhases(
  moves: readonly PlannedMove[],
  options: BatchingOptions,
  direction: 'forward' | 'reverse',
  batchIdPrefix = '',
): PlanPhase[] {
  const byObject = new Map<string, PlannedMove[]>();
  for (const move of moves) {
    const list = byObject.get(move.objectType);
    if (list === undefined) byObject.set(move.objectType, [move]);
    else list.push(move);
  }
  const ordered = direction === 'forward' ? PHASES : [...PHASES].reverse();
  const phases: PlanPhase[] = [];
  for (const { phase, objectTypes } of ordered) {
    const listed =
      phase === 'other' ? [...byObject.keys()].filter((t) => phaseOf(t) === 'other').sort(compareIds) : objectTypes;
    const present = listed.filter((t) => byObject.has(t));
    if (direction === 'reverse') present.reverse();
    if (present.length === 0) continue;
    const batches = present.flatMap((objectType) =>
      batchObject(phase, objectType, byObject.get(objectType) ?? [], options, batchIdPrefix),
    );
    phases.push({ phase, objectTypes: present, batches });
  }
  return phases;
}

export function movesOf(phases: readonly PlanPhase[]): PlannedMove[] {
  return phases.flatMap((p) => p.batches.flatMap((b) => b.moves));
}

/** What a plan hash covers of its phases: batches with their records and owners; item ids left out. */
export function phasesDigest(phases: readonly PlanPhase[]): unknown {
  return phases.map((p) => ({
    phase: p.phase,
    batches: p.batches.map((b) => ({
      batchId: b.batchId,
      method: b.method,
      lockKeys: b.lockKeys,
      sequentialGroup: b.sequentialGroup,
      sequence: b.sequence,
      // One string per record keeps hashing a 100,000-record plan fast; Salesforce ids hold no '>'.
      moves: b.moves.map((m) => `${m.recordId}>${m.fromOwnerId}>${m.toOwnerId}`),
    })),
  }));
}

type Group = { key: string | null; sortKey: string; moves: PlannedMove[] };
type Bin = { moves: PlannedMove[]; sequentialGroup: string | null; sequence: number };

function batchObject(
  phase: PhaseName,
  objectType: string,
  moves: readonly PlannedMove[],
  options: BatchingOptions,
  prefix: string,
): PlanBatch[] {
  const method = methodFor(moves.length, options);
  const size = method === 'bulk' ? options.bulkBatchSize : options.batchSize;
  const groups = groupsOf(moves);
  const bins = [...splitLargeGroups(groups, size), ...packSmallGroups(groups, size)];
  return bins.map((bin, index): PlanBatch => {
    const sortedMoves = [...bin.moves].sort(byAccountThenRecord);
    const lockKeys = [...new Set(sortedMoves.map(lockKeyOf).filter((k) => k !== null))].sort(compareIds);
    return {
      batchId: `${prefix}${phase}/${objectType}/${index + 1}`,
      phase,
      objectType,
      method,
      moves: sortedMoves,
      lockKeys,
      sequentialGroup: bin.sequentialGroup,
      sequence: bin.sequence,
    };
  });
}

/** One group per lock key; a move without one (no account) is a group of its own. Largest first. */
function groupsOf(moves: readonly PlannedMove[]): Group[] {
  const byKey = new Map<string, Group>();
  const loose: Group[] = [];
  for (const move of moves) {
    const key = lockKeyOf(move);
    if (key === null) {
      loose.push({ key: null, sortKey: move.recordId, moves: [move] });
      continue;
    }
    const group = byKey.get(key);
    if (group === undefined) byKey.set(key, { key, sortKey: key, moves: [move] });
    else group.moves.push(move);
  }
  return [...byKey.values(), ...loose].sort(
    (a, b) =>
      b.moves.length - a.moves.length ||
      Number(a.key === null) - Number(b.key === null) ||
      compareIds(a.sortKey, b.sortKey),
  );
}

/** Groups larger than a batch get consecutive batches of their own: only one of them may run at a time. */
function splitLargeGroups(groups: readonly Group[], size: number): Bin[] {
  const bins: Bin[] = [];
  for (const group of groups) {
    if (group.moves.length <= size) continue;
    const sorted = [...group.moves].sort(byAccountThenRecord);
    for (let start = 0, sequence = 0; start < sorted.length; start += size, sequence++) {
      bins.push({ moves: sorted.slice(start, start + size), sequentialGroup: group.key, sequence });
    }
  }
  return bins;
}

/** First-fit decreasing: whole groups into as few batches as fit, deterministically. */
function packSmallGroups(groups: readonly Group[], size: number): Bin[] {
  const bins: Bin[] = [];
  const open: Bin[] = [];
  for (const group of groups) {
    if (group.moves.length > size) continue;
    let bin = open.find((b) => b.moves.length + group.moves.length <= size);
    if (bin === undefined) {
      bin = { moves: [], sequentialGroup: null, sequence: 0 };
      bins.push(bin);
      open.push(bin);
    }
    bin.moves.push(...group.moves);
    if (bin.moves.length === size) open.splice(open.indexOf(bin), 1);
  }
  return bins;
}

function byAccountThenRecord(a: PlannedMove, b: PlannedMove): number {
  const ka = lockKeyOf(a);
  const kb = lockKeyOf(b);
  if (ka !== kb) return ka === null ? 1 : kb === null ? -1 : compareIds(ka, kb);
  return compareIds(a.recordId, b.recordId);
}

// ---------------------------------------------------------------- scheduling

export type SchedulerState = { running: ReadonlySet<string>; finished: ReadonlySet<string> };

/**
 * The batches of a phase to start now, in plan order: at most `concurrency` running in all, none
 * sharing a lock key with a running or chosen batch, and a sequential batch only once every earlier
 * batch of its group has finished (failed counts as finished: its records are journaled).
 */
export function nextBatches(phase: PlanPhase, state: SchedulerState, concurrency: number): PlanBatch[] {
  const busy = new Set<string>();
  let slots = concurrency;
  for (const batch of phase.batches) {
    if (!state.running.has(batch.batchId)) continue;
    slots--;
    for (const key of batch.lockKeys) busy.add(key);
  }
  const chosen: PlanBatch[] = [];
  const waiting = new Set<string>(); // sequential groups with an unfinished earlier batch
  for (const batch of phase.batches) {
    if (slots <= 0) break;
    if (state.finished.has(batch.batchId)) continue;
    const group = batch.sequentialGroup;
    const blocked = group !== null && waiting.has(group);
    if (group !== null) waiting.add(group);
    if (blocked || state.running.has(batch.batchId) || batch.lockKeys.some((k) => busy.has(k))) continue;
    chosen.push(batch);
    for (const key of batch.lockKeys) busy.add(key);
    slots--;
  }
  return chosen;
}
