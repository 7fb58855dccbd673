import { SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { callService } from '../../cli/errors.js';
import { handoverFlag, orgFlags } from '../../cli/flags.js';
import { services } from '../../cli/services.js';
import { loadMessages } from '../../messages.js';
import type { SignoffResult } from '../../salesforce/service/index.js';

const messages = loadMessages('handover.approve');

export type HandoverApproveResult = SignoffResult;

export default class HandoverApprove extends SfCommand<HandoverApproveResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...orgFlags,
    handover: handoverFlag,
    'override-reason': Flags.string({ summary: messages.getMessage('flags.override-reason.summary') }),
    'no-prompt': Flags.boolean({ char: 'p', summary: messages.getMessage('flags.no-prompt.summary') }),
  };

  public async run(): Promise<HandoverApproveResult> {
    const { flags } = await this.parse(HandoverApprove);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const handoverId = flags.handover;
    // Never prompt in --json mode.
    if (!flags['no-prompt'] && !this.jsonEnabled()) {
      const view = await callService(() => services.getHandover(conn, { handoverId }));
      const { header } = view.handover;
      const ok = await this.confirm({
        message: messages.getMessage('prompt.confirm', [header.name ?? header.id, header.status, view.contentHash]),
      });
      if (!ok) {
        throw new SfError(messages.getMessage('error.declined'), 'APPROVAL_DECLINED', [
          messages.getMessage('error.declined.action'),
        ]);
      }
    }
    const result = await callService(() =>
      services.approve(conn, {
        handoverId,
        ...(flags['override-reason'] === undefined ? {} : { overrideReason: flags['override-reason'] }),
      }),
    );
    this.logSuccess(messages.getMessage('info.approved', [result.handoverId, result.status]));
    this.log(messages.getMessage('info.hash', [result.contentHash]));
    if (result.unconfirmedItemIds.length > 0) {
      this.warn(messages.getMessage('warn.unconfirmed', [result.unconfirmedItemIds.length]));
    }
    return result;
  }
}
