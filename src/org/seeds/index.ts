import type { OrgContext } from '../context.js';
import type { RecordStore } from '../records.js';
import { ensureProfilePermissions } from '../profilePermissions.js';
import { seedDemo } from './demo.js';
import { seedEmpty } from './empty.js';
import { parseScaleSeed, seedScale } from './scale.js';

/** `empty`, `demo`, or `scale:<accounts>[:<departing share>]` (see scale.ts). */
export type SeedName = 'empty' | 'demo' | `scale:${string}`;

/** The fixed seed names; `scale:<n>` comes on top. */
export const SEED_NAMES: readonly SeedName[] = ['empty', 'demo'];

export const SEED_USAGE = 'empty|demo|scale:<accounts>[:<share>]';

/** The seed a name stands for, or undefined for a name that is none (`scale:0`, `demo2`). */
export function parseSeedName(name: string): SeedName | undefined {
  if ((SEED_NAMES as readonly string[]).includes(name)) return name as SeedName;
  return parseScaleSeed(name) ? (name.trim() as SeedName) : undefined;
}

/** Fills a new org with one of the seeds. */
export function seedOrg(ctx: OrgContext, store: RecordStore, seed: SeedName): void {
  const base = seedEmpty(ctx, store);
  if (seed === 'demo') seedDemo(ctx, store, base);
  const scale = parseScaleSeed(seed);
  if (scale) seedScale(ctx, store, base, scale);
  else if (seed !== 'empty' && seed !== 'demo') throw new Error(`Unknown seed: ${seed}`);
  // Users written in bulk (the scale seed's) get their profile's permission set here.
  ensureProfilePermissions(store, ctx, base.admin);
}
