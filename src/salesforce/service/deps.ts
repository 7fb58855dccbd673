/**
 * What the service functions need besides the connection: the typed reads of the org (the CRM book,
 * users, the org calendar), the clock and, optionally, who acts. Tests pass their own; the CLI and the
 * app host use the defaults.
 */
import type { CrmSnapshot, IsoDate, UserRow } from '../../core/model.js';
import type { OrgConnection } from '../connection.js';
import { orgCalendarInfo, readBookOfBusiness, resolveUser, type ReadOptions } from '../reads/index.js';

export type BookReadOptions = ReadOptions;

/** The reads the services use (src/salesforce/reads). */
export type BookReads = {
  readBookOfBusiness(
    conn: OrgConnection,
    departingUserId: string,
    options: BookReadOptions,
  ): Promise<{ snapshot: CrmSnapshot; stats: unknown }>;
  resolveUser(conn: OrgConnection, usernameOrId: string): Promise<UserRow | undefined>;
  orgCalendarInfo(conn: OrgConnection): Promise<{ timeZone: string; holidays: IsoDate[] }>;
};

export type ServiceDeps = {
  reads: BookReads;
  now: () => Date;
  /** The acting user's Id; read from the connection's identity when not given. */
  actorId?: string;
};

export const DEFAULT_READS: BookReads = { readBookOfBusiness, resolveUser, orgCalendarInfo };

export function withDefaults(deps: Partial<ServiceDeps> = {}): ServiceDeps {
  return { reads: deps.reads ?? DEFAULT_READS, now: deps.now ?? (() => new Date()), actorId: deps.actorId };
}
