/**
 * The export as one self-contained, printable HTML page for the HR archive: the summary, the
 * checklist, the relationship map, the signatures (signed content hash against the current one), the
 * audit log with its hash-chain status, and the CRM record counts. No script, no external asset; every
 * value from the org is HTML-escaped. The fixed labels come from the caller (bilingual, from the
 * command's messages file). Pure.
 */
import { escapeMarkup } from '../../core/markup.js';
import { barsSvg } from '../../core/pictures/bars.js';
import { relationshipMapSvg, type MapLabels } from '../../core/pictures/relationshipMap.js';
import type { TransferStatus } from '../../core/sobjects.js';
import { id18 } from '../store/ids.js';
import type { ExportData } from './model.js';
import { isCurrent, usernameOf } from './tables.js';

export const HTML_LABEL_KEYS = [
  'title',
  'summary',
  'name',
  'status',
  'departing',
  'manager',
  'successors',
  'lastWorkingDay',
  'reason',
  'completeness',
  'reviewDue',
  'transitionEnd',
  'approvedAt',
  'overrideReason',
  'currentHash',
  'storedHash',
  'contentUnchanged',
  'exportedAt',
  'exportedBy',
  'items',
  'category',
  'record',
  'successor',
  'priority',
  'dueDate',
  'state',
  'notes',
  'risk',
  'nextStep',
  'confirmed',
  'transfer',
  'relationships',
  'contact',
  'decisionRole',
  'stance',
  'caresAbout',
  'channel',
  'reassignment',
  'noSuccessor',
  'statusNot_Planned',
  'statusPending',
  'statusIn_Progress',
  'statusTransferred',
  'statusConflict',
  'statusFailed',
  'statusSkipped',
  'statusRolled_Back',
  'mapOf',
  'decisionMaker',
  'stanceChampion',
  'stanceSupporter',
  'stanceNeutral',
  'stanceSkeptic',
  'stanceOpponent',
  'stanceUnknown',
  'signatures',
  'signer',
  'role',
  'signedAt',
  'signedHash',
  'covers',
  'comment',
  'audit',
  'chainOk',
  'chainBroken',
  'events',
  'time',
  'actor',
  'action',
  'eventHash',
  'previousHash',
  'crm',
  'object',
  'records',
  'crmNote',
  'yes',
  'no',
  'none',
  'footer',
] as const;

export type HtmlLabelKey = (typeof HTML_LABEL_KEYS)[number];
export type HtmlLabels = Readonly<Record<HtmlLabelKey, string>>;

/** Text as HTML: the five special characters escaped (safe in element content and quoted attributes). */
export const escapeHtml = escapeMarkup;

const STYLE = `
:root { color-scheme: light; }
body { font-family: "Segoe UI", "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; font-size: 11pt; color: #181818; margin: 2em; line-height: 1.4; }
h1 { font-size: 18pt; margin: 0 0 .2em; }
h2 { font-size: 14pt; margin: 1.6em 0 .5em; border-bottom: 2px solid #0176d3; padding-bottom: .2em; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 1em; }
th, td { border: 1px solid #c9c9c9; padding: .25em .45em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; font-weight: 600; }
table.kv th { width: 28%; }
.hash { font-family: "SFMono-Regular", Consolas, "Liberation Mono", monospace; font-size: 8.5pt; word-break: break-all; }
.ok { color: #2e844a; font-weight: 600; }
.bad { color: #ba0517; font-weight: 600; }
.muted { color: #5c5c5c; }
footer { margin-top: 2em; font-size: 9pt; color: #5c5c5c; }
figure.map { margin: .6em 0 1.4em; break-inside: avoid; page-break-inside: avoid; }
figure.map figcaption { font-weight: 600; margin-bottom: .3em; }
figure.map svg, figure.bars svg { max-width: 100%; height: auto; }
figure.bars { margin: .4em 0 1em; break-inside: avoid; page-break-inside: avoid; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; font-size: 9.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr, td, th { break-inside: avoid; page-break-inside: avoid; }
  section { break-inside: auto; }
}`;

type Cell = { html: string };

/** Already-escaped markup for a cell. */
function raw(html: string): Cell {
  return { html };
}

type CellValue = Cell | string | number | boolean | null | undefined;

function td(value: CellValue): string {
  return `<td>${isCell(value) ? value.html : escapeHtml(value)}</td>`;
}

function isCell(value: CellValue): value is Cell {
  return typeof value === 'object' && value !== null && 'html' in value;
}

