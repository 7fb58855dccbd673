import type { Connection } from '@salesforce/core';
import { SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { callService } from '../../cli/errors.js';
import { handoverFlag, orgFlags } from '../../cli/flags.js';
import { printStatus, printSummary, RunStages } from '../../cli/runOutput.js';
import {
  exceptionOwnerNames,
  leaseHeld,
  policyFlags,
  policyOf,
  recordedFreeze,
  recordedPolicy,
  watchRun,
  watchTiming,
  type WatchReport,
} from '../../cli/runs.js';
import { services } from '../../cli/services.js';
import { showStatus } from '../../cli/spinner.js';
import type { SignoffStatus } from '../../core/signoff.js';
import { loadMessages } from '../../messages.js';
import type { RunResult } from '../../salesforce/reassign/index.js';

const messages = loadMessages('handover.resume');

/** Statuses of a run that has not ended: with no live lease, its run died and this command finishes it. */
const UNFINISHED: readonly SignoffStatus[] = ['Approved', 'Reassigning'];

export type HandoverResumeResult = {
  handoverId: string;
  /**
   * resumed: this command ran the reassignment to its end; watched: another run held it, this one
   * watched; none: the handover was already Reassigned, nothing to do.
   */
  action: 'resumed' | 'watched' | 'none';
  /** The handover's status at the end. */
  status: SignoffStatus;
  run: RunResult | null;
  watch: WatchReport | null;
};

export default class HandoverResume extends SfCommand<HandoverResumeResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...orgFlags,
    handover: handoverFlag,
    wait: Flags.duration({
      summary: messages.getMessage('flags.wait.summary'),
      unit: 'minutes',
      defaultValue: 30,
      min: 0,
    }),
    ...policyFlags,
    'no-prompt': Flags.boolean({ char: 'p', summary: messages.getMessage('flags.no-prompt.summary') }),
  };

  public async run(): Promise<HandoverResumeResult> {
    const { flags } = await this.parse(HandoverResume);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const handoverId = flags.handover;
    const waitMs = flags.wait.milliseconds;

    const lease = await callService(() => services.readLease(conn, handoverId));
    let watched: WatchReport | null = null;
    if (leaseHeld(lease, watchTiming.now())) {
      watched = await this.watch(conn, handoverId, waitMs);
      // Still running, or finished by the run that held it: report. A lease that expired on a run
      // still Reassigning means that run died: finish it here.
      if (!watched.finished || !UNFINISHED.includes(watched.status)) return this.watched(handoverId, watched);
    }

    const header = await callService(() => services.loadHeader(conn, handoverId));
    if (header.status === 'Reassigned') {
      this.logSuccess(messages.getMessage('info.alreadyDone', [header.id]));
      this.log(messages.getMessage('info.alreadyDone.next', [header.id]));
      return { handoverId: header.id, action: 'none', status: header.status, run: null, watch: watched };
    }
    // Never prompt in --json mode; a run already under way was confirmed when it started.
    if (header.status === 'Approved' && !flags['no-prompt'] && !this.jsonEnabled()) {
      const ok = await this.confirm({ message: messages.getMessage('prompt.confirm', [header.name ?? header.id]) });
      if (!ok) {
        throw new SfError(messages.getMessage('error.declined'), 'RESUME_DECLINED', [
          messages.getMessage('error.declined.action'),
        ]);
      }
    }
    // Go on as the run began: the policy it recorded, with any flag given here on top.
    const events = await callService(() => services.readEvents(conn, header.id));
    const policy = { ...recordedPolicy(events), ...policyOf(flags) };
    const stages = new RunStages('reassign', {
      handoverId: header.id,
      jsonEnabled: this.jsonEnabled(),
      followUps: flags['follow-ups'],
    });
    let result: RunResult;
    try {
      result = await callService(() =>
        services.reassignHandover(conn, header.id, {
          policy,
          followUps: flags['follow-ups'],
          freezeDeparting: flags['freeze-departing'] || recordedFreeze(events),
          onProgress: stages.onProgress,
        }),
      );
    } catch (error) {
      stages.fail();
      // Another process took the lease between our look and our run: watch it instead.
      if (error instanceof SfError && error.name === 'RUN_IN_PROGRESS' && watched === null) {
        return this.watched(handoverId, await this.watch(conn, handoverId, waitMs));
      }
      throw error;
    }
    stages.finish(result);
    printSummary(this, result, await exceptionOwnerNames(conn, result, this.jsonEnabled()));
    if (!printStatus(this, result)) process.exitCode = 1;
    return { handoverId: result.handoverId, action: 'resumed', status: result.status, run: result, watch: watched };
  }

  /** Shows the other run's progress until its lease goes or the wait runs out. */
  private async watch(conn: Connection, handoverId: string, waitMs: number): Promise<WatchReport> {
    const action = messages.getMessage('info.watching', [handoverId]);
    let shown = '';
    this.spinner.start(action);
    try {
      const report = await callService(() =>
        watchRun(conn, handoverId, waitMs, (r) => {
          const status =
            messages.getMessage('info.watchStatus', [
              r.status,
              r.transfer.byStatus.Transferred ?? 0,
              r.transfer.total,
              r.transfer.byStatus.In_Progress ?? 0,
              r.transfer.byStatus.Failed ?? 0,
              r.transfer.byStatus.Conflict ?? 0,
            ]) + phaseNote(r.phases);
          // Outside a terminal every status is a line: a run that did not move since the last look adds none.
          if (status !== shown) showStatus(this.spinner, action, (shown = status));
        }),
      );
      this.spinner.stop(messages.getMessage(report.finished ? 'info.watchEnded' : 'info.watchTimeout'));
      return report;
    } catch (error) {
      this.spinner.stop(messages.getMessage('info.watchFailed'));
      throw error;
    }
  }

  /** The result of watching: the counts, and exit code 1 unless the other run reassigned everything. */
  private watched(handoverId: string, report: WatchReport): HandoverResumeResult {
    const t = report.transfer;
    this.log(
      messages.getMessage('info.counts', [
        t.byStatus.Transferred ?? 0,
        t.total,
        t.byStatus.Pending ?? 0,
        t.byStatus.In_Progress ?? 0,
        t.byStatus.Failed ?? 0,
        t.byStatus.Conflict ?? 0,
      ]),
    );
    if (!report.finished) {
      this.warn(
        messages.createWarning(
          'warn.stillRunning',
          [handoverId, report.lease.expiresAt ?? '?'],
          [handoverId, handoverId],
        ),
      );
      process.exitCode = 1;
    } else if (report.status === 'Reassigned') {
      this.logSuccess(messages.getMessage('info.finishedByOther', [handoverId, report.status]));
    } else {
      this.warn(messages.createWarning('warn.endedAs', [handoverId, report.status], [handoverId, handoverId]));
      process.exitCode = 1;
    }
    return { handoverId, action: 'watched', status: report.status, run: null, watch: report };
  }
}

/** "· phase contacts (1 of 2 done, 5,000 moved)" while the run journal says where a run is. */
function phaseNote(phases: WatchReport['phases']): string {
  const current = phases.findLast((p) => !p.finished) ?? phases.at(-1);
  if (current === undefined) return '';
  const done = phases.filter((p) => p.finished);
  const moved = done.reduce((n, p) => n + (p.transferred ?? 0), 0);
  // The message loader trims its texts: the separator is added here.
  return ` · ${messages.getMessage('info.watchPhase', [current.phase, done.length, phases.length, moved])}`;
}
