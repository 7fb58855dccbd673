import { issueSession } from './auth/index.js';
import { MAX_API_VERSION } from './context.js';
import type { LocalOrg } from './localOrg.js';

/** One org registered in the sf CLI's store. */
export type SfAlias = { alias: string; username: string };

export const SF_ALIAS_PREFIX = 'local-';

type LoginUser = { Id: string; Username: string };
type OrganizationRow = { Name: string; InstanceName: string | null; OrganizationType: string | null };

/**
 * Registers the local org's users in the store that the `sf` CLI reads (~/.sfdx and ~/.sf of the
 * current HOME, as @salesforce/core resolves them, so SF_* variables of the caller apply), one alias
 * per active, unfrozen user: admin@handover.local becomes `local-admin`, manager@handover.local
 * `local-manager`. Each gets a fresh access token; `sf ... -o local-manager` then works as that user
 * until the token expires (2 hours without use) or the org's data folder is thrown away.
 *
 * The auth files are written from the org's own data (what `sf org login access-token` would learn
 * by asking the org), so that registering needs no request: the org's process does not trust its own
 * self-signed certificate under --https.
 */
export async function registerSfAliases(org: LocalOrg): Promise<SfAlias[]> {
  // Loaded on demand: @salesforce/core is big and only this option needs it.
  const { AuthInfo } = await import('@salesforce/core');
  const organization = organizationOf(org);
  const registered: SfAlias[] = [];
  for (const user of loginUsers(org)) {
    const alias = aliasFor(user.Username);
    const { accessToken } = issueSession(org.ctx, user.Id, null);
    const authInfo = await AuthInfo.create({
      accessTokenOptions: {
        accessToken,
        instanceUrl: org.url,
        loginUrl: org.url,
        username: user.Username,
        orgId: org.ctx.orgId,
        userId: user.Id,
        isDevHub: false,
        instanceApiVersion: `${MAX_API_VERSION}.0`,
        instanceApiVersionLastRetrieved: new Date().toLocaleString(),
        name: organization.Name,
        instanceName: organization.InstanceName ?? undefined,
        namespacePrefix: null,
        isSandbox: false,
        isScratch: false,
        trailExpirationDate: null,
        orgEdition: organization.OrganizationType ?? undefined,
      },
    });
    await authInfo.save();
    await authInfo.handleAliasAndDefaultSettings({ alias, setDefault: false, setDefaultDevHub: false });
    registered.push({ alias, username: user.Username });
  }
  return registered;
}

/** `manager.south@handover.local` -> `local-manager-south`. */
export function aliasFor(username: string): string {
  const local = (username.split('@')[0] ?? username).toLowerCase().replace(/[^a-z0-9_-]+/g, '-');
  return `${SF_ALIAS_PREFIX}${local}`;
}

/** The users who can work through the API now (active, not frozen), the admin first. */
function loginUsers(org: LocalOrg): LoginUser[] {
  return org.ctx.db
    .prepare(
      `SELECT u.Id, u.Username FROM "User" u
       WHERE u.IsActive = 1 AND u.IsDeleted = 0
         AND NOT EXISTS (SELECT 1 FROM "UserLogin" l WHERE l.UserId = u.Id AND l.IsFrozen = 1)
       ORDER BY u.Id`,
    )
    .all() as LoginUser[];
}

function organizationOf(org: LocalOrg): OrganizationRow {
  const row = org.ctx.db.prepare('SELECT Name, InstanceName, OrganizationType FROM "Organization" LIMIT 1').get() as
    OrganizationRow | undefined;
  return row ?? { Name: 'Handover Local Org', InstanceName: 'LOCAL', OrganizationType: 'Enterprise Edition' };
}
