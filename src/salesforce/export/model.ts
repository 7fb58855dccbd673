/**
 * What `handover export` writes: the whole handover as its parties see it, the verification of its
 * audit log, the names of the users it mentions, and the departing rep's CRM data (module B of the
 * brief). Plain data: the renderers turn it into JSON, CSV or HTML without any I/O.
 */
import type {
  AccountRow,
  ActivityRow,
  CaseRow,
  ContactRow,
  ContractRow,
  IsoDateTime,
  OpportunityRow,
} from '../../core/model.js';
import type { AccountMap } from '../../core/pictures/relationshipMap.js';
import type { SignoffRole } from '../../core/signoff.js';
import type { ChainVerification } from '../store/events.js';
import type { Handover } from '../store/model.js';

export const EXPORT_FORMATS = ['json', 'csv', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Bumped when the shape of the JSON export changes. */
export const EXPORT_VERSION = 1;

export type ExportUser = { id: string; name: string | null; username: string | null };

/** The departing rep's records: those they own now, and those the handover lists (moved since, or not). */
export type CrmTables = {
  accounts: AccountRow[];
  contacts: ContactRow[];
  opportunities: OpportunityRow[];
  cases: CaseRow[];
  /** Open tasks and events only. */
  activities: ActivityRow[];
  contracts: ContractRow[];
};

export type ExportData = {
  exportedAt: IsoDateTime;
  /** Who exported, and their role in the handover. */
  exportedBy: string;
  role: SignoffRole;
  handover: Handover;
  /** The content hash recomputed from the rows now (what a current signature covers). */
  contentHash: string;
  /** The audit log's hash chain, verified (every event hash, every link, the head's content hash). */
  chain: ChainVerification;
  /** Users the handover mentions, by 18-character Id. */
  users: Record<string, ExportUser>;
  /** The relationship maps of the contact notes, with the contacts' names (drawn on the HTML page). */
  maps: AccountMap[];
  crm: CrmTables;
};

/** One file to write: its name (no folder), its text and how many data rows it holds. */
export type ExportFile = { name: string; content: string; rows: number };
