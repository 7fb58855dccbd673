import { z } from 'zod';

/**
 * The task of an engine run in its own process (reassignEngineChild.ts) and what it sends back;
 * both sides validate with these schemas.
 */
export const engineTask = z.object({
  url: z.string().url(),
  username: z.string().min(1),
  handoverId: z.string().min(15),
  policy: z.record(z.string(), z.unknown()),
});
export type EngineTask = z.infer<typeof engineTask>;

const count = z.number().int().min(0);
const counts = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, count])) as Record<K, typeof count>);

export const engineMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('done'),
    wallMs: z.number().min(0),
    /** The engine process's CPU time (user and system) during the run. */
    cpuMs: z.number().min(0),
    peakRssMb: z.number().min(0),
    run: z.object({
      status: z.string(),
      outcome: counts(['transferred', 'alreadyDone', 'conflicts', 'failed', 'notReached'] as const),
      objectTypes: count,
      batches: count,
      retries: count,
      verified: z.boolean().nullable(),
      polls: count,
    }),
    calls: z.object({
      total: count,
      byKind: z.record(z.string(), count),
      byStage: z.record(z.string(), count),
      bulkJobs: count,
      stageMs: z.record(z.string(), z.number()),
    }),
  }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type EngineMessage = z.infer<typeof engineMessage>;
export type EngineDone = Extract<EngineMessage, { type: 'done' }>;
