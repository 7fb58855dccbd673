/** Persistence of Handover__c and its children through the REST API (sObject Collections + SOQL). */
export { HandoverError, isHandoverError, orgError, type HandoverErrorCode } from './errors.js';
export type {
  AuditEvent,
  AuditEventInput,
  ContactNote,
  ContactNoteChange,
  ContactNoteDraft,
  ContactNoteFields,
  Handover,
  HandoverDraft,
  HandoverHeader,
  HandoverItem,
  HeaderFields,
  ItemChange,
  ItemDraft,
  ItemFields,
  SignatureDraft,
  SignatureRecord,
} from './model.js';
export {
  OPEN_STATUSES,
  insertHandover,
  listHandovers,
  loadContactNotes,
  loadHandover,
  loadHeader,
  loadItems,
  loadSignatures,
  objectOfId,
  requireHandoverId,
  updateHandoverHeader,
  writeHandover,
  type HandoverFilter,
  type HeaderUpdate,
  type InsertProgress,
} from './handovers.js';
export { HANDOVER_SHARE, shareHandover, type ShareResult } from './sharing.js';
export { insertSignature, upsertContactNotes, upsertItems, type UpsertResult } from './children.js';
export {
  appendEvents,
  assertChain,
  chainEvents,
  eventHash,
  readEvents,
  verifyEventChain,
  type ChainProblem,
  type ChainProblemCode,
  type ChainVerification,
  type VerifyOptions,
} from './events.js';
export { computeContentHash, contentInput } from './content.js';
export { COLLECTION_CHUNK, deleteRecords, insertRecords, updateRecords } from './collections.js';
export { queryAll } from './query.js';
export { isId, to18 } from './ids.js';
export { parseSummary, serialiseSummary, summarySchema, type HandoverSummary } from './summary.js';
