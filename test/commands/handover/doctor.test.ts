import { Config } from '@oclif/core';
import type { AnyJson } from '@salesforce/ts-types';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { stubSfCommandUx } from '@salesforce/sf-plugins-core';
import HandoverDoctor from '../../../src/commands/handover/doctor.js';
import { REQUIRED_FIELDS } from '../../../src/salesforce/doctor.js';

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

describe('handover doctor: fields and permissions', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let config: Config;
  const USER_ID = '005000000000009AAA';
  const PROFILE_ID = '00e000000000001AAA';
  const MANAGER_SET = '0PS000000000001AAA';
  const ALL = [
    'Handover__c',
    'Handover_Item__c',
    'Handover_Contact__c',
    'Handover_Signature__c',
    'Handover_Event__c',
    'Profile',
    'PermissionSet',
    'PermissionSetAssignment',
    'User',
  ];
  const PERMISSION_FIELDS = ['PermissionsTransferAnyEntity', 'PermissionsModifyAllData', 'PermissionsViewAllData'];

  type Org = {
    objects?: string[];
    fieldsOf?: (object: string) => readonly string[];
    handoverSets?: { Id: string; Name: string }[];
    assignments?: string[];
    profile?: Record<string, AnyJson>;
    sets?: Record<string, AnyJson>[];
    refuse?: RegExp;
  };

  beforeAll(async () => {
    config = await Config.load({ root: process.cwd() });
  });
  beforeEach(async () => {
    $$.stubAliases({});
    stubSfCommandUx($$.SANDBOX);
    await $$.stubAuths(testOrg);
  });
  afterEach(() => $$.restore());

  function fakeOrg(org: Org): void {
    const objects = org.objects ?? ALL;
    const fieldsOf =
      org.fieldsOf ??
      ((object: string) => REQUIRED_FIELDS[object as keyof typeof REQUIRED_FIELDS] ?? PERMISSION_FIELDS);
    const records = (rows: AnyJson[]) => ({ totalSize: rows.length, done: true, records: rows });
    $$.fakeConnectionRequest = (request) => {
      const url = decodeURIComponent(typeof request === 'string' ? request : (request as { url: string }).url);
      if (org.refuse?.test(url)) {
        return Promise.reject(Object.assign(new Error('sObject type is not supported'), { errorCode: 'INVALID_TYPE' }));
      }
      if (url.endsWith('/sobjects')) return Promise.resolve({ sobjects: objects.map((name) => ({ name })) });
      const described = /\/sobjects\/(\w+)\/describe/.exec(url);
      if (described?.[1]) {
        return Promise.resolve({
          name: described[1],
          fields: ['Id', 'Name', ...fieldsOf(described[1])].map((name) => ({ name, type: 'string' })),
        });
      }
      if (/\/services\/data\/v[\d.]+$/.test(url)) return Promise.resolve({ identity: `https://x/id/00D/${USER_ID}` });
      const soql = /[?&]q=(.*)$/.exec(url)?.[1]?.replace(/\+/g, ' ') ?? '';
      if (soql.includes('FROM PermissionSetAssignment')) {
        return Promise.resolve(records((org.assignments ?? []).map((PermissionSetId) => ({ PermissionSetId }))));
      }
      if (soql.includes('FROM PermissionSet WHERE Name IN')) return Promise.resolve(records(org.handoverSets ?? []));
      if (soql.includes('FROM PermissionSet WHERE Id IN')) return Promise.resolve(records(org.sets ?? []));
      if (soql.includes('FROM User')) return Promise.resolve(records([{ ProfileId: PROFILE_ID }]));
      if (soql.includes('FROM Profile'))
        return Promise.resolve(records([{ Id: PROFILE_ID, Name: 'Standard User', ...org.profile }]));
      return Promise.reject(new Error(`unexpected request ${url}`));
    };
  }

  const run = () => HandoverDoctor.run(['--target-org', testOrg.username, '--api-version', '62.0'], config);
  const statuses = (checks: { id: string; status: string }[] | undefined) =>
    Object.fromEntries((checks ?? []).map((c) => [c.id, c.status]));

  it('passes every check when the fields are deployed, a permission set is assigned and Transfer Record granted', async () => {
    fakeOrg({
      handoverSets: [
        { Id: MANAGER_SET, Name: 'Handover_Manager' },
        { Id: '0PS000000000002AAA', Name: 'Handover_User' },
      ],
      assignments: [MANAGER_SET],
      sets: [{ Id: MANAGER_SET, Name: 'Handover_Manager', PermissionsTransferAnyEntity: true }],
      profile: { PermissionsTransferAnyEntity: false, PermissionsModifyAllData: false, PermissionsViewAllData: false },
    });
    const result = await run();
    expect(result.org).toMatchObject({ handoverDeployed: true, fieldsDeployed: true });
    expect(result.org?.permissions.permissionSets).toEqual([
      { name: 'Handover_Manager', exists: true, assigned: true },
      { name: 'Handover_User', exists: true, assigned: false },
    ]);
    expect(result.org?.permissions.system.find((s) => s.key === 'transferRecord')).toMatchObject({
      granted: true,
      via: ['Handover_Manager'],
    });
    expect(statuses(result.checks)).toEqual({
      objects: 'ok',
      fields: 'ok',
      permissionSets: 'ok',
      transferRecord: 'ok',
      modifyAllData: 'info',
      viewAllData: 'info',
    });
    expect(result.checks?.filter((c) => c.status === 'failed')).toEqual([]);
  });

  it('fails missing fields and unassigned permission sets, each with what to deploy or assign', async () => {
    fakeOrg({
      fieldsOf: (object) =>
        object === 'Handover__c'
          ? REQUIRED_FIELDS.Handover__c.filter((f) => f !== 'Summary__c' && f !== 'Content_Hash__c')
          : (REQUIRED_FIELDS[object as keyof typeof REQUIRED_FIELDS] ?? PERMISSION_FIELDS),
      handoverSets: [],
      profile: { PermissionsTransferAnyEntity: false, PermissionsModifyAllData: false, PermissionsViewAllData: false },
    });
    const result = await run();
    expect(result.org?.fieldsDeployed).toBe(false);
    expect(result.org?.objects[0]?.missingFields).toEqual(['Content_Hash__c', 'Summary__c']);
    const byId = Object.fromEntries((result.checks ?? []).map((c) => [c.id, c]));
    expect(byId.fields).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('Handover__c.Content_Hash__c, Handover__c.Summary__c'),
      actions: [
        expect.stringContaining(`sf project deploy start --source-dir force-app --target-org ${testOrg.username}`),
        expect.any(String),
      ],
    });
    expect(byId.permissionSets).toMatchObject({
      status: 'failed',
      actions: [
        expect.stringContaining('sf project deploy start'),
        expect.stringContaining('sf org assign permset --name Handover_User'),
      ],
    });
    expect(byId.transferRecord).toMatchObject({
      status: 'failed',
      actions: [expect.stringContaining('Transfer Record')],
    });
    for (const check of result.checks ?? [])
      if (check.status === 'failed') expect(check.actions.length).toBeGreaterThan(0);
  });

  it('reports unknown, with a next step, what the org does not let the user read', async () => {
    fakeOrg({
      objects: ALL.filter((o) => o !== 'PermissionSetAssignment'),
      handoverSets: [{ Id: MANAGER_SET, Name: 'Handover_Manager' }],
      refuse: /FROM\+?\s?Profile|Profile\/describe/,
    });
    const result = await run();
    expect(result.org?.permissions.permissionSets).toEqual([
      { name: 'Handover_Manager', exists: true, assigned: null },
      { name: 'Handover_User', exists: false, assigned: false },
    ]);
    expect(result.org?.permissions.system.every((s) => s.granted === null)).toBe(true);
    expect(result.org?.permissions.unknown.map((u) => u.what)).toEqual(
      expect.arrayContaining(['PermissionSetAssignment', 'Profile']),
    );
    expect(statuses(result.checks)).toMatchObject({
      objects: 'ok',
      fields: 'ok',
      permissionSets: 'unknown',
      transferRecord: 'unknown',
      viewAllData: 'unknown',
    });
    expect(result.checks?.find((c) => c.id === 'transferRecord')?.actions).toEqual([
      expect.stringContaining('Ask your admin'),
    ]);
  });
});
