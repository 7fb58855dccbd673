import { DateTime } from 'luxon';
import type { OrgContext } from '../context.js';
import { to15 } from '../ids.js';
import type { UserRow } from './users.js';

/** The identity URL of a user: the `id` of token answers, the subject of userinfo. */
export function identityUrl(ctx: OrgContext, userId: string): string {
  return `${ctx.baseUrl}/id/${ctx.orgId}/${userId}`;
}

/** SOAP endpoint URLs carry the 15-character org id, as Salesforce's do. */
export function soapUrl(ctx: OrgContext, api: 'u' | 'm' | 'c' | 'T', version: string): string {
  return `${ctx.baseUrl}/services/Soap/${api}/${version}/${to15(ctx.orgId)}`;
}

/**
 * The service URLs of identity and userinfo answers. Salesforce leaves `{version}` as a placeholder
 * for the client to fill in unless the request names a version.
 */
export function serviceUrls(ctx: OrgContext, userId: string, version = '{version}'): Record<string, string> {
  const data = `${ctx.baseUrl}/services/data/v${version}`;
  return {
    enterprise: soapUrl(ctx, 'c', version),
    metadata: soapUrl(ctx, 'm', version),
    partner: soapUrl(ctx, 'u', version),
    rest: `${data}/`,
    sobjects: `${data}/sobjects/`,
    search: `${data}/search/`,
    query: `${data}/query/`,
    recent: `${data}/recent/`,
    tooling_soap: soapUrl(ctx, 'T', version),
    tooling_rest: `${data}/tooling/`,
    profile: `${ctx.baseUrl}/${userId}`,
    feeds: `${data}/chatter/feeds`,
    groups: `${data}/chatter/groups`,
    users: `${data}/chatter/users`,
    feed_items: `${data}/chatter/feed-items`,
    feed_elements: `${data}/chatter/feed-elements`,
    custom_domain: ctx.baseUrl,
  };
}

function photos(ctx: OrgContext, userId: string): { picture: string; thumbnail: string } {
  const base = `${ctx.baseUrl}/profilephoto/${userId.slice(0, 3)}`;
  return { picture: `${base}/F`, thumbnail: `${base}/T` };
}

/** The user's time zone, falling back to the org's when the user has none (or an unknown one). */
function timeZone(ctx: OrgContext, user: UserRow): string {
  const zone = user.TimeZoneSidKey ?? ctx.timeZone;
  return DateTime.now().setZone(zone).isValid ? zone : ctx.timeZone;
}

/** Milliseconds east of UTC in the user's time zone right now (DST included). */
export function utcOffsetMs(ctx: OrgContext, user: UserRow): number {
  const at = DateTime.fromJSDate(ctx.now()).setZone(timeZone(ctx, user));
  return at.isValid ? at.offset * 60_000 : 0;
}

function fullName(user: UserRow): string {
  return user.Name ?? ([user.FirstName, user.LastName].filter(Boolean).join(' ') || user.Username);
}

/** The user's community nickname; the username's local part when the org has none. */
function nickname(user: UserRow): string {
  return user.CommunityNickname ?? user.Username.split('@')[0] ?? user.Username;
}

function lastModified(ctx: OrgContext, user: UserRow): Date {
  const parsed = user.LastModifiedDate ? Date.parse(user.LastModifiedDate) : Number.NaN;
  return Number.isNaN(parsed) ? ctx.now() : new Date(parsed);
}

/** The identity service answer (`GET /id/{orgId}/{userId}`), read by jsforce's `identity()`. */
export function identityInfo(ctx: OrgContext, user: UserRow, version?: string): Record<string, unknown> {
  return {
    id: identityUrl(ctx, user.Id),
    asserted_user: true,
    user_id: user.Id,
    organization_id: ctx.orgId,
    username: user.Username,
    nick_name: nickname(user),
    display_name: fullName(user),
    email: user.Email ?? null,
    email_verified: true,
    first_name: user.FirstName ?? null,
    last_name: user.LastName ?? null,
    timezone: timeZone(ctx, user),
    photos: photos(ctx, user.Id),
    mobile_phone: user.MobilePhone ?? null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: serviceUrls(ctx, user.Id, version),
    active: Number(user.IsActive) === 1,
    user_type: 'STANDARD',
    language: user.LanguageLocaleKey ?? 'en_US',
    locale: user.LocaleSidKey ?? 'en_US',
    utcOffset: utcOffsetMs(ctx, user),
    last_modified_date: lastModified(ctx, user).toISOString().replace(/Z$/, '+0000'),
    is_app_installed: true,
  };
}

/** The OpenID Connect userinfo answer (`GET /services/oauth2/userinfo`), read by @salesforce/core. */
export function userInfo(ctx: OrgContext, user: UserRow): Record<string, unknown> {
  return {
    sub: identityUrl(ctx, user.Id),
    user_id: user.Id,
    organization_id: ctx.orgId,
    preferred_username: user.Username,
    nickname: nickname(user),
    name: fullName(user),
    email: user.Email ?? null,
    email_verified: true,
    given_name: user.FirstName ?? null,
    family_name: user.LastName ?? null,
    zoneinfo: timeZone(ctx, user),
    photos: photos(ctx, user.Id),
    profile: `${ctx.baseUrl}/${user.Id}`,
    picture: photos(ctx, user.Id).picture,
    address: {},
    is_salesforce_integration_user: false,
    urls: serviceUrls(ctx, user.Id),
    active: Number(user.IsActive) === 1,
    user_type: 'STANDARD',
    language: user.LanguageLocaleKey ?? 'en_US',
    locale: user.LocaleSidKey ?? 'en_US',
    utcOffset: utcOffsetMs(ctx, user),
    // Salesforce prints updated_at without milliseconds: "2024-05-01T12:34:56Z".
    updated_at: lastModified(ctx, user)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
    is_app_installed: true,
  };
}
