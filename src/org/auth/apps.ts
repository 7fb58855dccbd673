import type { OrgContext } from '../context.js';
import { to18 } from '../ids.js';
import { safeEqual } from './crypto.js';
import { stmt } from './tables.js';

/** A connected app (OAuth client) of the local org. */
export type ConnectedApp = {
  name: string;
  consumerKey: string;
  consumerSecret: string;
  /** Exact redirect URIs; for loopback URIs the port is ignored (see redirectUriAllowed). */
  callbackUrls: string[];
  /** Public clients (no secret) may use the authorization code flow with PKCE from a loopback redirect URI. */
  allowPkceWithoutSecret: boolean;
  /** The user the client credentials flow runs as; without one that flow is refused. */
  runAsUserId?: string;
};

type AppRow = {
  ConsumerKey: string;
  Name: string;
  ConsumerSecret: string;
  CallbackUrls: string;
  AllowPkceWithoutSecret: number;
  RunAsUserId: string | null;
};

/** Registers or replaces a connected app (by consumer key). */
export function registerConnectedApp(ctx: OrgContext, app: ConnectedApp): void {
  if (!app.name.trim() || !app.consumerKey.trim() || !app.consumerSecret) {
    throw new Error('A connected app needs a name, a consumer key and a consumer secret.');
  }
  for (const url of app.callbackUrls) {
    if (!URL.canParse(url)) throw new Error(`Not an absolute callback URL: ${url}`);
  }
  const runAs = app.runAsUserId === undefined ? null : to18(app.runAsUserId);
  if (runAs === undefined) throw new Error(`Not a User Id: ${app.runAsUserId}`);
  stmt(
    ctx.db,
    `INSERT INTO _auth_connected_app (ConsumerKey, Name, ConsumerSecret, CallbackUrls, AllowPkceWithoutSecret, RunAsUserId)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (ConsumerKey) DO UPDATE SET Name = excluded.Name, ConsumerSecret = excluded.ConsumerSecret,
       CallbackUrls = excluded.CallbackUrls, AllowPkceWithoutSecret = excluded.AllowPkceWithoutSecret,
       RunAsUserId = excluded.RunAsUserId`,
  ).run(
    app.consumerKey,
    app.name,
    app.consumerSecret,
    JSON.stringify(app.callbackUrls),
    app.allowPkceWithoutSecret ? 1 : 0,
    runAs,
  );
}

export function findConnectedApp(ctx: OrgContext, consumerKey: string): ConnectedApp | undefined {
  const row = stmt(ctx.db, 'SELECT * FROM _auth_connected_app WHERE ConsumerKey = ?').get(consumerKey) as
    AppRow | undefined;
  if (!row) return undefined;
  return {
    name: row.Name,
    consumerKey: row.ConsumerKey,
    consumerSecret: row.ConsumerSecret,
    callbackUrls: JSON.parse(row.CallbackUrls) as string[],
    allowPkceWithoutSecret: row.AllowPkceWithoutSecret === 1,
    ...(row.RunAsUserId ? { runAsUserId: row.RunAsUserId } : {}),
  };
}

export function secretMatches(app: ConnectedApp, secret: string): boolean {
  return safeEqual(app.consumerSecret, secret);
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackUri(uri: string): boolean {
  const url = URL.parse(uri);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * A redirect URI must equal one of the app's callback URLs. For loopback URIs the port is ignored,
 * as RFC 8252 section 7.3 asks: native apps and CLIs (sf org login web) listen on whatever port is free.
 */
export function redirectUriAllowed(app: ConnectedApp, redirectUri: string): boolean {
  return app.callbackUrls.some((callback) => callback === redirectUri || sameLoopbackTarget(callback, redirectUri));
}

function sameLoopbackTarget(registered: string, requested: string): boolean {
  if (!isLoopbackUri(registered) || !isLoopbackUri(requested)) return false;
  const a = new URL(registered);
  const b = new URL(requested);
  return a.protocol === b.protocol && a.hostname === b.hostname && a.pathname === b.pathname && a.search === b.search;
}
