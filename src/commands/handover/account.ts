import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { callService } from '../../cli/errors.js';
import { handoverFlag, orgFlags } from '../../cli/flags.js';
import { mapLabels } from '../../cli/pictures.js';
import { usernamesOf } from '../../cli/runs.js';
import { services } from '../../cli/services.js';
import { relationshipMapLines } from '../../core/pictures/relationshipMap.js';
import { loadMessages } from '../../messages.js';
import type { AccountHandoverView } from '../../salesforce/service/index.js';

const messages = loadMessages('handover.account');

export type HandoverAccountResult = AccountHandoverView;

export default class HandoverAccount extends SfCommand<HandoverAccountResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...orgFlags,
    handover: handoverFlag,
    account: Flags.string({ summary: messages.getMessage('flags.account.summary'), required: true }),
  };

  public async run(): Promise<HandoverAccountResult> {
    const { flags } = await this.parse(HandoverAccount);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const view = await callService(() =>
      services.getAccountHandover(conn, { handoverId: flags.handover, accountId: flags.account }),
    );
    const people = [view.successorId, ...view.questions.map((q) => q.askedById)].filter((id) => id !== null);
    const username = await usernamesOf(conn, people, this.jsonEnabled());
    this.log(
      messages.getMessage('info.account', [
        view.accountName,
        view.accountId,
        view.successorId === null ? '-' : username(view.successorId),
        view.reviewed.done,
        view.reviewed.total,
      ]),
    );
    this.table({
      title: messages.getMessage('title.items'),
      data: view.items.map((i) => ({
        category: i.category,
        record: [i.objectType, i.recordName ?? i.recordId].filter((v) => v !== null).join(': '),
        priority: i.priority ?? '',
        due: i.dueDate ?? '',
        risk: i.riskNotes ?? '',
        nextStep: i.nextStep ?? '',
        notes: i.notes ?? '',
        confirmed: i.confirmedByDeparting,
        reviewed: i.reviewedBySuccessor,
      })),
    });
    if (view.questions.length > 0) {
      this.table({
        title: messages.getMessage('title.questions'),
        data: view.questions.map((q) => ({
          question: q.notes ?? '',
          askedBy: q.askedById === null ? '' : username(q.askedById),
          answer: q.answer ?? '',
        })),
      });
    }
    if (view.map === null) this.log(messages.getMessage('info.noMap'));
    else {
      this.styledHeader(messages.getMessage('title.map', [view.map.people.length]));
      for (const line of relationshipMapLines(view.map, mapLabels())) this.log(`  ${line}`);
    }
    if (view.role === 'successor' && view.reviewed.done < view.reviewed.total) {
      this.log(messages.getMessage('info.next', [view.handoverId, view.accountId]));
    }
    return view;
  }
}
