import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { loadMessages } from '../../messages.js';
import { checkNode, checkOrg, type NodeCheck, type OrgCheck } from '../../salesforce/doctor.js';

const messages = loadMessages('handover.doctor');

export type HandoverDoctorResult = {
  node: NodeCheck;
  org?: OrgCheck;
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
    if (!result.handoverDeployed) {
      this.warn(messages.createWarning('warn.notDeployed'));
    }
    return { node, org: result };
  }

  private status(ok: boolean, failKey = 'status.unsupported'): string {
    return messages.getMessage(ok ? 'status.ok' : failKey);
  }
}
