import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { callService } from '../../cli/errors.js';
import { handoverFlag, orgFlags, sharedMessages } from '../../cli/flags.js';
import { usernamesOf } from '../../cli/runs.js';
import { services } from '../../cli/services.js';
import { loadMessages } from '../../messages.js';
import type { SignoffResult } from '../../salesforce/service/index.js';

const messages = loadMessages('handover.sign');

export type HandoverSignResult = SignoffResult;

export default class HandoverSign extends SfCommand<HandoverSignResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...orgFlags,
    handover: handoverFlag,
    comment: Flags.string({ summary: messages.getMessage('flags.comment.summary') }),
  };

  public async run(): Promise<HandoverSignResult> {
    const { flags } = await this.parse(HandoverSign);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const result = await callService(() =>
      services.sign(conn, {
        handoverId: flags.handover,
        ...(flags.comment === undefined ? {} : { comment: flags.comment }),
      }),
    );
    const role = result.role === 'departing' ? messages.getMessage('role.departing') : result.role;
    this.logSuccess(messages.getMessage('info.signed', [result.handoverId, role]));
    this.log(messages.getMessage('info.hash', [result.contentHash]));
    this.log(messages.getMessage('info.status', [result.previousStatus, result.status]));
    const missing = result.missingSuccessors;
    // Usernames say more to the signer than Ids (the --json result keeps the Ids).
    const username = await usernamesOf(conn, missing, this.jsonEnabled());
    this.log(
      messages.getMessage('info.missing', [
        missing.length === 0 ? sharedMessages.getMessage('info.none') : missing.map(username).join(', '),
      ]),
    );
    return result;
  }
}
