import { SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { callService } from '../../cli/errors.js';
import { handoverFlag, orgFlags } from '../../cli/flags.js';
import { services } from '../../cli/services.js';
import { loadMessages } from '../../messages.js';
import {
  EXPORT_FORMATS,
  HTML_LABEL_KEYS,
  renderExport,
  writeExportFiles,
  type ExportFormat,
  type HtmlLabels,
  type WrittenFile,
} from '../../salesforce/export/index.js';

const messages = loadMessages('handover.export');

export type HandoverExportResult = {
  handoverId: string;
  format: ExportFormat;
  /** The handover's content hash now (what a current signature covers). */
  contentHash: string;
  /** Whether the audit log's hash chain verified. */
  chainOk: boolean;
  files: WrittenFile[];
};

/** The bilingual fixed labels of the HTML page, from the messages file. */
export function htmlLabels(): HtmlLabels {
  return Object.fromEntries(HTML_LABEL_KEYS.map((key) => [key, messages.getMessage(`html.${key}`)])) as HtmlLabels;
}

export default class HandoverExport extends SfCommand<HandoverExportResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...orgFlags,
    handover: handoverFlag,
    format: Flags.option({
      summary: messages.getMessage('flags.format.summary'),
      options: EXPORT_FORMATS,
      required: true,
    })(),
    'output-dir': Flags.directory({ summary: messages.getMessage('flags.output-dir.summary'), required: true }),
    force: Flags.boolean({ summary: messages.getMessage('flags.force.summary'), default: false }),
  };

  public async run(): Promise<HandoverExportResult> {
    const { flags } = await this.parse(HandoverExport);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    // Reading a large book takes a while: say what is going on.
    this.spinner.start(messages.getMessage('spinner.reading'));
    let data;
    try {
      data = await callService(() => services.collectExport(conn, { handoverId: flags.handover }));
    } finally {
      this.spinner.stop();
    }
    const files = renderExport(data, flags.format, htmlLabels());
    const outcome = this.write(flags['output-dir'], files, flags.force);
    const { header } = data.handover;
    this.logSuccess(
      messages.getMessage('info.written', [header.name ?? header.id, header.id, flags.format, outcome.length]),
    );
    this.table({
      title: messages.getMessage('info.files'),
      data: outcome.map((f) => ({ path: f.path, bytes: f.bytes, rows: f.rows })),
    });
    this.log(messages.getMessage('info.hash', [data.contentHash]));
    this.log(
      messages.getMessage('info.chain', [
        data.chain.eventCount,
        messages.getMessage(data.chain.ok ? 'info.chainOk' : 'info.chainBroken'),
      ]),
    );
    if (!data.chain.ok) this.warn(messages.getMessage('warn.chain'));
    const stale = data.handover.signatures.filter((s) => s.contentHash !== data.contentHash).length;
    if (stale > 0) this.warn(messages.getMessage('warn.stale', [stale]));
    return {
      handoverId: header.id,
      format: flags.format,
      contentHash: data.contentHash,
      chainOk: data.chain.ok,
      files: outcome,
    };
  }

  private write(dir: string, files: Parameters<typeof writeExportFiles>[1], force: boolean): WrittenFile[] {
    let outcome: ReturnType<typeof writeExportFiles>;
    try {
      outcome = writeExportFiles(dir, files, { force });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SfError(messages.getMessage('error.write', [dir, reason]), 'EXPORT_WRITE_FAILED', [
        ...messages.getMessages('error.write.actions'),
      ]);
    }
    if (!outcome.ok) {
      const error = new SfError(
        messages.getMessage('error.exists', [outcome.existing.length, outcome.existing.join(', ')]),
        'FILES_EXIST',
        [...messages.getMessages('error.exists.actions')],
      );
      error.setData({ existing: outcome.existing });
      throw error;
    }
    return outcome.files;
  }
}
