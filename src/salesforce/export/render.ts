/** The export as files, in one of three formats (pure: the caller writes them). */
import { toCsv } from '../../core/csv.js';
import { renderHtml, type HtmlLabels } from './html.js';
import { EXPORT_VERSION, type ExportData, type ExportFile, type ExportFormat } from './model.js';
import { exportTables, isCurrent } from './tables.js';

/** "handover-HO-0001": the stem of every file name (only letters, digits, '.', '_' and '-'). */
export function baseName(data: ExportData): string {
  const h = data.handover.header;
  return `handover-${(h.name ?? h.id).replace(/[^A-Za-z0-9._-]+/g, '_')}`;
}

/** The JSON document: the handover, the signatures marked current or stale, the chain, the CRM data. */
export function exportDocument(data: ExportData): Record<string, unknown> {
  const { handover } = data;
  return {
    format: 'handover-export',
    version: EXPORT_VERSION,
    exportedAt: data.exportedAt,
    exportedBy: data.exportedBy,
    role: data.role,
    contentHash: data.contentHash,
    header: handover.header,
    items: handover.items,
    contactNotes: handover.contactNotes,
    signatures: handover.signatures.map((s) => ({ ...s, current: isCurrent(data, s.contentHash) })),
    audit: { chain: data.chain, events: handover.events },
    users: data.users,
    crm: data.crm,
  };
}

function recordCount(data: ExportData): number {
  const { handover } = data;
  return (
    1 +
    handover.items.length +
    handover.contactNotes.length +
    handover.signatures.length +
    handover.events.length +
    Object.values(data.crm).reduce((n, rows: readonly unknown[]) => n + rows.length, 0)
  );
}

/** json: one file; csv: one file per table; html: one page (needs `labels`). */
export function renderExport(data: ExportData, format: ExportFormat, labels: HtmlLabels): ExportFile[] {
  const base = baseName(data);
  switch (format) {
    case 'json':
      return [
        {
          name: `${base}.json`,
          content: `${JSON.stringify(exportDocument(data), null, 2)}\n`,
          rows: recordCount(data),
        },
      ];
    case 'csv':
      return exportTables(data).map((t) => ({
        name: `${base}-${t.name}.csv`,
        content: toCsv(t.columns, t.rows),
        rows: t.rows.length,
      }));
    case 'html': {
      const { handover } = data;
      const rows =
        1 + handover.items.length + handover.contactNotes.length + handover.signatures.length + handover.events.length;
      return [{ name: `${base}.html`, content: renderHtml(data, labels), rows }];
    }
  }
}
