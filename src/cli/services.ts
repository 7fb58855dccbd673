/**
 * The service functions the commands call, gathered in one object so that unit tests can stub them
 * (`$$.SANDBOX.stub(services, 'startHandover')`): ES module exports cannot be stubbed in place.
 */
import {
  addNote,
  answer,
  approve,
  ask,
  confirmItems,
  DEFAULT_READS,
  getAccountHandover,
  getHandover,
  listHandovers,
  markReviewed,
  relationshipMapsOf,
  sign,
  startHandover,
  upsertContactNote,
} from '../salesforce/service/index.js';
import { reassignHandover, rollbackHandover, verifyHandover } from '../salesforce/reassign/index.js';
import { readLease } from '../salesforce/reassign/lease.js';
import { loadHeader, loadItems, readEvents } from '../salesforce/store/index.js';
import { collectExport } from '../salesforce/export/index.js';
import { startDetached } from './detach.js';

export const services = {
  startHandover,
  getHandover,
  getAccountHandover,
  listHandovers,
  relationshipMapsOf,
  addNote,
  confirmItems,
  upsertContactNote,
  ask,
  answer,
  sign,
  markReviewed,
  approve,
  resolveUser: (...args: Parameters<typeof DEFAULT_READS.resolveUser>) => DEFAULT_READS.resolveUser(...args),
  // The reassignment engine (reassign, resume, rollback, verify) and what watching a run reads.
  reassignHandover,
  rollbackHandover,
  verifyHandover,
  loadHeader,
  loadItems,
  readEvents,
  readLease,
  /** Not a service: the detached child process of `handover reassign --async`, stubbed in tests. */
  startDetached,
  /** `handover export`: the handover, its audit chain and the departing rep's CRM data. */
  collectExport,
};
