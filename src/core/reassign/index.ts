/** The pure half of the bulk reassignment engine: plan, classify, back off, report, undo, verify, follow up. */
export * from './items.js';
export * from './batching.js';
export * from './plan.js';
export * from './outcome.js';
export * from './backoff.js';
export * from './progress.js';
export * from './undo.js';
export * from './verify.js';
export * from './followUp.js';
export * from './runJournal.js';
