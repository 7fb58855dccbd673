/**
 * How the reassign, resume and rollback commands show a run: the plan (dry run), the live stages
 * (plan, each phase, teams, follow-ups, verify) with done/total, failures, conflicts, rate and ETA,
 * and the closing summary per object with the exceptions. Text is in messages/handover.run.md.
 */
import { MultiStageOutput } from '@oclif/multi-stage-output';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import {
  inFlight,
  PHASES,
  phaseOf,
  STAY_RULES,
  type PlanCount,
  type PlanCounts,
  type ProgressEvent,
  type ProgressState,
  type UndoCount,
} from '../core/reassign/index.js';
import { barLines, type SegmentStyle } from '../core/pictures/bars.js';
import { loadMessages } from '../messages.js';
import type { RecordOutcome, RunKind, RunResult } from '../salesforce/reassign/index.js';

const messages = loadMessages('handover.run');

/** The output methods of a command these helpers print with. */
export type Printer = Pick<SfCommand<unknown>, 'log' | 'logSuccess' | 'table' | 'warn'>;

/** How many exceptions the human output lists; --json has them all. */
export const EXCEPTIONS_SHOWN = 20;

// ---------------------------------------------------------------- formatting

/** A table with a title; an empty one prints its title and "(none)" (the table renderer cannot draw it). */
export function printTable<R extends Record<string, unknown>>(out: Printer, title: string, data: R[]): void {
  if (data.length === 0) out.log(messages.getMessage('info.emptyTable', [title]));
  else out.table({ title, data });
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return messages.getMessage('value.seconds', [s]);
  if (s < 3600) return messages.getMessage('value.minutes', [Math.floor(s / 60), s % 60]);
  return messages.getMessage('value.hours', [Math.floor(s / 3600), Math.floor((s % 3600) / 60)]);
}

function rateOf(state: ProgressState): string {
  return state.ratePerSecond === null
    ? messages.getMessage('value.measuring')
    : messages.getMessage('value.rate', [state.ratePerSecond.toFixed(1)]);
}

function etaOf(state: ProgressState): string {
  return state.etaSeconds === null ? messages.getMessage('value.measuring') : formatDuration(state.etaSeconds);
}

/** One line per object of a phase: "Account 12/40, 1 failed, 2 conflicts". */
/** A phase's objects, done of total each; failures and conflicts only where there are any (short lines do not wrap). */
export function phaseLine(phase: string, state: ProgressState | undefined): string | undefined {
  if (state === undefined) return undefined;
  const parts = Object.entries(state.perObject)
    .filter(([objectType]) => phaseOf(objectType) === phase)
    .map(([objectType, p]) => {
      const processing = inFlight(state, objectType);
      if (processing > 0)
        return messages.getMessage('value.object.processing', [objectType, p.done, p.total, processing]);
      return p.failed === 0 && p.conflicts === 0
        ? messages.getMessage('value.object.clean', [objectType, p.done, p.total])
        : messages.getMessage('value.object', [objectType, p.done, p.total, p.failed, p.conflicts]);
    });
  return parts.length === 0 ? undefined : parts.join('; ');
}

/** Per team object, its non-zero counts: kept, re-inserted, failed (short lines do not wrap). */
export function teamsLine(teams: RunResult['teams']): string {
  if (teams.length === 0) return messages.getMessage('value.teams.none');
  return teams
    .map((t) => {
      const counts = (
        [
          ['kept', t.present],
          ['restored', t.restored],
          ['failed', t.failed.length],
        ] as const
      )
        .filter(([, n]) => n > 0)
        .map(([key, n]) => messages.getMessage(`value.teams.${key}`, [n]));
      return messages.getMessage('value.teams', [
        t.object,
        counts.length === 0 ? messages.getMessage('value.teams.empty') : counts.join(', '),
      ]);
    })
    .join('; ');
}

