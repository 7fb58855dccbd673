import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { callService } from '../../cli/errors.js';
import { handoverFlag, orgFlags, sharedMessages } from '../../cli/flags.js';
import { usernamesOf } from '../../cli/runs.js';
import { services } from '../../cli/services.js';
import { loadMessages } from '../../messages.js';
import type { OrgConnection } from '../../salesforce/connection.js';
import type { HandoverView } from '../../salesforce/service/index.js';
import { relationshipMapLines, stanceOf } from '../../core/pictures/relationshipMap.js';
import { mapLabels } from '../../cli/pictures.js';

const messages = loadMessages('handover.show');

export const SECTIONS = ['accounts', 'pending', 'risks', 'relationships', 'gaps', 'signatures', 'events'] as const;
export type Section = (typeof SECTIONS)[number];

export type HandoverShowResult = HandoverView;

export default class HandoverShow extends SfCommand<HandoverShowResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...orgFlags,
    handover: handoverFlag,
    section: Flags.option({ summary: messages.getMessage('flags.section.summary'), options: SECTIONS })(),
  };

  public async run(): Promise<HandoverShowResult> {
    const { flags } = await this.parse(HandoverShow);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const view = await callService(() => services.getHandover(conn, { handoverId: flags.handover }));
    const { header } = view.handover;
    this.log(
      messages.getMessage('info.header', [
        header.name ?? header.id,
        header.id,
        header.status,
        view.role,
        header.lastWorkingDay,
        header.completeness ?? '?',
      ]),
    );
    this.log(messages.getMessage('info.hash', [view.contentHash]));
    if (flags.section === undefined) await this.overview(view, conn);
    else await this.section(view, flags.section, conn);
    for (const warning of view.warnings) this.warn(warning.message);
    return view;
  }

  private async overview(view: HandoverView, conn: OrgConnection): Promise<void> {
    const { items, signatures } = view.handover;
    this.log(
      messages.getMessage('info.overview', [
        items.length,
        view.unconfirmedItemIds.length,
        signatures.length,
        view.validSignatures.length,
        view.staleSignatures.length,
      ]),
    );
    const missing = view.missingSuccessors;
    const username = await usernamesOf(conn, missing, this.jsonEnabled());
    this.log(messages.getMessage('info.missing', [list(missing.map(username))]));
    this.log(messages.getMessage('info.allowed', [list(view.allowedActions)]));
    const review = view.yourReview;
    if (review !== null && review.assigned > 0) {
      this.log(messages.getMessage('info.yourReview', [review.assigned, review.reviewed]));
      if (review.reviewed < review.assigned)
        this.log(messages.getMessage('info.nextReview', [view.handover.header.id]));
    }
    if (!view.log.ok) this.warn(messages.getMessage('warn.log'));
  }

  private async section(view: HandoverView, section: Section, conn: OrgConnection): Promise<void> {
    if (section === 'relationships') return this.relationshipMaps(view, conn);
    const { handover } = view;
    const items = handover.items;
    // The parties by username (successors, signers, actors); anyone else stays an Id, as in --json.
    const { header } = handover;
    const parties = [header.departingUserId, ...header.successorIds, ...(header.managerId ? [header.managerId] : [])];
    const username = await usernamesOf(conn, parties, this.jsonEnabled());
    const user = (id: string | null): string => (id === null ? '' : username(id));
    const itemRow = (i: (typeof items)[number]): Record<string, unknown> => ({
      id: i.id,
      category: i.category,
      record: i.recordName ?? i.recordId ?? '',
      successor: user(i.successorId),
      confirmed: i.confirmedByDeparting,
    });
    const rows: Record<Exclude<Section, 'relationships'>, () => Record<string, unknown>[]> = {
      accounts: () => items.filter((i) => i.objectType === 'Account').map(itemRow),
      pending: () =>
        items
          .filter((i) => (i.category === 'Question' ? i.answer === null : !i.confirmedByDeparting))
          .map((i) => ({ ...itemRow(i), question: i.category === 'Question' ? (i.notes ?? '') : '' })),
      risks: () => items.filter((i) => i.riskNotes !== null).map((i) => ({ ...itemRow(i), risk: i.riskNotes ?? '' })),
      gaps: () =>
        (handover.header.summary?.gaps ?? []).map((g) => ({
          severity: g.severity,
          rule: g.ruleId,
          message: g.message,
        })),
      signatures: () =>
        handover.signatures.map((s) => ({
          signer: user(s.signerId),
          role: s.role,
          signedAt: s.signedAt,
          contentHash: s.contentHash,
          current: s.contentHash === view.contentHash,
        })),
      events: () => handover.events.map((e) => ({ at: e.occurredAt, action: e.action, actor: user(e.actorId) })),
    };
    const data = rows[section]();
    if (data.length === 0) this.log(messages.getMessage('info.empty', [section]));
    else this.table({ data, title: section });
  }

  /** A picture: one reporting tree per account. With --json the notes are in the view, and nothing is read. */
  private async relationshipMaps(view: HandoverView, conn: OrgConnection): Promise<void> {
    if (this.jsonEnabled()) return;
    const maps = await callService(() => services.relationshipMapsOf(conn, view.handover));
    if (maps.length === 0) {
      this.log(messages.getMessage('info.empty', ['relationships']));
      return;
    }
    const labels = mapLabels();
    for (const map of maps) {
      this.log('');
      this.styledHeader(messages.getMessage('map.account', [map.accountName, map.people.length]));
      for (const line of relationshipMapLines(map, labels)) this.log(`  ${line}`);
    }
    // Fresh maps know the reporting lines but not who supports us: say who adds that, and how.
    const unsaid = maps.flatMap((m) => m.people).filter((p) => stanceOf(p) === 'Unknown').length;
    if (unsaid > 0) this.log(messages.getMessage('info.stancesMissing', [unsaid, view.handover.header.id]));
  }
}

function list(values: readonly string[]): string {
  return values.length === 0 ? sharedMessages.getMessage('info.none') : values.join(', ');
}
