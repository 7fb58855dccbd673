import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { callService } from '../../cli/errors.js';
import { handoverFlag, orgFlags } from '../../cli/flags.js';
import { services } from '../../cli/services.js';
import { loadMessages } from '../../messages.js';
import type { ReviewResult } from '../../salesforce/service/index.js';

const messages = loadMessages('handover.review');

export type HandoverReviewResult = ReviewResult;

const SELECTION = ['item', 'account', 'all'];

export default class HandoverReview extends SfCommand<HandoverReviewResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...orgFlags,
    handover: handoverFlag,
    item: Flags.string({ summary: messages.getMessage('flags.item.summary'), multiple: true, exactlyOne: SELECTION }),
    account: Flags.string({ summary: messages.getMessage('flags.account.summary'), exactlyOne: SELECTION }),
    all: Flags.boolean({ summary: messages.getMessage('flags.all.summary'), exactlyOne: SELECTION }),
    undo: Flags.boolean({ summary: messages.getMessage('flags.undo.summary'), default: false }),
  };

  public async run(): Promise<HandoverReviewResult> {
    const { flags } = await this.parse(HandoverReview);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const result = await callService(() =>
      services.markReviewed(conn, {
        handoverId: flags.handover,
        ...(flags.item === undefined ? {} : { itemIds: flags.item }),
        ...(flags.account === undefined ? {} : { accountId: flags.account }),
        ...(flags.all ? { all: true as const } : {}),
        reviewed: !flags.undo,
      }),
    );
    const changed = result.itemIds.length;
    if (changed === 0) this.log(messages.getMessage('info.unchanged'));
    else this.logSuccess(messages.getMessage(result.reviewed ? 'info.reviewed' : 'info.unreviewed', [changed]));
    return result;
  }
}