/** The follow-up tasks created and found, then what came of the freeze when one was asked for. */
export function followUpsLine(result: Pick<RunResult, 'followUps'>): string | undefined {
  const f = result.followUps;
  if (f === null) return messages.getMessage('value.followUps.none');
  if (f.error !== undefined) return messages.getMessage('value.followUps.error', [f.error]);
  const tasks = messages.getMessage('value.followUps', [f.created, f.existing]);
  if (f.freeze === undefined) return tasks;
  const freeze =
    f.freeze.status === 'waiting'
      ? messages.getMessage('value.freeze.waiting', [f.freeze.lastWorkingDay])
      : f.freeze.status === 'refused'
        ? messages.getMessage('value.freeze.refused', [f.freeze.message])
        : messages.getMessage(`value.freeze.${f.freeze.status}`);
  // A run asked to freeze without follow-up tasks (--no-follow-ups) planned none: only the freeze.
  return f.planned === 0 ? freeze : `${tasks}; ${freeze}`;
}

function verifyLine(result: RunResult): string | undefined {
  const v = result.verification;
  if (v === null) return undefined;
  return v.ok
    ? messages.getMessage('value.verify.ok', [v.transferred, v.checked])
    : messages.getMessage('value.verify.notOk', [v.leftWithDeparting, v.checked]);
}

// ---------------------------------------------------------------- live stages

type StageData = { progress: ProgressState; teams: string; followUps: string; verify: string };

/** The phases a run of this kind may go through, in its order (an undo runs them backwards). */
export function defaultPhases(kind: RunKind): string[] {
  const phases = PHASES.map((p) => p.phase as string);
  return kind === 'rollback' ? phases.reverse() : phases;
}

/** What the item journal wrote, and what waits for its next write. */
export function journalLine(state: ProgressState): string {
  return messages.getMessage('value.journal', [state.journal.written, state.journal.waiting]);
}

function stageLabel(stage: string): string {
  return messages.getMessage(`stage.${stage}`);
}

/**
 * The multi-stage display of one run: pass `onProgress` to the engine, then `finish` or `fail`.
 * Silent (nothing created) with --json. Phases the run does not reach are shown as skipped.
 */
export class RunStages {
  private readonly output: MultiStageOutput<StageData> | null;
  private readonly followUps: boolean;

  public constructor(
    private readonly kind: RunKind,
    options: { handoverId: string; jsonEnabled: boolean; phases?: readonly string[]; followUps?: boolean },
  ) {
    this.followUps = kind === 'reassign' && options.followUps !== false;
    if (options.jsonEnabled) {
      this.output = null;
      return;
    }
    const phases = options.phases ?? defaultPhases(kind);
    const tail = kind === 'reassign' ? ['journal', 'teams', 'follow-ups', 'verify'] : ['journal', 'teams'];
    const stages = ['plan', ...phases, ...tail];
    const get =
      (key: 'teams' | 'followUps' | 'verify') =>
      (data?: StageData): string | undefined =>
        data?.[key];
    const progress =
      (value: (state: ProgressState) => string) =>
      (data?: StageData): string | undefined =>
        data?.progress === undefined || data.progress.startedAt === null ? undefined : value(data.progress);
    this.output = new MultiStageOutput<StageData>({
      title: messages.getMessage(`title.${kind}`, [options.handoverId]),
      stages: stages.map(stageLabel),
      jsonEnabled: false,
      timerUnit: 's',
      stageSpecificBlock: [
        ...phases.map((phase) => ({
          stage: stageLabel(phase),
          type: 'dynamic-key-value' as const,
          label: messages.getMessage('label.objects'),
          get: (data?: StageData): string | undefined => phaseLine(phase, data?.progress),
        })),
        {
          stage: stageLabel('journal'),
          type: 'dynamic-key-value',
          label: messages.getMessage('label.journal'),
          get: progress((s) => journalLine(s)),
        },
        {
          stage: stageLabel('teams'),
          type: 'static-key-value',
          label: messages.getMessage('label.teams'),
          get: get('teams'),
        },
        ...(kind === 'reassign'
          ? [
              {
                stage: stageLabel('follow-ups'),
                type: 'static-key-value' as const,
                label: messages.getMessage('label.followUps'),
                get: get('followUps'),
              },
              {
                stage: stageLabel('verify'),
                type: 'static-key-value' as const,
                label: messages.getMessage('label.verify'),
                get: get('verify'),
              },
            ]
          : []),
      ],
      postStagesBlock: [
        {
          type: 'dynamic-key-value',
          label: messages.getMessage('label.records'),
          get: progress((s) => messages.getMessage('value.records', [s.done, s.total])),
        },
        {
          type: 'dynamic-key-value',
          label: messages.getMessage('label.failed'),
          get: progress((s) => String(s.failed)),
        },
        {
          type: 'dynamic-key-value',
          label: messages.getMessage('label.conflicts'),
          get: progress((s) => String(s.conflicts)),
        },
        {
          type: 'dynamic-key-value',
          label: messages.getMessage('label.retries'),
          get: progress((s) => String(s.retriesScheduled)),
        },
        { type: 'dynamic-key-value', label: messages.getMessage('label.rate'), get: progress(rateOf) },
        { type: 'dynamic-key-value', label: messages.getMessage('label.eta'), get: progress(etaOf) },
      ],
    });
    this.output.goto(stageLabel('plan'));
  }

