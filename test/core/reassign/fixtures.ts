import type { PlanItem } from '../../../src/core/reassign/items.js';

export const DEPARTING = 'U-DEP';

let counter = 0;

/** An item moving `recordId` from the departing user to `successorId` (S1 unless given). */
export function item(
  objectType: string,
  recordId: string,
  accountId: string | null,
  extra: Partial<PlanItem> = {},
): PlanItem {
  counter++;
  return {
    itemId: `I-${recordId}-${counter}`,
    objectType,
    recordId,
    accountId,
    successorId: 'S1',
    previousOwnerId: DEPARTING,
    category: 'Record',
    transferStatus: 'Pending',
    facts: {},
    ...extra,
  };
}

/** `count` children of `objectType` under `accountId`, ids "<prefix>-<n>". */
export function children(
  objectType: string,
  accountId: string,
  count: number,
  prefix = `${objectType}-${accountId}`,
): PlanItem[] {
  return Array.from({ length: count }, (_, i) =>
    item(objectType, `${prefix}-${String(i).padStart(5, '0')}`, accountId),
  );
}

/** A small seeded PRNG (mulberry32): property-style tests stay reproducible. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
