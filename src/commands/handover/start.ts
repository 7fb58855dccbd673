import { readFileSync } from 'node:fs';
import { SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { callService } from '../../cli/errors.js';
import { orgFlags } from '../../cli/flags.js';
import { services } from '../../cli/services.js';
import { showStatus } from '../../cli/spinner.js';
import { loadMessages } from '../../messages.js';
import { parseSplitFile, type SplitFileProblem } from '../../core/splitFile.js';
import type { StartInput, StartResult } from '../../salesforce/service/index.js';

const messages = loadMessages('handover.start');

export type HandoverStartResult = StartResult;

const REASONS = ['resignation', 'transfer', 'leave', 'other'] as const;
const REASON_VALUES = { resignation: 'Resignation', transfer: 'Transfer', leave: 'Leave', other: 'Other' } as const;

/** A split file larger than this is refused before it is read (a book of 100,000 accounts fits). */
const MAX_SPLIT_FILE_BYTES = 5 * 1024 * 1024;

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
      options: ['even', 'single', 'by-file'] as const,
      default: 'even',
    })(),
    'split-file': Flags.file({ summary: messages.getMessage('flags.split-file.summary'), exists: true }),
    'last-day': Flags.string({ summary: messages.getMessage('flags.last-day.summary'), required: true }),
    reason: Flags.option({
      summary: messages.getMessage('flags.reason.summary'),
      options: REASONS,
      default: 'resignation',
    })(),
  };

  public async run(): Promise<HandoverStartResult> {
    const { flags } = await this.parse(HandoverStart);
    const split = splitOf(flags.split, flags['split-file']);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    let phase = '';
    const action = messages.getMessage('info.starting', [flags.user]);
    this.spinner.start(action);
    const result = await callService(() =>
      services.startHandover(conn, {
        departing: flags.user,
        successors: flags.successor,
        split,
        lastWorkingDay: flags['last-day'],
        reason: REASON_VALUES[flags.reason],
        onProgress: (progress) => {
          // One status per phase: the per-object read steps would flood a non-interactive terminal.
          // The spinner's stop says "done".
          if (progress.phase !== phase && progress.phase !== 'done')
            showStatus(this.spinner, action, messages.getMessage(`phase.${(phase = progress.phase)}`));
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
        // Grouped digits: a sum of annual revenues runs to billions.
        revenue: s.revenue.toLocaleString('en-US'),
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
    this.log(messages.getMessage('info.next', [result.handoverId, result.handoverId]));
    return result;
  }
}

/** The split to ask for: even or single as named, by-file from the CSV (refused here when it is not usable). */
function splitOf(kind: 'even' | 'single' | 'by-file', file: string | undefined): StartInput['split'] {
  if (kind !== 'by-file') {
    if (file !== undefined) throw splitFileError('error.splitFileUnused', [kind], 'SPLIT_FILE_UNUSED');
    return { kind };
  }
  if (file === undefined) throw splitFileError('error.splitFileMissing', [], 'SPLIT_FILE_MISSING');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw splitFileError('error.splitFileUnreadable', [file, error instanceof Error ? error.message : String(error)]);
  }
  if (bytes.length > MAX_SPLIT_FILE_BYTES) {
    throw splitFileError('error.splitFileTooLarge', [file, bytes.length, MAX_SPLIT_FILE_BYTES]);
  }
  const parsed = parseSplitFile(bytes);
  if (!parsed.ok) {
    const [first] = parsed.problems;
    const more = parsed.problems.length - 1;
    const error = splitFileError('error.splitFileInvalid', [
      file,
      first === undefined ? '' : problemText(first),
      more > 0 ? messages.getMessage('error.splitFileMore', [more]) : '',
    ]);
    error.setData({ file, problems: parsed.problems });
    throw error;
  }
  return { kind: 'manual', assignments: parsed.assignments };
}

function problemText(problem: SplitFileProblem): string {
  switch (problem.code) {
    case 'EMPTY':
    case 'NOT_TEXT':
    case 'NO_ROWS':
      return messages.getMessage(`splitFile.${problem.code}`);
    case 'BAD_CSV':
      return messages.getMessage(`splitFile.BAD_CSV.${problem.problem}`, [problem.line]);
    case 'BAD_HEADER':
      return messages.getMessage('splitFile.BAD_HEADER', [problem.header.join(', ')]);
    case 'MISSING_VALUE':
      return messages.getMessage(`splitFile.MISSING_VALUE.${problem.column}`, [problem.row]);
    case 'BAD_ACCOUNT_ID':
    case 'DUPLICATE_ACCOUNT':
      return messages.getMessage(`splitFile.${problem.code}`, [problem.row, problem.value]);
  }
}

function splitFileError(key: string, tokens: (string | number)[], name = 'SPLIT_FILE_INVALID'): SfError {
  return new SfError(messages.getMessage(key, tokens), name, [...messages.getMessages(`${key}.actions`)], 1);
}