  /** The engine's onProgress. */
  public readonly onProgress = (state: ProgressState, event: ProgressEvent): void => {
    const output = this.output;
    if (output === null) return;
    switch (event.type) {
      case 'phase_started':
        // Phases before this one that the plan does not have are skipped; the one running finished.
        output.skipTo(stageLabel(event.phase), { progress: state });
        return;
      case 'run_finished':
        // Teams are restored inside their phases: by now they are back. Follow-ups and verify come next.
        output.skipTo(stageLabel('teams'), { progress: state });
        return;
      case 'stage_started':
        if (event.stage === 'journal') output.skipTo(stageLabel('journal'), { progress: state });
        else if (event.stage === 'follow_ups') output.goto(stageLabel('follow-ups'), { progress: state });
        else output.skipTo(stageLabel('verify'), { progress: state });
        return;
      default:
        output.updateData({ progress: state });
    }
  };

  /** The run returned: fill in teams, follow-ups and verification, and stop. */
  public finish(result: RunResult): void {
    const output = this.output;
    if (output === null) return;
    const data: Partial<StageData> = { progress: result.progress };
    data.teams = teamsLine(result.teams);
    if (this.kind === 'reassign') {
      const followUps = followUpsLine(result);
      const verify = verifyLine(result);
      if (followUps !== undefined) data.followUps = followUps;
      if (verify !== undefined) data.verify = verify;
      output.goto(stageLabel('verify'), data);
    } else output.updateData(data);
    output.stop(isComplete(result) ? 'completed' : 'warning');
  }

  public fail(): void {
    this.output?.error();
  }
}

// ---------------------------------------------------------------- plan (dry run)

function isForwardCounts(counts: RunResult['counts']): counts is PlanCounts {
  return 'move' in counts.total;
}

/** The plan: counts per object and successor, the phases with their methods, and what stays and why. */
export function printPlan(out: Printer, result: RunResult, nameOf: (userId: string) => string): void {
  const short = result.planHash.slice(0, 12);
  const counts = result.counts;
  if (isForwardCounts(counts)) {
    const { move, stay, skip } = counts.total;
    out.log(messages.getMessage('info.plan', [short, result.handoverId, result.status, move, stay, skip]));
    printTable(
      out,
      messages.getMessage('title.planCounts'),
      Object.entries(counts.perSuccessor).flatMap(([successorId, s]) =>
        Object.entries(s.perObject).map(([object, c]) => ({
          successor: nameOf(successorId),
          object,
          move: c.move,
          stay: c.stay,
          skip: c.skip,
        })),
      ),
    );
  } else {
    const { revert, alreadyRolledBack, conflict } = counts.total;
    out.log(
      messages.getMessage('info.rollbackPlan', [
        short,
        result.handoverId,
        result.status,
        revert,
        alreadyRolledBack,
        conflict,
      ]),
    );
    printTable(
      out,
      messages.getMessage('title.rollbackCounts'),
      Object.entries(counts.perObject).map(([object, c]: [string, UndoCount]) => ({
        object,
        revert: c.revert,
        alreadyBack: c.alreadyRolledBack,
        conflict: c.conflict,
      })),
    );
  }
  if (isForwardCounts(counts)) for (const line of planBars(counts, nameOf)) out.log(`  ${line}`);
  printPhases(out, result);
  if (isForwardCounts(counts)) printStays(out, counts.perObject);
  if (result.unassigned > 0) out.warn(messages.createWarning('warn.unassigned', [result.unassigned]));
}

