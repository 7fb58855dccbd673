import {
  EMPTY_RUN_JOURNAL,
  MAX_JOURNAL_ENTRIES,
  objectTypesStarted,
  parseRunJournal,
  phaseFinished,
  phaseStarted,
  serialiseRunJournal,
  type RunJournal,
} from '../../../src/core/reassign/runJournal.js';

const start = (
  journal: RunJournal,
  runId: string,
  phase: string,
  objectTypes: string[],
  kind: 'reassign' | 'rollback' = 'reassign',
) => phaseStarted(journal, { runId, kind, phase, objectTypes, startedAt: '2026-11-26T10:00:00.000Z' });

describe('run journal', () => {
  it('records a phase as started, then finished with its counts, and survives the field round trip', () => {
    let journal = start(EMPTY_RUN_JOURNAL, 'run-1', 'accounts', ['Account']);
    expect(journal.entries[0]).toMatchObject({ phase: 'accounts', finishedAt: null, counts: null });
    journal = phaseFinished(journal, 'run-1', 'accounts', '2026-11-26T10:01:00.000Z', {
      transferred: 9,
      failed: 1,
      conflicts: 0,
    });
    expect(journal.entries[0]).toMatchObject({
      finishedAt: '2026-11-26T10:01:00.000Z',
      counts: { transferred: 9, failed: 1, conflicts: 0 },
    });
    expect(parseRunJournal(serialiseRunJournal(journal))).toEqual(journal);
  });

  it('finishes only the open entry of that run and phase', () => {
    let journal = start(EMPTY_RUN_JOURNAL, 'run-1', 'accounts', ['Account']);
    journal = start(journal, 'run-2', 'accounts', ['Account']);
    journal = phaseFinished(journal, 'run-2', 'accounts', 'x', { transferred: 1, failed: 0, conflicts: 0 });
    expect(journal.entries.map((e) => e.finishedAt)).toEqual([null, 'x']);
  });

  it('reads an empty, blank, foreign or corrupt field as an empty journal', () => {
    for (const text of [
      null,
      undefined,
      '',
      '  ',
      'not json',
      '{"v":2,"entries":[]}',
      '{"v":1,"entries":[{"runId":1}]}',
    ]) {
      expect(parseRunJournal(text)).toEqual(EMPTY_RUN_JOURNAL);
    }
  });

  it('keeps the latest entries when it grows past the limit', () => {
    let journal = EMPTY_RUN_JOURNAL;
    for (let i = 0; i < MAX_JOURNAL_ENTRIES + 5; i++) journal = start(journal, `run-${i}`, 'accounts', ['Account']);
    const stored = parseRunJournal(serialiseRunJournal(journal));
    expect(stored.entries).toHaveLength(MAX_JOURNAL_ENTRIES);
    expect(stored.entries[0]?.runId).toBe('run-5');
  });

  it('tells which object types forward runs started (rollback phases do not count)', () => {
    let journal = start(EMPTY_RUN_JOURNAL, 'run-1', 'accounts', ['Account']);
    journal = start(journal, 'run-1', 'opportunities', ['Opportunity']);
    journal = start(journal, 'undo-1', 'accounts', ['Account', 'Contact'], 'rollback');
    expect([...objectTypesStarted(journal, 'reassign')].sort()).toEqual(['Account', 'Opportunity']);
    expect([...objectTypesStarted(journal, 'rollback')].sort()).toEqual(['Account', 'Contact']);
  });
});
