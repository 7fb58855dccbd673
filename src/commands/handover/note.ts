import { SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { callService } from '../../cli/errors.js';
import { handoverFlag, orgFlags } from '../../cli/flags.js';
import { services } from '../../cli/services.js';
import { loadMessages } from '../../messages.js';
import type { EditResult } from '../../salesforce/service/index.js';

const messages = loadMessages('handover.note');

export type HandoverNoteResult = EditResult;

export default class HandoverNote extends SfCommand<HandoverNoteResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...orgFlags,
    handover: handoverFlag,
    record: Flags.string({ summary: messages.getMessage('flags.record.summary'), exclusive: ['item'] }),
    item: Flags.string({ summary: messages.getMessage('flags.item.summary'), exclusive: ['record'] }),
    notes: Flags.string({ summary: messages.getMessage('flags.notes.summary') }),
    risk: Flags.string({ summary: messages.getMessage('flags.risk.summary') }),
    'next-step': Flags.string({ summary: messages.getMessage('flags.next-step.summary') }),
    confirm: Flags.boolean({ summary: messages.getMessage('flags.confirm.summary') }),
  };

  public async run(): Promise<HandoverNoteResult> {
    const { flags } = await this.parse(HandoverNote);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const handoverId = flags.handover;
    const hasText = flags.notes !== undefined || flags.risk !== undefined || flags['next-step'] !== undefined;
    let result: EditResult;
    if (flags.record === undefined && flags.item === undefined) {
      // Without an item: confirm every item still unconfirmed.
      if (hasText || !flags.confirm) {
        throw new SfError(messages.getMessage('error.noItem'), 'INVALID_INPUT', [
          messages.getMessage('error.noItem.action'),
        ]);
      }
      const view = await callService(() => services.getHandover(conn, { handoverId }));
      if (view.unconfirmedItemIds.length === 0) {
        this.log(messages.getMessage('info.nothingToConfirm'));
        return {
          handoverId: view.handover.header.id,
          changed: false,
          status: view.handover.header.status,
          previousStatus: view.handover.header.status,
          contentHash: view.contentHash,
          previousContentHash: view.contentHash,
          staleSigners: [],
          unconfirmedItemCount: 0,
          insertedItemIds: [],
          insertedContactNoteIds: [],
        };
      }
      result = await callService(() => services.confirmItems(conn, { handoverId, itemIds: view.unconfirmedItemIds }));
      this.logSuccess(messages.getMessage('info.confirmedAll', [view.unconfirmedItemIds.length]));
    } else {
      result = await callService(() =>
        services.addNote(conn, {
          handoverId,
          ...(flags.item === undefined ? {} : { itemId: flags.item }),
          ...(flags.record === undefined ? {} : { recordId: flags.record }),
          ...(flags.notes === undefined ? {} : { notes: flags.notes }),
          ...(flags.risk === undefined ? {} : { riskNotes: flags.risk }),
          ...(flags['next-step'] === undefined ? {} : { nextStep: flags['next-step'] }),
          ...(flags.confirm ? { confirm: true } : {}),
        }),
      );
      this.logSuccess(messages.getMessage('info.saved', [flags.item ?? flags.record ?? '']));
    }
    this.log(messages.getMessage('info.status', [result.status, result.unconfirmedItemCount, result.contentHash]));
    if (result.staleSigners.length > 0) {
      this.warn(messages.getMessage('warn.stale', [result.staleSigners.join(', ')]));
    }
    return result;
  }
}
