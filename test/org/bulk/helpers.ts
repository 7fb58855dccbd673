import type jsforce from 'jsforce';
import type { TestOrg } from '../../helpers/localOrg.js';

/** Raw HTTP against the org (for what jsforce does not send: bad bodies, second uploads, paging). */
export async function call(
  org: TestOrg,
  conn: jsforce.Connection,
  method: string,
  path: string,
  body?: string,
  contentType = 'application/json',
): Promise<{ status: number; text: string; json: unknown; headers: Headers }> {
  const response = await fetch(`${org.url}/services/data/v62.0${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${conn.accessToken}`,
      ...(body === undefined ? {} : { 'Content-Type': contentType }),
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, headers: response.headers };
}

/** A standard user; inactive when `active` is false. */
export async function createUser(conn: jsforce.Connection, name: string, active = true): Promise<string> {
  const profile = (await conn.query<{ Id: string }>("SELECT Id FROM Profile WHERE Name = 'Standard User'")).records[0]!
    .Id;
  const result = await conn.sobject('User').create({
    Username: `${name}@bulk.local`,
    LastName: name,
    Alias: name.slice(0, 8),
    Email: `${name}@bulk.local`,
    LocaleSidKey: 'en_US',
    LanguageLocaleKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    TimeZoneSidKey: 'Asia/Shanghai',
    ProfileId: profile,
    IsActive: active,
  });
  if (!result.success) throw new Error(JSON.stringify(result));
  return result.id;
}

/** Polls a job until it reaches a final state (or the timeout). */
export async function waitForJob(
  org: TestOrg,
  conn: jsforce.Connection,
  kind: 'ingest' | 'query',
  id: string,
  timeoutMs = 30_000,
): Promise<Record<string, unknown>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const info = (await call(org, conn, 'GET', `/jobs/${kind}/${id}`)).json as Record<string, unknown>;
    if (['JobComplete', 'Failed', 'Aborted'].includes(String(info.state)) || Date.now() > end) return info;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
