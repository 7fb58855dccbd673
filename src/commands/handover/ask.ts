import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { callService } from '../../cli/errors.js';
import { handoverFlag, orgFlags } from '../../cli/flags.js';
import { services } from '../../cli/services.js';
import { loadMessages } from '../../messages.js';
import type { QaResult } from '../../salesforce/service/index.js';

const messages = loadMessages('handover.ask');

export type HandoverAskResult = QaResult;

export default class HandoverAsk extends SfCommand<HandoverAskResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...orgFlags,
    handover: handoverFlag,
    question: Flags.string({ summary: messages.getMessage('flags.question.summary'), required: true }),
    record: Flags.string({ summary: messages.getMessage('flags.record.summary') }),
  };

  public async run(): Promise<HandoverAskResult> {
    const { flags } = await this.parse(HandoverAsk);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const result = await callService(() =>
      services.ask(conn, {
        handoverId: flags.handover,
        question: flags.question,
        ...(flags.record === undefined ? {} : { recordId: flags.record }),
      }),
    );
    this.logSuccess(messages.getMessage('info.asked', [result.itemId]));
    return result;
  }
}