/** The plan as a picture: one bar per successor, what moves to them, what stays, what is skipped. */
export function planBars(counts: PlanCounts, nameOf: (userId: string) => string): string[] {
  const styles: SegmentStyle[] = [
    { key: 'move', label: messages.getMessage('picture.move'), glyph: '█' },
    { key: 'stay', label: messages.getMessage('picture.stay'), glyph: '▒' },
    { key: 'skip', label: messages.getMessage('picture.skip'), glyph: '·' },
  ];
  const rows = Object.entries(counts.perSuccessor).map(([successorId, s]) => ({
    label: nameOf(successorId),
    segments: styles.map((style) => ({ key: style.key, value: s.total[style.key as keyof PlanCount] })),
  }));
  return rows.length === 0 ? [] : barLines(rows, styles);
}

function printPhases(out: Printer, result: RunResult): void {
  if (result.phases.length === 0) {
    out.log(messages.getMessage('info.noPhases'));
    return;
  }
  out.table({
    title: messages.getMessage('title.phases'),
    data: result.phases.map((p) => ({
      phase: p.phase,
      objects: p.objectTypes.join(', '),
      records: p.records,
      batches: p.batches,
      methods: p.methods.join(', '),
    })),
  });
}

/** Per object with records that stay: the rule that keeps them and the flag that would move them. */
function printStays(out: Printer, perObject: Record<string, PlanCount>): void {
  const lines: string[] = [];
  for (const [objectType, c] of Object.entries(perObject)) {
    if (c.stay > 0) {
      const flags = [...new Set(STAY_RULES.filter((r) => r.objectTypes.includes(objectType)).map((r) => r.movedWhen))];
      for (const flag of flags) lines.push(messages.getMessage(`stay.${flag}`, [c.stay, objectType]));
    }
    if (c.skip > 0) lines.push(messages.getMessage('stay.skipped', [c.skip, objectType]));
  }
  out.log(messages.getMessage('title.stays'));
  out.log(lines.length === 0 ? messages.getMessage('info.nothingStays') : lines.map((l) => `  ${l}`).join('\n'));
}

// ---------------------------------------------------------------- summary

export type ObjectSummary = {
  object: string;
  planned: number;
  moved: number;
  already: number;
  conflicts: number;
  failed: number;
  notReached: number;
};

/**
 * Per object: moved (with the new owner after this run, found so or written), already (left alone:
 * moved or rolled back by an earlier run), conflicts and failures (from the exceptions), not reached.
 */
export function summaryRows(result: RunResult): ObjectSummary[] {
  const counts = result.counts;
  const objects = new Set([
    ...Object.keys(result.progress.perObject),
    ...Object.keys(counts.perObject),
    ...result.exceptions.map((e) => e.objectType),
  ]);
  return [...objects].sort().map((object) => {
    const p = result.progress.perObject[object] ?? { total: 0, done: 0, failed: 0, conflicts: 0 };
    const c = counts.perObject[object];
    const already = c === undefined ? 0 : 'skip' in c ? c.skip : c.alreadyRolledBack;
    const mine = result.exceptions.filter((e) => e.objectType === object);
    return {
      object,
      planned: p.total,
      moved: p.done,
      already,
      conflicts: mine.filter((e) => e.kind === 'conflict').length,
      failed: mine.filter((e) => e.kind === 'failed').length,
      notReached: Math.max(0, p.total - p.done - p.failed - p.conflicts),
    };
  });
}

