import { registerConnectedApp, setPassword } from '../auth/index.js';
import type { OrgContext } from '../context.js';
import type { Actor, RecordStore } from '../records.js';

/** The password of every seeded login (local org only). */
export const SEED_PASSWORD = 'handover';
export const ADMIN_USERNAME = 'admin@handover.local';

/** The connected app registered for local use (documented in the README). */
export const LOCAL_CONNECTED_APP = {
  name: 'Handover Local',
  consumerKey: 'handover-local',
  consumerSecret: 'handover-local-secret',
  // Loopback callbacks match on host and path, any port (RFC 8252): sf's web login uses localhost:1717.
  callbackUrls: [
    'http://localhost:1717/OauthRedirect',
    'http://127.0.0.1:1717/OauthRedirect',
    'http://127.0.0.1/oauth/callback',
    'http://localhost/oauth/callback',
  ],
  allowPkceWithoutSecret: true,
};

export type SeededOrg = {
  admin: Actor;
  profiles: { admin: string; standard: string; readOnly: string };
  roles: { ceo: string };
};

const PERMISSIONS_ALL = {
  PermissionsApiEnabled: true,
  PermissionsViewAllData: true,
  PermissionsModifyAllData: true,
  PermissionsTransferAnyEntity: true,
  PermissionsTransferAnyCase: true,
  PermissionsTransferAnyLead: true,
  PermissionsManageUsers: true,
};

/**
 * The `empty` seed: the Organization row, the standard profiles, a top role, the admin user and the
 * local connected app. Every other seed starts from it.
 */
export function seedEmpty(ctx: OrgContext, store: RecordStore): SeededOrg {
  const system = { system: true };
  const adminId = store.newId(store.object('User'));
  const admin: Actor = { userId: adminId };

  store.create(
    'Organization',
    {
      Id: ctx.orgId,
      Name: 'Handover Local Org',
      InstanceName: 'LOCAL',
      IsSandbox: false,
      OrganizationType: 'Enterprise Edition',
      TimeZoneSidKey: ctx.timeZone,
      DefaultLocaleSidKey: 'en_US',
      LanguageLocaleKey: 'en_US',
      DefaultAccountAccess: 'None',
      DefaultOpportunityAccess: 'None',
      DefaultCaseAccess: 'None',
      DefaultContactAccess: 'ControlledByParent',
      DefaultLeadAccess: 'Edit',
      Country: 'CN',
      FiscalYearStartMonth: 1,
    },
    admin,
    system,
  );
  const profiles = {
    admin: store.create(
      'Profile',
      { Name: 'System Administrator', UserType: 'Standard', ...PERMISSIONS_ALL },
      admin,
      system,
    ),
    standard: store.create(
      'Profile',
      { Name: 'Standard User', UserType: 'Standard', PermissionsApiEnabled: true },
      admin,
      system,
    ),
    readOnly: store.create(
      'Profile',
      { Name: 'Read Only', UserType: 'Standard', PermissionsApiEnabled: true },
      admin,
      system,
    ),
  };
  const ceo = store.create('UserRole', { Name: 'CEO', DeveloperName: 'CEO' }, admin, system);
  store.create(
    'User',
    {
      Id: adminId,
      Username: ADMIN_USERNAME,
      FirstName: 'Ada',
      LastName: 'Admin',
      Alias: 'admin',
      Email: ADMIN_USERNAME,
      ProfileId: profiles.admin,
      UserRoleId: ceo,
      TimeZoneSidKey: ctx.timeZone,
      LocaleSidKey: 'en_US',
      LanguageLocaleKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      IsActive: true,
    },
    admin,
    system,
  );
  setPassword(ctx, adminId, SEED_PASSWORD);
  registerConnectedApp(ctx, { ...LOCAL_CONNECTED_APP, runAsUserId: adminId });
  return { admin, profiles, roles: { ceo } };
}
