import type { OrgContext } from '../context.js';
import type { RecordStore } from '../records.js';
import { seedDemo } from './demo.js';
import { seedEmpty } from './empty.js';

export type SeedName = 'empty' | 'demo';

export const SEED_NAMES: readonly SeedName[] = ['empty', 'demo'];

/** Fills a new org with one of the seeds. */
export function seedOrg(ctx: OrgContext, store: RecordStore, seed: SeedName): void {
  const base = seedEmpty(ctx, store);
  if (seed === 'demo') seedDemo(ctx, store, base);
}
