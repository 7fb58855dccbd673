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
  getHandover,
  listHandovers,
  sign,
  startHandover,
} from '../salesforce/service/index.js';

export const services = {
  startHandover,
  getHandover,
  listHandovers,
  addNote,
  confirmItems,
  ask,
  answer,
  sign,
  approve,
  resolveUser: (...args: Parameters<typeof DEFAULT_READS.resolveUser>) => DEFAULT_READS.resolveUser(...args),
};
