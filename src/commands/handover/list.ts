import { SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { callService } from '../../cli/errors.js';
import { orgFlags } from '../../cli/flags.js';
import { usernamesOf } from '../../cli/runs.js';
import { services } from '../../cli/services.js';
import { SIGNOFF_STATUSES } from '../../core/signoff.js';
import { loadMessages } from '../../messages.js';
import type { HandoverHeader } from '../../salesforce/store/model.js';
import { isId } from '../../salesforce/store/ids.js';

const messages = loadMessages('handover.list');

export type HandoverListResult = HandoverHeader[];

export default class HandoverList extends SfCommand<HandoverListResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...orgFlags,
    status: Flags.option({
      summary: messages.getMessage('flags.status.summary'),
      options: SIGNOFF_STATUSES,
      multiple: true,
    })(),
    user: Flags.string({ summary: messages.getMessage('flags.user.summary') }),
  };

  public async run(): Promise<HandoverListResult> {
    const { flags } = await this.parse(HandoverList);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    let departingUserId: string | undefined;
    if (flags.user !== undefined) {
      if (isId(flags.user)) departingUserId = flags.user;
      else {
        const user = await callService(() => services.resolveUser(conn, flags.user ?? ''));
        if (user === undefined) {
          throw new SfError(messages.getMessage('error.userNotFound', [flags.user]), 'DEPARTING_NOT_FOUND', [
            messages.getMessage('error.userNotFound.action'),
          ]);
        }
        departingUserId = user.Id;
      }
    }
    const handovers = await callService(() =>
      services.listHandovers(conn, {
        ...(flags.status === undefined ? {} : { status: flags.status }),
        ...(departingUserId === undefined ? {} : { departingUserId }),
      }),
    );
    if (handovers.length === 0) {
      this.log(messages.getMessage('info.none'));
      return handovers;
    }
    const username = await usernamesOf(
      conn,
      handovers.map((h) => h.departingUserId),
      this.jsonEnabled(),
    );
    this.table({
      data: handovers.map((h) => ({
        id: h.id,
        name: h.name ?? '',
        status: h.status,
        departing: username(h.departingUserId),
        lastDay: h.lastWorkingDay,
        successors: h.successorIds.length,
        completeness: h.completeness ?? '',
      })),
    });
    return handovers;
  }
}
