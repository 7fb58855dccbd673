import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { callService } from '../../cli/errors.js';
import { handoverFlag, orgFlags } from '../../cli/flags.js';
import { services } from '../../cli/services.js';
import { CONTACT_CHANNELS, CONTACT_DECISION_ROLES, CONTACT_STANCES } from '../../core/sobjects.js';
import { loadMessages } from '../../messages.js';
import type { EditResult } from '../../salesforce/service/index.js';

const messages = loadMessages('handover.contact');

export type HandoverContactResult = EditResult;

export default class HandoverContact extends SfCommand<HandoverContactResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...orgFlags,
    handover: handoverFlag,
    contact: Flags.string({ summary: messages.getMessage('flags.contact.summary'), required: true }),
    role: Flags.option({ summary: messages.getMessage('flags.role.summary'), options: CONTACT_DECISION_ROLES })(),
    stance: Flags.option({ summary: messages.getMessage('flags.stance.summary'), options: CONTACT_STANCES })(),
    'cares-about': Flags.string({ summary: messages.getMessage('flags.cares-about.summary') }),
    channel: Flags.option({ summary: messages.getMessage('flags.channel.summary'), options: CONTACT_CHANNELS })(),
    times: Flags.string({ summary: messages.getMessage('flags.times.summary') }),
    avoid: Flags.string({ summary: messages.getMessage('flags.avoid.summary') }),
    'reports-to': Flags.string({ summary: messages.getMessage('flags.reports-to.summary') }),
    notes: Flags.string({ summary: messages.getMessage('flags.notes.summary') }),
    confirm: Flags.boolean({ summary: messages.getMessage('flags.confirm.summary') }),
  };

  public async run(): Promise<HandoverContactResult> {
    const { flags } = await this.parse(HandoverContact);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const given = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
      value === undefined ? {} : ({ [key]: value } as Record<K, V>);
    const result = await callService(() =>
      services.upsertContactNote(conn, {
        handoverId: flags.handover,
        contactId: flags.contact,
        ...given('decisionRole', flags.role),
        ...given('stance', flags.stance),
        ...given('caresAbout', flags['cares-about']),
        ...given('preferredChannel', flags.channel),
        ...given('preferredTimes', flags.times),
        ...given('topicsToAvoid', flags.avoid),
        ...given('reportsToId', flags['reports-to']),
        ...given('notes', flags.notes),
        ...(flags.confirm ? { confirm: true } : {}),
      }),
    );
    this.logSuccess(messages.getMessage('info.saved', [flags.contact]));
    this.log(messages.getMessage('info.status', [result.status, result.unconfirmedItemCount, result.contentHash]));
    if (result.staleSigners.length > 0) this.warn(messages.getMessage('warn.stale', [result.staleSigners.join(', ')]));
    return result;
  }
}
