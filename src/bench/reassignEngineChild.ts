/**
 * One engine run of the reassign benchmark in a fresh process, as `sf handover reassign` runs in a
 * process of its own: forked by the bench (reassignEngine.ts) with its task as one JSON argument, it
 * signs in as the manager, runs reassignHandover with the call counter and sends the figures back
 * over IPC, its peak memory included. The bench process itself holds the 100,000-record book it
 * checks the org against; that is not the engine's memory.
 */
import jsforce from 'jsforce';
import { SEED_PASSWORD } from '../org/seeds/empty.js';
import { reassignHandover } from '../salesforce/reassign/index.js';
import { peakRssMb, timed } from './measure.js';
import { CallCounter } from './reassignCalls.js';
import { engineTask, type EngineMessage } from './reassignEngineProtocol.js';

function send(message: EngineMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined) resolve();
    else process.send(message, () => resolve());
  });
}

async function main(): Promise<void> {
  const task = engineTask.parse(JSON.parse(process.argv[2] ?? 'null'));
  const conn = new jsforce.Connection({ loginUrl: task.url, version: '62.0' });
  await conn.login(task.username, SEED_PASSWORD);
  const counter = new CallCounter(conn);
  counter.start();
  const cpuBefore = process.cpuUsage();
  const run = await timed(() =>
    reassignHandover(counter.conn, task.handoverId, {
      policy: task.policy,
      followUps: false,
      onProgress: counter.onProgress,
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  const r = run.value;
  await send({
    type: 'done',
    wallMs: run.wallMs,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakRssMb: peakRssMb(),
    run: {
      status: r.status,
      outcome: r.outcome,
      objectTypes: new Set(r.phases.flatMap((p) => p.objectTypes)).size,
      batches: r.phases.reduce((n, p) => n + p.batches, 0),
      retries: r.retries,
      verified: r.verification?.ok ?? null,
      polls: r.calls.polls,
    },
    calls: counter.snapshot(),
  });
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    await send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  },
);
