/**
 * Who is signed in on a connection: the last segment of the identity URL that the versioned REST root
 * (/services/data/vXX.X) lists. Asked once per connection.
 */
import { z } from 'zod';
import type { OrgConnection } from '../connection.js';
import { orgError } from '../store/errors.js';
import { to18 } from '../store/ids.js';

const DEFAULT_API_VERSION = '62.0';
const cache = new WeakMap<OrgConnection, Promise<string>>();
const resources = z.looseObject({ identity: z.string() });

export function apiVersionOf(conn: OrgConnection): string {
  return conn.getApiVersion?.() ?? conn.version ?? DEFAULT_API_VERSION;
}

export async function currentUserId(conn: OrgConnection): Promise<string> {
  let cached = cache.get(conn);
  if (cached === undefined) {
    cached = readIdentity(conn);
    cached.catch(() => cache.delete(conn));
    cache.set(conn, cached);
  }
  return cached;
}

async function readIdentity(conn: OrgConnection): Promise<string> {
  let body: unknown;
  try {
    body = await conn.request<unknown>(`/services/data/v${apiVersionOf(conn)}`);
  } catch (error) {
    throw orgError(error, 'tell who is signed in');
  }
  const parsed = resources.safeParse(body);
  const userId = parsed.success ? to18(parsed.data.identity.split('/').filter(Boolean).at(-1) ?? '') : undefined;
  if (userId === undefined) throw orgError(new Error('no identity URL in the REST root'), 'tell who is signed in');
  return userId;
}
