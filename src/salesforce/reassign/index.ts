/** The run half of the bulk reassignment engine (core/reassign plans it): run, resume, roll back, verify. */
export {
  reassignHandover,
  rollbackHandover,
  verifyHandover,
  type RunOptions,
  type RunResult,
  type RunKind,
  type VerifyResult,
} from './run.js';
export type { RecordOutcome, StopReason } from './execute.js';
export type { TeamRestore } from './teams.js';
export type { FollowUpResult } from './followUps.js';
