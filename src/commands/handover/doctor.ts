import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { loadMessages } from '../../messages.js';
import {
  checkNode,
  checkOrg,
  verdicts,
  type CheckId,
  type CheckStatus,
  type NodeCheck,
  type OrgCheck,
} from '../../salesforce/doctor.js';

const messages = loadMessages('handover.doctor');

/** One check of the org, as printed: what was found and, when it failed, what to do. */
export type DoctorCheck = { id: CheckId; status: CheckStatus; message: string; actions: string[] };

export type HandoverDoctorResult = {
  node: NodeCheck;
  org?: OrgCheck;
  /** With --target-org: every check of the org, in order. */
  checks?: DoctorCheck[];
};

export default class HandoverDoctor extends SfCommand<HandoverDoctorResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.optionalOrg({ summary: messages.getMessage('flags.target-org.summary') }),
    'api-version': Flags.orgApiVersion({ summary: messages.getMessage('flags.api-version.summary') }),
  };

  public async run(): Promise<HandoverDoctorResult> {
    const { flags } = await this.parse(HandoverDoctor);
    const node = checkNode();
    this.log(messages.getMessage('info.node', [node.version, node.required, this.status(node.supported)]));
    if (!node.supported) this.warn(messages.getMessage('warn.node', [node.version, node.required]));

    const org = flags['target-org'];
    if (!org) return { node };
    const result = await checkOrg(org.getConnection(flags['api-version']));
    this.log(messages.getMessage('info.org', [result.instanceUrl, result.username ?? '', result.apiVersion]));
    for (const object of result.objects) {
      this.log(messages.getMessage('info.object', [object.name, this.status(object.deployed, 'status.missing')]));
    }
    const target = result.username ?? org.getUsername() ?? '<alias>';
    const checks = verdicts(result).map((v): DoctorCheck => {
      const key = `check.${v.id}.${v.reason}`;
      const actionsKey = `${key}.actions`;
      return {
        id: v.id,
        status: v.status,
        message: messages.getMessage(key, [v.details.join(', ')]),
        actions: messages.messages.has(actionsKey) ? messages.getMessages(actionsKey, [target, target]) : [],
      };
    });
    for (const check of checks) {
      this.log(messages.getMessage('info.check', [messages.getMessage(`status.${check.status}`), check.message]));
      for (const action of check.actions) this.log(messages.getMessage('info.action', [action]));
    }
    if (!result.handoverDeployed) {
      this.warn(messages.createWarning('warn.notDeployed'));
    }
    return { node, org: result, checks };
  }

  private status(ok: boolean, failKey = 'status.unsupported'): string {
    return messages.getMessage(ok ? 'status.ok' : failKey);
  }
}
