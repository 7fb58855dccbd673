/** `handover export`: gather (collect.ts), render (pure: tables, csv, html, render.ts), write (write.ts). */
export { collectExport, crmTables, userIdsOf, type CollectInput } from './collect.js';
export { escapeHtml, HTML_LABEL_KEYS, renderHtml, type HtmlLabelKey, type HtmlLabels } from './html.js';
export {
  EXPORT_FORMATS,
  EXPORT_VERSION,
  type CrmTables,
  type ExportData,
  type ExportFile,
  type ExportFormat,
  type ExportUser,
} from './model.js';
export { baseName, exportDocument, renderExport } from './render.js';
export { exportTables, type ExportTable } from './tables.js';
export { writeExportFiles, type WriteOutcome, type WrittenFile } from './write.js';
