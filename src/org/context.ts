import type { DatabaseSync } from 'node:sqlite';
import type { Schema } from './schema/types.js';
import type { OrgSettings } from './settings.js';

/** Everything a request handler of the local org needs: storage, schema and org-wide settings. */
export type OrgContext = {
  db: DatabaseSync;
  schema: Schema;
  /** The 18-character Organization Id (00D...). */
  orgId: string;
  /** The org's default time zone (Organization.TimeZoneSidKey), for date literals and business days. */
  timeZone: string;
  /** The origin clients reach the org at, without a trailing slash ("http://127.0.0.1:4567"). */
  baseUrl: string;
  /** The clock; tests may replace it. */
  now(): Date;
  /** Fault injection and rule switches; mutable while the org runs. */
  settings: OrgSettings;
};

/** API versions served: 31.0 (Summer '14) up to 66.0 (Spring '26), as the reference clients expect. */
export const MIN_API_VERSION = 31;
export const MAX_API_VERSION = 66;