/** The summary as a picture: one bar per object, moved / already / conflicts / failed / not reached. */
export function summaryBars(kind: RunKind, rows: readonly ObjectSummary[]): string[] {
  if (rows.length === 0) return [];
  const styles: SegmentStyle[] = [
    { key: 'moved', label: messages.getMessage(`picture.moved.${kind}`), glyph: '█' },
    { key: 'already', label: messages.getMessage('picture.already'), glyph: '▓' },
    { key: 'conflicts', label: messages.getMessage('picture.conflicts'), glyph: '▒' },
    { key: 'failed', label: messages.getMessage('picture.failed'), glyph: '░' },
    { key: 'notReached', label: messages.getMessage('picture.notReached'), glyph: '·' },
  ];
  return barLines(
    rows.map((r) => ({
      label: r.object,
      segments: styles.map((style) => ({ key: style.key, value: r[style.key as keyof ObjectSummary] as number })),
    })),
    styles,
  );
}

/** The first exceptions listed; --json has them all. */
export function shownExceptions(exceptions: readonly RecordOutcome[]): readonly RecordOutcome[] {
  return exceptions.slice(0, EXCEPTIONS_SHOWN);
}

/** Who owns the record now: the one who took it (a conflict), else still its owner before the write. */
export function ownerNow(e: RecordOutcome): string {
  return e.currentOwnerId ?? e.fromOwnerId;
}

export function printExceptions(
  out: Printer,
  exceptions: readonly RecordOutcome[],
  ownerName: (id: string) => string = (id) => id,
): void {
  if (exceptions.length === 0) return;
  const shown = shownExceptions(exceptions);
  out.table({
    title: messages.getMessage('title.exceptions', [shown.length, exceptions.length]),
    data: shown.map((e) => ({
      object: e.objectType,
      record: e.recordId,
      kind: e.kind,
      ownerNow: ownerName(ownerNow(e)),
      code: e.code ?? '',
      message: e.message ?? '',
    })),
  });
  if (exceptions.length > shown.length) {
    out.log(messages.getMessage('info.moreExceptions', [exceptions.length - shown.length]));
  }
}

/** The run is over as planned: everything moved (reassign) or given back (rollback). */
export function isComplete(result: RunResult): boolean {
  return result.status === (result.kind === 'reassign' ? 'Reassigned' : 'Rolled_Back');
}

/**
 * The summary table, the outcome line, teams, follow-ups, verification and the exceptions (with each
 * record's owner now, by `ownerName`).
 */
export function printSummary(out: Printer, result: RunResult, ownerName: (id: string) => string = (id) => id): void {
  const rows = summaryRows(result);
  printTable(out, messages.getMessage(`title.summary.${result.kind}`), rows);
  for (const line of summaryBars(result.kind, rows)) out.log(`  ${line}`);
  const o = result.outcome;
  out.log(messages.getMessage('info.outcome', [o.transferred, o.alreadyDone, o.conflicts, o.failed, o.notReached]));
  const teamFailures = result.teams.reduce((n, t) => n + t.failed.length, 0);
  if (teamFailures > 0) out.warn(messages.createWarning('warn.teams', [teamFailures]));
  if (result.kind === 'reassign') {
    const followUps = followUpsLine(result);
    if (result.followUps?.error !== undefined)
      out.warn(messages.createWarning('warn.followUps', [result.followUps.error]));
    else if (followUps !== undefined) out.log(messages.getMessage('info.followUps', [followUps]));
    const verify = verifyLine(result);
    if (verify !== undefined) out.log(messages.getMessage('info.verify', [verify]));
  }
  printExceptions(out, result.exceptions, ownerName);
}

/**
 * The closing line: success, or a warning with what to do next. Returns whether the run is complete
 * (the command sets exit code 1 otherwise).
 */
export function printStatus(out: Printer, result: RunResult): boolean {
  const id = result.handoverId;
  if (result.stopped !== null) {
    out.warn(messages.createWarning('warn.stopped', [result.stopped.message], [id]));
  }
  if (isComplete(result)) {
    out.logSuccess(messages.getMessage(`info.done.${result.kind}`, [id, result.status]));
    return true;
  }
  out.warn(messages.createWarning(`warn.partial.${result.kind}`, [id, result.status], [id, id, id]));
  return false;
}
