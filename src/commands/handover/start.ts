import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { callService } from '../../cli/errors.js';
import { orgFlags } from '../../cli/flags.js';
import { services } from '../../cli/services.js';
import { loadMessages } from '../../messages.js';
import type { StartResult } from '../../salesforce/service/index.js';

const messages = loadMessages('handover.start');

export type HandoverStartResult = StartResult;

const REASONS = ['resignation', 'transfer', 'leave', 'other'] as const;
const REASON_VALUES = { resignation: 'Resignation', transfer: 'Transfer', leave: 'Leave', other: 'Other' } as const;

/** How many gaps and key accounts the human output lists (all of them are in --json). */
const TOP_GAPS = 5;
const TOP_KEY_ACCOUNTS = 5;

export default class HandoverStart extends SfCommand<HandoverStartResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...orgFlags,
    user: Flags.string({ summary: messages.getMessage('flags.user.summary'), required: true }),
    successor: Flags.string({
      summary: messages.getMessage('flags.successor.summary'),
      required: true,
      multiple: true,
    }),
    split: Flags.option({
      summary: messages.getMessage('flags.split.summary'),
      options: ['even', 'single'] as const,
      default: 'even',
    })(),
    'last-day': Flags.string({ summary: messages.getMessage('flags.last-day.summary'), required: true }),
    reason: Flags.option({
      summary: messages.getMessage('flags.reason.summary'),
      options: REASONS,
      default: 'resignation',
    })(),
  };

  public async run(): Promise<HandoverStartResult> {
    const { flags } = await this.parse(HandoverStart);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    let phase = '';
    this.spinner.start(messages.getMessage('info.starting', [flags.user]));
    const result = await callService(() =>
      services.startHandover(conn, {
        departing: flags.user,
        successors: flags.successor,
        split: { kind: flags.split },
        lastWorkingDay: flags['last-day'],
        reason: REASON_VALUES[flags.reason],
        onProgress: (progress) => {
          // One status per phase: the per-object read steps would flood a non-interactive terminal.
          if (progress.phase !== phase) this.spinner.status = messages.getMessage(`phase.${(phase = progress.phase)}`);
        },
      }),
    ).catch((error: unknown) => {
      this.spinner.stop(messages.getMessage('phase.failed'));
      throw error;
    });
    this.spinner.stop();

    this.logSuccess(messages.getMessage('info.created', [result.handoverId, result.departing.username]));
    this.table({
      data: Object.entries(result.counts).map(([object, count]) => ({ object, count })),
      title: messages.getMessage('info.counts'),
    });
    this.table({
      data: result.successors.map((s) => ({
        successor: s.username,
        accounts: s.accountCount,
        items: s.itemCount,
        revenue: s.revenue,
      })),
      title: messages.getMessage('info.successors'),
    });
    const keyAccounts = result.keyAccounts;
    if (keyAccounts.length > 0) {
      const names = keyAccounts
        .slice(0, TOP_KEY_ACCOUNTS)
        .map((a) => a.name)
        .join(', ');
      this.log(
        keyAccounts.length > TOP_KEY_ACCOUNTS
          ? messages.getMessage('info.keyAccountsMore', [
              keyAccounts.length,
              names,
              keyAccounts.length - TOP_KEY_ACCOUNTS,
            ])
          : messages.getMessage('info.keyAccounts', [keyAccounts.length, names]),
      );
    }
    const { completeness, deadlines } = result;
    this.log(messages.getMessage('info.completeness', [completeness.score, completeness.passed, completeness.checked]));
    for (const gap of completeness.gaps.slice(0, TOP_GAPS)) {
      this.log(messages.getMessage('info.gap', [gap.severity, gap.message]));
    }
    if (completeness.gaps.length > TOP_GAPS) {
      this.log(messages.getMessage('info.moreGaps', [completeness.gaps.length - TOP_GAPS]));
    }
    this.log(
      messages.getMessage('info.deadlines', [
        flags['last-day'],
        deadlines.businessDaysUntilLastDay,
        deadlines.reviewDue,
        deadlines.transitionEnd,
      ]),
    );
    for (const warning of result.warnings) this.warn(warning.message);
    this.log(messages.getMessage('info.next', [result.handoverId]));
    return result;
  }
}
