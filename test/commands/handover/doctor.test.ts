import { Config } from '@oclif/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { stubSfCommandUx } from '@salesforce/sf-plugins-core';
import HandoverDoctor from '../../../src/commands/handover/doctor.js';

describe('handover doctor', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let config: Config;
  let requests: string[];

  beforeAll(async () => {
    config = await Config.load({ root: process.cwd() });
  });

  beforeEach(async () => {
    $$.stubAliases({});
    stubSfCommandUx($$.SANDBOX);
    requests = [];
    await $$.stubAuths(testOrg);
  });

  afterEach(() => $$.restore());

  function answerDescribeGlobal(names: string[]): void {
    $$.fakeConnectionRequest = (request) => {
      const url = typeof request === 'string' ? request : (request as { url: string }).url;
      requests.push(url);
      if (url.endsWith('/sobjects')) {
        return Promise.resolve({ encoding: 'UTF-8', maxBatchSize: 200, sobjects: names.map((name) => ({ name })) });
      }
      return Promise.reject(new Error(`unexpected request ${url}`));
    };
  }

  it('reports the Node version without an org', async () => {
    const result = await HandoverDoctor.run([], config);
    expect(result.node.version).toBe(process.versions.node);
    expect(result.node.supported).toBe(true);
    expect(result.org).toBeUndefined();
  });

  it('reports the Handover objects as deployed when describeGlobal lists them', async () => {
    answerDescribeGlobal([
      'Account',
      'Handover__c',
      'Handover_Item__c',
      'Handover_Contact__c',
      'Handover_Signature__c',
      'Handover_Event__c',
    ]);
    const result = await HandoverDoctor.run(['--target-org', testOrg.username, '--api-version', '62.0'], config);
    expect(result.org?.apiVersion).toBe('62.0');
    expect(result.org?.handoverDeployed).toBe(true);
    expect(result.org?.objects).toHaveLength(5);
    // One describeGlobal call at the requested version answers for all five objects.
    expect(requests.filter((url) => url.endsWith('/sobjects'))).toEqual([
      expect.stringMatching(/\/services\/data\/v62\.0\/sobjects$/),
    ]);
  });

  it('lists the missing objects and warns when Handover is not deployed', async () => {
    answerDescribeGlobal(['Account', 'Handover__c']);
    const result = await HandoverDoctor.run(['--target-org', testOrg.username, '--api-version', '62.0'], config);
    expect(result.org?.handoverDeployed).toBe(false);
    expect(result.org?.objects.filter((o) => !o.deployed).map((o) => o.name)).toEqual([
      'Handover_Item__c',
      'Handover_Contact__c',
      'Handover_Signature__c',
      'Handover_Event__c',
    ]);
  });
});
