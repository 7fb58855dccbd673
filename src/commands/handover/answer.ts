import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { callService } from '../../cli/errors.js';
import { handoverFlag, orgFlags } from '../../cli/flags.js';
import { services } from '../../cli/services.js';
import { loadMessages } from '../../messages.js';
import type { QaResult } from '../../salesforce/service/index.js';

const messages = loadMessages('handover.answer');

export type HandoverAnswerResult = QaResult;

export default class HandoverAnswer extends SfCommand<HandoverAnswerResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...orgFlags,
    handover: handoverFlag,
    item: Flags.string({ summary: messages.getMessage('flags.item.summary'), required: true }),
    answer: Flags.string({ summary: messages.getMessage('flags.answer.summary'), required: true }),
  };

  public async run(): Promise<HandoverAnswerResult> {
    const { flags } = await this.parse(HandoverAnswer);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const result = await callService(() =>
      services.answer(conn, { handoverId: flags.handover, itemId: flags.item, answer: flags.answer }),
    );
    this.logSuccess(messages.getMessage('info.answered', [result.itemId]));
    return result;
  }
}