function hash(value: string | null): Cell {
  return raw(`<span class="hash">${escapeHtml(value ?? '')}</span>`);
}

function tableOf(labels: HtmlLabels, headers: readonly string[], rows: readonly (readonly CellValue[])[]): string {
  if (rows.length === 0) return `<p class="muted">${escapeHtml(labels.none)}</p>`;
  const head = `<thead><tr>${headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const body = rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('\n');
  return `<table>${head}<tbody>\n${body}\n</tbody></table>`;
}

function keyValues(pairs: readonly (readonly [string, CellValue])[]): string {
  const rows = pairs.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th>${td(v)}</tr>`).join('\n');
  return `<table class="kv"><tbody>\n${rows}\n</tbody></table>`;
}

function yesNo(labels: HtmlLabels, ok: boolean): Cell {
  return raw(`<span class="${ok ? 'ok' : 'bad'}">${escapeHtml(ok ? labels.yes : labels.no)}</span>`);
}

function person(data: ExportData, id: string | null): string {
  if (id === null) return '';
  const user = data.users[id];
  if (user === undefined) return id;
  return user.name !== null && user.username !== null
    ? `${user.name} (${user.username})`
    : (user.name ?? user.username ?? id);
}

function summary(data: ExportData, l: HtmlLabels): string {
  const h = data.handover.header;
  return keyValues([
    [l.name, h.name ?? h.id],
    [l.status, h.status],
    [l.departing, person(data, h.departingUserId)],
    [l.manager, person(data, h.managerId)],
    [l.successors, h.successorIds.map((id) => person(data, id)).join('; ')],
    [l.lastWorkingDay, h.lastWorkingDay],
    [l.reason, h.reason],
    [l.completeness, h.completeness === null ? '' : `${h.completeness}%`],
    [l.reviewDue, h.reviewDue],
    [l.transitionEnd, h.transitionEnd],
    [l.approvedAt, h.approvedAt],
    [l.overrideReason, h.overrideReason],
    [l.currentHash, hash(data.contentHash)],
    [l.storedHash, hash(h.contentHash)],
    [l.contentUnchanged, yesNo(l, h.contentHash === data.contentHash)],
    [l.exportedAt, data.exportedAt],
    [l.exportedBy, `${person(data, data.exportedBy)} — ${data.role}`],
  ]);
}

function items(data: ExportData, l: HtmlLabels): string {
  return tableOf(
    l,
    [
      l.category,
      l.record,
      l.successor,
      l.priority,
      l.dueDate,
      l.state,
      l.notes,
      l.risk,
      l.nextStep,
      l.confirmed,
      l.transfer,
    ],
    data.handover.items.map((i) => [
      i.category,
      [i.objectType, i.recordName ?? i.recordId].filter((v) => v !== null && v !== '').join(': '),
      usernameOf(data, i.successorId),
      i.priority,
      i.dueDate,
      i.state,
      [i.notes, i.answer === null ? null : `→ ${i.answer}`].filter((v) => v !== null).join('\n'),
      i.riskNotes,
      i.nextStep,
      yesNo(l, i.confirmedByDeparting),
      i.transferStatus,
    ]),
  );
}

/** Where the listed records went: one bar per successor, by transfer status (moved, conflicts, failed, ...). */
function reassignment(data: ExportData, l: HtmlLabels): string {
  const records = data.handover.items.filter((i) => i.recordId !== null);
  if (records.length === 0) return `<p class="muted">${escapeHtml(l.none)}</p>`;
  const bySuccessor = new Map<string, Map<string, number>>();
  for (const item of records) {
    const who = person(data, item.successorId) || l.noSuccessor;
    const counts = bySuccessor.get(who) ?? new Map<string, number>();
    const status = item.transferStatus ?? 'Not_Planned';
    counts.set(status, (counts.get(status) ?? 0) + 1);
    bySuccessor.set(who, counts);
  }
  const styles = TRANSFER_ORDER.map((status) => ({
    key: status,
    label: l[`status${status}`],
    glyph: '',
    color: TRANSFER_COLORS[status],
  }));
  const rows = [...bySuccessor].map(([label, counts]) => ({
    label,
    segments: [...counts].map(([key, value]) => ({ key, value })),
  }));
  return `<figure class="bars">\n${barsSvg(rows, styles, l.reassignment)}\n</figure>`;
}

/** Bar order: what is done first, then what needs a look, then what has not happened yet. */
const TRANSFER_ORDER = [
  'Transferred',
  'Rolled_Back',
  'Skipped',
  'Conflict',
  'Failed',
  'In_Progress',
  'Pending',
  'Not_Planned',
] as const satisfies readonly TransferStatus[];

