import type { Connection } from '@salesforce/core';
import { SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { callService } from '../../cli/errors.js';
import { handoverFlag, orgFlags } from '../../cli/flags.js';
import { printPlan, printStatus, printSummary, RunStages } from '../../cli/runOutput.js';
import { exceptionOwnerNames } from '../../cli/runs.js';
import { services } from '../../cli/services.js';
import { loadMessages } from '../../messages.js';
import type { RunResult } from '../../salesforce/reassign/index.js';

const messages = loadMessages('handover.rollback');

export type HandoverRollbackResult = RunResult;

export default class HandoverRollback extends SfCommand<HandoverRollbackResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...orgFlags,
    handover: handoverFlag,
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary') }),
    'no-prompt': Flags.boolean({ char: 'p', summary: messages.getMessage('flags.no-prompt.summary') }),
  };

  public async run(): Promise<HandoverRollbackResult> {
    const { flags } = await this.parse(HandoverRollback);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const handoverId = flags.handover;

    if (flags['dry-run']) return this.plan(conn, handoverId);

    let phases: string[] | undefined;
    // Destructive: show what goes back and ask, unless --no-prompt; never prompt in --json mode.
    if (!flags['no-prompt'] && !this.jsonEnabled()) {
      const plan = await this.plan(conn, handoverId);
      phases = plan.phases.map((p) => p.phase);
      const revert = 'revert' in plan.counts.total ? plan.counts.total.revert : 0;
      const ok = await this.confirm({ message: messages.getMessage('prompt.confirm', [revert, handoverId]) });
      if (!ok) {
        throw new SfError(messages.getMessage('error.declined'), 'ROLLBACK_DECLINED', [
          messages.getMessage('error.declined.action'),
        ]);
      }
    }

    const stages = new RunStages('rollback', {
      handoverId,
      jsonEnabled: this.jsonEnabled(),
      ...(phases === undefined ? {} : { phases }),
    });
    const result = await callService(() =>
      services.rollbackHandover(conn, handoverId, { onProgress: stages.onProgress }),
    ).catch((error: unknown) => {
      stages.fail();
      throw error;
    });
    stages.finish(result);
    printSummary(this, result, await exceptionOwnerNames(conn, result, this.jsonEnabled()));
    if (!printStatus(this, result)) process.exitCode = 1;
    return result;
  }

  /** The dry run, printed. */
  private async plan(conn: Connection, handoverId: string): Promise<RunResult> {
    this.spinner.start(messages.getMessage('info.planning', [handoverId]));
    const plan = await callService(() => services.rollbackHandover(conn, handoverId, { dryRun: true })).catch(
      (error: unknown) => {
        this.spinner.stop(messages.getMessage('info.planFailed'));
        throw error;
      },
    );
    this.spinner.stop();
    printPlan(this, plan, (id) => id);
    return plan;
  }
}
