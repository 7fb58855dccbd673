import type { Connection } from '@salesforce/core';
import { SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { callService } from '../../cli/errors.js';
import { handoverFlag, orgFlags } from '../../cli/flags.js';
import { printPlan, printStatus, printSummary, RunStages } from '../../cli/runOutput.js';
import { exceptionOwnerNames, policyArgs, policyFlags, policyOf, usernamesOf } from '../../cli/runs.js';
import { services } from '../../cli/services.js';
import type { ReassignPolicy } from '../../core/reassign/index.js';
import { loadMessages } from '../../messages.js';
import type { RunResult } from '../../salesforce/reassign/index.js';

const messages = loadMessages('handover.reassign');

/** A run started in a detached process (--async): where its output goes and how to follow it. */
export type HandoverReassignAsyncResult = {
  handoverId: string;
  async: true;
  pid: number | null;
  logFile: string;
  command: string[];
};

export type HandoverReassignResult = (RunResult & { async: false }) | HandoverReassignAsyncResult;

export default class HandoverReassign extends SfCommand<HandoverReassignResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...orgFlags,
    handover: handoverFlag,
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary'), exclusive: ['async'] }),
    ...policyFlags,
    async: Flags.boolean({ summary: messages.getMessage('flags.async.summary') }),
    'no-prompt': Flags.boolean({ char: 'p', summary: messages.getMessage('flags.no-prompt.summary') }),
  };

  public async run(): Promise<HandoverReassignResult> {
    const { flags } = await this.parse(HandoverReassign);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const handoverId = flags.handover;
    const policy = policyOf(flags);

    if (flags['dry-run']) return { ...(await this.plan(conn, handoverId, policy)), async: false };

    let phases: string[] | undefined;
    // Never prompt in --json mode. The prompt shows the plan first.
    if (!flags['no-prompt'] && !this.jsonEnabled()) {
      const plan = await this.plan(conn, handoverId, policy);
      phases = plan.phases.map((p) => p.phase);
      const total = 'move' in plan.counts.total ? plan.counts.total : { move: 0, stay: 0 };
      const ok = await this.confirm({
        message: messages.getMessage('prompt.confirm', [total.move, handoverId, total.stay]),
      });
      if (!ok) {
        throw new SfError(messages.getMessage('error.declined'), 'REASSIGN_DECLINED', [
          messages.getMessage('error.declined.action'),
        ]);
      }
    }

    if (flags.async) {
      const args = [
        'handover',
        'resume',
        '--handover',
        handoverId,
        '--target-org',
        flags['target-org'].getUsername() ?? '',
        ...(flags['api-version'] === undefined ? [] : ['--api-version', flags['api-version']]),
        ...policyArgs(flags),
        '--no-prompt',
        '--json',
      ];
      const started = services.startDetached(args, `handover-reassign-${handoverId}`);
      this.logSuccess(messages.getMessage('info.async', [handoverId, started.pid ?? '?']));
      this.log(messages.getMessage('info.async.log', [started.logFile]));
      this.log(messages.getMessage('info.async.next', [handoverId, handoverId]));
      return { handoverId, async: true, pid: started.pid, logFile: started.logFile, command: started.command };
    }

    const stages = new RunStages('reassign', {
      handoverId,
      jsonEnabled: this.jsonEnabled(),
      followUps: flags['follow-ups'],
      ...(phases === undefined ? {} : { phases }),
    });
    const result = await callService(() =>
      services.reassignHandover(conn, handoverId, {
        policy,
        followUps: flags['follow-ups'],
        freezeDeparting: flags['freeze-departing'],
        onProgress: stages.onProgress,
      }),
    ).catch((error: unknown) => {
      stages.fail();
      throw error;
    });
    stages.finish(result);
    printSummary(this, result, await exceptionOwnerNames(conn, result, this.jsonEnabled()));
    if (!printStatus(this, result)) process.exitCode = 1;
    return { ...result, async: false };
  }

  /** The dry run, printed. */
  private async plan(conn: Connection, handoverId: string, policy: Partial<ReassignPolicy>): Promise<RunResult> {
    this.spinner.start(messages.getMessage('info.planning', [handoverId]));
    const plan = await callService(() => services.reassignHandover(conn, handoverId, { policy, dryRun: true })).catch(
      (error: unknown) => {
        this.spinner.stop(messages.getMessage('info.planFailed'));
        throw error;
      },
    );
    this.spinner.stop();
    const successors = 'perSuccessor' in plan.counts ? Object.keys(plan.counts.perSuccessor) : [];
    printPlan(this, plan, await usernamesOf(conn, successors, this.jsonEnabled()));
    return plan;
  }
}
