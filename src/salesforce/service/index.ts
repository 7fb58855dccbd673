/** The handover lifecycle as service functions: validate input -> check -> write -> audit. */
export { HandoverError, isHandoverError, type HandoverErrorCode } from '../store/errors.js';
export { DEFAULT_READS, withDefaults, type BookReadOptions, type BookReads, type ServiceDeps } from './deps.js';
export { currentUserId } from './identity.js';
export { startHandover, type StartInput, type StartProgress, type StartResult, type UserSummary } from './start.js';
export {
  addChecklistItem,
  addNote,
  confirmItems,
  upsertContactNote,
  type ChecklistLineInput,
  type ConfirmInput,
  type ContactNoteInput,
  type NoteInput,
} from './checklist.js';
export { type EditResult } from './edit.js';
export {
  ask,
  answer,
  markReviewed,
  type AnswerInput,
  type AskInput,
  type QaResult,
  type ReviewInput,
  type ReviewResult,
} from './qa.js';
export {
  approve,
  cancel,
  declareOverride,
  sign,
  type ApproveInput,
  type CancelInput,
  type OverrideInput,
  type SignInput,
  type SignoffResult,
} from './signoff.js';
export { getHandover, listHandovers, verifyHandoverLog, type HandoverView, type ListInput } from './view.js';
export { MAX_SUCCESSORS } from './parties.js';
export { relationshipMapsOf } from './relationships.js';
export { getAccountHandover, itemsOfAccount, type AccountHandoverView, type AccountInput } from './account.js';
export { MANUAL_TEMPLATES } from './draft.js';
export type { Warning, WarningCode } from './warnings.js';