const TRANSFER_COLORS: Readonly<Record<(typeof TRANSFER_ORDER)[number], string>> = {
  Transferred: '#2e844a',
  Rolled_Back: '#0176d3',
  Skipped: '#9fb5c8',
  Conflict: '#dd7a01',
  Failed: '#ba0517',
  In_Progress: '#fcc003',
  Pending: '#8c8c8c',
  Not_Planned: '#d8d8d8',
};

/** One picture per account (who reports to whom, who decides, who supports us), then every note. */
function relationships(data: ExportData, l: HtmlLabels): string {
  const labels = mapLabels(l);
  const pictures = data.maps.map(
    (map) =>
      `<figure class="map">\n<figcaption>${escapeHtml(map.accountName)}</figcaption>\n${relationshipMapSvg(map, labels)}\n</figure>`,
  );
  const names = new Map(data.maps.flatMap((m) => m.people.map((p) => [p.contactId, p.name] as const)));
  const notes = tableOf(
    l,
    [l.contact, l.decisionRole, l.stance, l.caresAbout, l.channel, l.notes],
    data.handover.contactNotes.map((c) => [
      c.contactId === null ? null : (names.get(id18(c.contactId)) ?? c.contactId),
      c.decisionRole,
      c.stance,
      c.caresAbout,
      [c.preferredChannel, c.preferredTimes].filter((v) => v !== null).join(', '),
      c.notes,
    ]),
  );
  return [...pictures, notes].join('\n');
}

function mapLabels(l: HtmlLabels): MapLabels {
  return {
    title: l.mapOf,
    decisionMaker: l.decisionMaker,
    caresAbout: l.caresAbout,
    stances: {
      Champion: l.stanceChampion,
      Supporter: l.stanceSupporter,
      Neutral: l.stanceNeutral,
      Skeptic: l.stanceSkeptic,
      Opponent: l.stanceOpponent,
      Unknown: l.stanceUnknown,
    },
  };
}

function signatures(data: ExportData, l: HtmlLabels): string {
  return tableOf(
    l,
    [l.signer, l.role, l.signedAt, l.signedHash, l.currentHash, l.covers, l.comment],
    data.handover.signatures.map((s) => [
      person(data, s.signerId),
      s.role,
      s.signedAt,
      hash(s.contentHash),
      hash(data.contentHash),
      yesNo(l, isCurrent(data, s.contentHash)),
      s.comment,
    ]),
  );
}

function audit(data: ExportData, l: HtmlLabels): string {
  const { chain } = data;
  const status = chain.ok
    ? `<p class="ok">${escapeHtml(l.chainOk)} (${chain.eventCount})</p>`
    : `<p class="bad">${escapeHtml(l.chainBroken)}</p><ul>${chain.problems
        .map((p) => `<li>${escapeHtml(p.code)}: ${escapeHtml(p.message)}</li>`)
        .join('')}</ul>`;
  const events = tableOf(
    l,
    [l.time, l.actor, l.action, l.currentHash, l.previousHash, l.eventHash],
    data.handover.events.map((e) => [
      e.occurredAt,
      person(data, e.actorId),
      e.action,
      hash(e.contentHash),
      hash(e.previousEventHash),
      hash(e.eventHash),
    ]),
  );
  return `${status}\n<h3>${escapeHtml(l.events)}</h3>\n${events}`;
}

function crm(data: ExportData, l: HtmlLabels): string {
  const counts = Object.entries(data.crm).map(([object, rows]) => [object, rows.length]);
  return `${tableOf(l, [l.object, l.records], counts)}\n<p class="muted">${escapeHtml(l.crmNote)}</p>`;
}

/** The whole page. */
export function renderHtml(data: ExportData, labels: HtmlLabels): string {
  const h = data.handover.header;
  const title = `${labels.title}: ${h.name ?? h.id}`;
  const section = (heading: string, body: string): string =>
    `<section>\n<h2>${escapeHtml(heading)}</h2>\n${body}\n</section>`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}\n</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    section(labels.summary, summary(data, labels)),
    section(labels.reassignment, reassignment(data, labels)),
    section(labels.items, items(data, labels)),
    section(labels.relationships, relationships(data, labels)),
    section(labels.signatures, signatures(data, labels)),
    section(labels.audit, audit(data, labels)),
    section(labels.crm, crm(data, labels)),
    `<footer>${escapeHtml(labels.footer)} · ${escapeHtml(data.exportedAt)}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
