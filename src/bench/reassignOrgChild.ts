/**
 * The reassign benchmark's local org, in a process of its own: forked by the bench
 * (reassignFixture.ts, `child_process.fork` of lib/bench/reassignOrgChild.js) with its options as
 * one JSON argument. In real life the org is another machine: serving it here keeps its request
 * handling off the engine's thread (client and server CPU overlap on a multi-core machine as they
 * would against Salesforce) and keeps the org and the 100,000-record fixture out of the bench
 * process's peak memory, which is then the engine's.
 *
 * Builds the fixture (reassignOrgFixture.ts) in a throwaway data folder, serves the org over HTTP,
 * sends `ready` (or `failed`) over IPC, then answers the parent's requests (reassignOrgProtocol.ts):
 * reset, movedCount, usedCalls, memory, cpu and close. Exits, removing its data folder, on close, when
 * the parent goes away (IPC disconnect) and on SIGTERM or SIGINT.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { buildReassignOrg, type ReassignOrg } from './reassignOrgFixture.js';
import {
  orgChildOptions,
  orgRequest,
  type OrgMessage,
  type OrgRequest,
  type RecordTuple,
} from './reassignOrgProtocol.js';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function parseOptions(raw: string | undefined): z.infer<typeof orgChildOptions> {
  let json: unknown;
  try {
    json = JSON.parse(raw ?? '');
  } catch {
    throw new Error('expects its options as one JSON argument');
  }
  const parsed = orgChildOptions.safeParse(json);
  if (!parsed.success) throw new Error(`invalid options: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

async function main(): Promise<void> {
  if (process.send === undefined) {
    process.stderr.write(
      'reassignOrgChild is started by the reassign bench (child_process.fork), with an IPC channel\n',
    );
    process.exit(2);
  }
  const send = (message: OrgMessage): Promise<void> =>
    new Promise((resolve) => {
      if (!process.connected) return resolve();
      process.send?.(message, undefined, {}, () => resolve());
    });

  const dataDir = mkdtempSync(join(tmpdir(), 'handover-bench-reassign-'));
  let org: ReassignOrg | undefined;
  let exiting: Promise<never> | undefined;
  const exit = (code: number): Promise<never> =>
    (exiting ??= (async () => {
      try {
        await org?.close();
      } catch {
        // exiting anyway
      }
      rmSync(dataDir, { recursive: true, force: true });
      if (process.connected) process.disconnect();
      process.exit(code);
    })());
  const onSignal = (signal: NodeJS.Signals): void => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  // The parent is gone (exited, killed or closed the channel): nobody is left to serve.
  process.once('disconnect', () => void exit(1));

  const answer = async (request: OrgRequest): Promise<number | null> => {
    if (!org) throw new Error('the org is not ready');
    switch (request.type) {
      case 'reset':
        org.reset();
        return null;
      case 'movedCount':
        return org.movedCount(request.ids);
      case 'usedCalls':
        return org.org.usage.used();
      case 'memory':
        return process.resourceUsage().maxRSS;
      case 'cpu': {
        const { user, system } = process.cpuUsage();
        return Math.round((user + system) / 1000);
      }
      case 'close':
        await org.close();
        org = undefined;
        return null;
    }
  };
  process.on('message', (raw: unknown) => {
    const parsed = orgRequest.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'number' && Number.isInteger(id) && id >= 1) {
        void send({ type: 'response', id, ok: false, error: `invalid request: ${z.prettifyError(parsed.error)}` });
      } else {
        process.stderr.write(`reassignOrgChild: ignored an invalid message: ${z.prettifyError(parsed.error)}\n`);
      }
      return;
    }
    const request = parsed.data;
    void (async () => {
      try {
        const value = await answer(request);
        await send({ type: 'response', id: request.id, ok: true, value });
        if (request.type === 'close') await exit(0);
      } catch (error) {
        await send({ type: 'response', id: request.id, ok: false, error: messageOf(error) });
      }
    })();
  });

  try {
    const options = parseOptions(process.argv[2]);
    org = await buildReassignOrg(options, dataDir);
  } catch (error) {
    await send({ type: 'failed', error: messageOf(error) });
    await exit(1);
    return;
  }
  await send({
    type: 'ready',
    url: org.org.url,
    managerUsername: org.managerUsername,
    users: org.users,
    handoverId: org.handoverId,
    records: org.records.map((r): RecordTuple => [r.id, r.objectType, r.accountId, r.successorId]),
    seedMs: org.seedMs,
    maxRssKb: process.resourceUsage().maxRSS,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`reassignOrgChild: ${messageOf(error)}\n`);
  process.exit(1);
});
