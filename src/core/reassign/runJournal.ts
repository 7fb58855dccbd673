/**
 * The run journal: which phases runs of a handover started and finished, kept as JSON in one field
 * of the handover (Run_Journal__c). A phase is marked started before its first write and finished
 * with its counts after its last, in the same header update that renews the run's lease. Item
 * statuses (Transfer_Status__c) then follow in bulk; a run cut off in between leaves items Pending
 * whose phase the journal says may have moved them, and resume and rollback settle those from the
 * owners in the org. One header write per phase instead of one item write per record.
 */
import { z } from 'zod';

export type RunKind = 'reassign' | 'rollback';

const counts = z.object({ transferred: z.number(), failed: z.number(), conflicts: z.number() });

const entry = z.object({
  runId: z.string(),
  kind: z.enum(['reassign', 'rollback']),
  phase: z.string(),
  objectTypes: z.array(z.string()),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  counts: counts.nullable(),
});
export type RunJournalEntry = z.infer<typeof entry>;
export type PhaseCounts = z.infer<typeof counts>;

const journal = z.object({ v: z.literal(1), entries: z.array(entry) });
export type RunJournal = z.infer<typeof journal>;

/** Entries kept: the latest runs' phases (a few per run) fit the field many times over. */
export const MAX_JOURNAL_ENTRIES = 200;

export const EMPTY_RUN_JOURNAL: RunJournal = { v: 1, entries: [] };

/** The journal stored in the field; an empty or unreadable one is empty (resume then relies on owners alone). */
export function parseRunJournal(text: string | null | undefined): RunJournal {
  if (text === null || text === undefined || text.trim() === '') return EMPTY_RUN_JOURNAL;
  try {
    const parsed = journal.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : EMPTY_RUN_JOURNAL;
  } catch {
    return EMPTY_RUN_JOURNAL;
  }
}

export function serialiseRunJournal(value: RunJournal): string {
  return JSON.stringify({ v: 1, entries: value.entries.slice(-MAX_JOURNAL_ENTRIES) });
}

export function phaseStarted(value: RunJournal, started: Omit<RunJournalEntry, 'finishedAt' | 'counts'>): RunJournal {
  return { v: 1, entries: [...value.entries, { ...started, finishedAt: null, counts: null }] };
}

export function phaseFinished(
  value: RunJournal,
  runId: string,
  phase: string,
  at: string,
  phaseCounts: PhaseCounts,
): RunJournal {
  return {
    v: 1,
    entries: value.entries.map((e) =>
      e.runId === runId && e.phase === phase && e.finishedAt === null
        ? { ...e, finishedAt: at, counts: phaseCounts }
        : e,
    ),
  };
}

/** The object types whose records runs of `kind` may have written (every such phase ever started). */
export function objectTypesStarted(value: RunJournal, kind: RunKind): Set<string> {
  const types = new Set<string>();
  for (const e of value.entries) if (e.kind === kind) for (const t of e.objectTypes) types.add(t);
  return types;
}
