import { SfCommand } from '@salesforce/sf-plugins-core';
import { callService } from '../../cli/errors.js';
import { handoverFlag, orgFlags } from '../../cli/flags.js';
import { EXCEPTIONS_SHOWN, printTable } from '../../cli/runOutput.js';
import { usernamesOf } from '../../cli/runs.js';
import { services } from '../../cli/services.js';
import type { ExceptionKind, VerifyReport } from '../../core/reassign/index.js';
import { loadMessages } from '../../messages.js';
import type { OrgConnection } from '../../salesforce/connection.js';
import type { VerifyResult } from '../../salesforce/reassign/index.js';

const messages = loadMessages('handover.verify');

export type HandoverVerifyResult = VerifyResult;

export default class HandoverVerify extends SfCommand<HandoverVerifyResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...orgFlags,
    handover: handoverFlag,
  };

  public async run(): Promise<HandoverVerifyResult> {
    const { flags } = await this.parse(HandoverVerify);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    this.spinner.start(messages.getMessage('info.reading', [flags.handover]));
    const result = await callService(() => services.verifyHandover(conn, flags.handover, {})).catch(
      (error: unknown) => {
        this.spinner.stop(messages.getMessage('info.failed'));
        throw error;
      },
    );
    this.spinner.stop();
    const { report } = result;
    this.log(
      messages.getMessage('info.header', [
        result.handoverId,
        result.status,
        messages.getMessage(report.ok ? 'value.ok' : 'value.notOk'),
        report.transferred,
        report.checked,
        report.leftWithDeparting,
      ]),
    );
    printTable(
      this,
      messages.getMessage('title.objects'),
      Object.entries(report.perObject).map(([object, o]) => ({
        object,
        checked: o.checked,
        transferred: o.transferred,
        leftWithDeparting: o.leftWithDeparting,
      })),
    );
    await this.printExceptions(report, conn);
    if (report.ok) {
      this.logSuccess(messages.getMessage('info.ok', [result.handoverId]));
    } else {
      this.warn(
        messages.createWarning('warn.notOk', [result.handoverId, report.leftWithDeparting], [result.handoverId]),
      );
      process.exitCode = 1;
    }
    return result;
  }

  /** Every kind of exception with its count and reason, then the first exceptions themselves (owners by username). */
  private async printExceptions(report: VerifyReport, conn: OrgConnection): Promise<void> {
    const kinds = (Object.entries(report.counts) as [ExceptionKind, number][]).filter(([, count]) => count > 0);
    if (kinds.length === 0) {
      this.log(messages.getMessage('info.noExceptions'));
      return;
    }
    this.table({
      title: messages.getMessage('title.kinds'),
      data: kinds.map(([kind, count]) => ({ kind, count, reason: messages.getMessage(`kind.${kind}`) })),
    });
    const shown = report.exceptions.slice(0, EXCEPTIONS_SHOWN);
    const owners = shown.flatMap((e) => (e.currentOwnerId === null ? [] : [e.currentOwnerId]));
    const username = await usernamesOf(conn, owners, this.jsonEnabled());
    this.table({
      title: messages.getMessage('title.exceptions', [shown.length, report.exceptions.length]),
      data: shown.map((e) => ({
        kind: e.kind,
        object: e.objectType,
        record: e.recordId,
        owner: e.currentOwnerId === null ? '' : username(e.currentOwnerId),
        message: e.message,
      })),
    });
    if (report.exceptions.length > shown.length) {
      this.log(messages.getMessage('info.more', [report.exceptions.length - shown.length]));
    }
  }
}
