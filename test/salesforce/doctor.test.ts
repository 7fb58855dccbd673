/** The doctor's org checks against a local org built from force-app (demo seed). */
import type jsforce from 'jsforce';
import { checkOrg, verdicts, type DoctorConnection } from '../../src/salesforce/doctor.js';
import { addUserWithProfile, startTestOrg, stopTestOrg, type TestOrg } from '../helpers/localOrg.js';

function doctorConnection(conn: jsforce.Connection, username: string): DoctorConnection {
  return {
    query: (soql) => conn.query(soql),
    queryMore: (locator) => conn.queryMore(locator),
    request: (request) => conn.request(request),
    describe: (type) => conn.describe(type),
    describeGlobal: () => conn.describeGlobal(),
    getApiVersion: () => conn.version,
    getUsername: () => username,
    instanceUrl: conn.instanceUrl,
  };
}

describe('checkOrg (local org)', () => {
  let org: TestOrg;

  beforeAll(async () => {
    org = await startTestOrg({ seed: 'demo' });
  }, 60_000);
  afterAll(() => stopTestOrg(org));

  it('finds every Handover object and field deployed, and reads the admin’s system permissions', async () => {
    const result = await checkOrg(doctorConnection(await org.login(), 'admin@handover.local'));
    expect(result).toMatchObject({ handoverDeployed: true, fieldsDeployed: true, apiVersion: '62.0' });
    expect(result.objects.every((o) => o.fieldsChecked && o.missingFields.length === 0)).toBe(true);
    expect(result.permissions.system).toEqual([
      expect.objectContaining({ key: 'transferRecord', granted: true, via: ['System Administrator'] }),
      expect.objectContaining({ key: 'modifyAllData', granted: true }),
      expect.objectContaining({ key: 'viewAllData', granted: true }),
    ]);
  });

  it('tells a manager with a standard profile what they have and what they lack', async () => {
    const result = await checkOrg(
      doctorConnection(await org.login('manager@handover.local'), 'manager@handover.local'),
    );
    // The local org has no Handover permission sets unless they are created there.
    expect(result.permissions.permissionSets).toEqual([
      { name: 'Handover_Manager', exists: false, assigned: false },
      { name: 'Handover_User', exists: false, assigned: false },
    ]);
    expect(result.permissions.system.map((s) => [s.key, s.granted])).toEqual([
      ['transferRecord', false],
      ['modifyAllData', false],
      ['viewAllData', false],
    ]);
    expect(result.permissions.unknown).toEqual([]);
    // Their profile's own permission set reads and creates every Handover object.
    expect(result.permissions.objectAccess?.every((a) => a.read && a.create)).toBe(true);
    expect(result.permissions.objectAccess).toHaveLength(5);
    expect(verdicts(result).map((v) => [v.id, v.status, v.reason])).toEqual([
      ['objects', 'ok', 'ok'],
      ['fields', 'ok', 'ok'],
      ['permissionSets', 'ok', 'objectAccess'],
      ['transferRecord', 'failed', 'missing'],
      ['modifyAllData', 'info', 'missing'],
      ['viewAllData', 'info', 'missing'],
    ]);
  });

  it('says what to deploy to a user whose profile cannot use the Handover objects', async () => {
    const admin = await org.login();
    const adminId = (await admin.identity()).user_id;
    addUserWithProfile(org, adminId, {
      username: 'nohandover@handover.local',
      lastName: 'NoHandover',
      profile: 'No Handover',
      apiEnabled: true,
      cannotRead: ['Handover__c'],
    });
    const result = await checkOrg(
      doctorConnection(await org.login('nohandover@handover.local'), 'nohandover@handover.local'),
    );
    expect(result.permissions.objectAccess?.find((a) => a.object === 'Handover__c')).toEqual({
      object: 'Handover__c',
      read: false,
      create: false,
    });
    expect(verdicts(result).find((v) => v.id === 'permissionSets')).toMatchObject({
      status: 'failed',
      reason: 'notDeployed',
    });
  });
});
