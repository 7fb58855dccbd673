import type { ChildProcess } from 'node:child_process';
import jsforce from 'jsforce';
import { z } from 'zod';
import { SEED_PASSWORD } from '../org/seeds/empty.js';
import { forkBenchChild, type BenchChild } from './benchChild.js';
import {
  orgMessage,
  type BookRecord,
  type OrgChildOptions,
  type OrgReady,
  type OrgRequest,
  type OrgRequestType,
} from './reassignOrgProtocol.js';

export { BOOK_OBJECTS, type BookObject, type BookRecord } from './reassignOrgProtocol.js';

/**
 * The data of the reassign benchmark, in a local org that runs in a child process of its own
 * (lib/bench/reassignOrgChild.js, see reassignOrgFixture.ts for the data): a `scale:20:0` team, a book
 * of exactly `records` records owned by the departing rep and an Approved handover with one Pending
 * item per record. In real life the org is another machine, so here too it has its own process: its
 * request handling does not share the engine's thread (client and server CPU overlap as they would
 * against Salesforce), and the bench process's peak memory (`peakRssMb`) is the engine's, the org's
 * being reported apart (`orgPeakRssMb`). This process holds only the records list and talks to the
 * org over HTTP (the scenarios) and IPC (reset, checks, API call counts, memory, close).
 */
export type ReassignFixture = {
  /** The org's base URL (http://127.0.0.1:<port>). */
  url: string;
  managerUsername: string;
  users: { manager: string; departing: string; successors: string[] };
  handoverId: string;
  /** Account-major order: an account, then its contacts, deals, cases and tasks. */
  records: BookRecord[];
  /** Building the fixture in the org's process (starting the org included). */
  seedMs: number;
  /** The org process's peak RSS once the fixture was built, in MB. */
  orgSeedPeakRssMb: number;
  /** Signs in as the handover's manager (the user every scenario runs as). */
  login(): Promise<jsforce.Connection>;
  /** Every record back with the departing rep, every item Pending, the handover Approved, no audit events. */
  reset(): Promise<void>;
  /** How many of `records` (default all) are owned by their successor now, read from the org's tables. */
  movedCount(records?: readonly BookRecord[]): Promise<number>;
  /** API calls the org counted (its ApiUsage over the rolling 24 hours). */
  usedCalls(): Promise<number>;
  /** The org process's peak RSS so far (process.resourceUsage().maxRSS), in MB. */
  orgPeakRssMb(): Promise<number>;
  /** The org process's CPU time so far (user and system), in ms. */
  orgCpuMs(): Promise<number>;
  /** Stops the org process (and its data folder); always call it. */
  close(): Promise<void>;
};

export type FixtureOptions = OrgChildOptions & {
  /** The compiled child, lib/bench/reassignOrgChild.js (`npm run build` first). */
  childScript: string;
  /** Default 10 minutes, more for books over 100,000 records. */
  readyTimeoutMs?: number;
  /** Default 5 minutes per request (resetting or checking 100,000 records takes seconds). */
  requestTimeoutMs?: number;
};

const MINUTE = 60_000;
/** What the error messages call the child. */
const WHO = "The reassign bench's org process";

/** Starts the org process, which builds the fixture; resolves once it serves, rejects if it fails, dies or takes too long. */
export async function createReassignFixture(options: FixtureOptions): Promise<ReassignFixture> {
  const { childScript, readyTimeoutMs, requestTimeoutMs, ...childOptions } = options;
  const child = new OrgProcess(forkBenchChild(childScript, childOptions, WHO), requestTimeoutMs ?? 5 * MINUTE);
  let ready: OrgReady;
  try {
    ready = await child.ready(readyTimeoutMs ?? Math.max(10 * MINUTE, options.records * 6));
  } catch (error) {
    await child.close();
    throw error;
  }
  const records = ready.records.map(([id, objectType, accountId, successorId]): BookRecord => ({
    id,
    objectType,
    accountId,
    successorId,
  }));
  const count = async (type: OrgRequestType, ids?: string[]): Promise<number> => {
    const value = await child.request(type, ids);
    if (value === null) throw new Error(`${WHO} answered ${type} without a number`);
    return value;
  };
  return {
    url: ready.url,
    managerUsername: ready.managerUsername,
    users: ready.users,
    handoverId: ready.handoverId,
    records,
    seedMs: ready.seedMs,
    orgSeedPeakRssMb: Math.round(ready.maxRssKb / 1024),
    login: async () => {
      const conn = new jsforce.Connection({ loginUrl: ready.url, version: '62.0' });
      await conn.login(ready.managerUsername, SEED_PASSWORD);
      return conn;
    },
    reset: async () => {
      await child.request('reset');
    },
    movedCount: (subset) =>
      count('movedCount', subset === undefined || subset === records ? undefined : subset.map((r) => r.id)),
    usedCalls: () => count('usedCalls'),
    orgPeakRssMb: async () => Math.round((await count('memory')) / 1024),
    orgCpuMs: () => count('cpu'),
    close: () => child.close(),
  };
}

/** What the org spent between two readings: the API calls it counted and its process's CPU time. */
export type OrgSpent = { apiCalls: number; orgCpuMs: number };

/**
 * Starts measuring what the org spends; the returned function reads it. The org serves requests one at
 * a time on one thread, so a scenario's wall time hardly falls below its `orgCpuMs` (the process's CPU
 * time, V8's helper threads included): the figure shows how much of a result is the org's work and how
 * much is waiting (latency, the client). It includes the scenario's sign-in (one password check, about
 * 0.1 s).
 */
export async function startOrgMeter(
  f: Pick<ReassignFixture, 'usedCalls' | 'orgCpuMs'>,
): Promise<() => Promise<OrgSpent>> {
  const calls = await f.usedCalls();
  const cpuMs = await f.orgCpuMs();
  return async () => ({ apiCalls: (await f.usedCalls()) - calls, orgCpuMs: (await f.orgCpuMs()) - cpuMs });
}

function duration(ms: number): string {
  return ms < 10_000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

type Pending = { type: OrgRequestType; resolve(value: number | null): void; reject(error: Error): void };

/** The parent's end of the org process: its IPC requests, its output's tail, its death. */
class OrgProcess {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Why the process cannot answer any more (it exited, failed, or was killed); undefined while it runs. */
  private gone: string | undefined;
  private waitingReady: { resolve(ready: OrgReady): void; reject(error: Error): void } | undefined;
  private readonly exited: Promise<void>;
  private readonly child: ChildProcess;

  public constructor(
    private readonly forked: BenchChild,
    private readonly requestTimeoutMs: number,
  ) {
    const child = forked.child;
    this.child = child;
    this.exited = new Promise((resolve) => {
      // 'close': exited and its output read to the end (for the error message).
      child.once('close', (code, signal) => {
        forked.forget();
        this.fail(`exited (${signal ?? `code ${String(code)}`})`);
        resolve();
      });
    });
    child.on('error', (error) => this.fail(`failed: ${error.message}`));
    child.on('message', (raw: unknown) => this.receive(raw));
  }

  /** Resolves with the `ready` message; rejects on `failed`, on the process's death or after `timeoutMs`. */
  public ready(timeoutMs: number): Promise<OrgReady> {
    if (this.gone !== undefined) return Promise.reject(new Error(`${WHO} ${this.gone}`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(`did not get ready within ${duration(timeoutMs)}`);
        this.child.kill('SIGKILL');
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waitingReady = undefined;
      };
      this.waitingReady = {
        resolve: (ready) => {
          done();
          resolve(ready);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      };
    });
  }

  /** Sends a request and waits for its answer (at most the request timeout, after which the process is killed). */
  public request(type: OrgRequestType, ids?: string[], timeoutMs = this.requestTimeoutMs): Promise<number | null> {
    if (this.gone !== undefined) return Promise.reject(new Error(`${WHO} ${this.gone}`));
    const id = this.nextId++;
    const message: OrgRequest = type === 'movedCount' ? { id, type, ids } : { id, type };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(`did not answer ${type} within ${duration(timeoutMs)}`);
        this.child.kill('SIGKILL');
      }, timeoutMs);
      this.pending.set(id, {
        type,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.child.send(message, (error) => {
        if (error) this.settle(id, { error: `could not send it: ${error.message}` });
      });
    });
  }

  /** Asks the process to close (removing its data), then kills it if it has not exited within 30 s. */
  public async close(): Promise<void> {
    if (this.gone === undefined) {
      try {
        await this.request('close', undefined, 30_000);
      } catch {
        // killed below
      }
    }
    const started = this.child.pid !== undefined;
    if (started && this.child.exitCode === null && this.child.signalCode === null) {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
      await this.exited;
      clearTimeout(timer);
    }
    this.forked.forget();
  }

  private receive(raw: unknown): void {
    const parsed = orgMessage.safeParse(raw);
    if (!parsed.success) {
      this.fail(`sent an invalid message: ${z.prettifyError(parsed.error)}`);
      this.child.kill('SIGKILL');
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        this.waitingReady?.resolve(message);
        return;
      case 'failed':
        this.fail(`could not build the fixture: ${message.error}`);
        return;
      case 'response':
        this.settle(message.id, message.ok ? { value: message.value } : { error: message.error });
        return;
    }
  }

  private settle(id: number, outcome: { value: number | null } | { error: string }): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    if ('error' in outcome) pending.reject(new Error(`${WHO}: ${pending.type} failed: ${outcome.error}`));
    else pending.resolve(outcome.value);
  }

  /** From now on every request (and the ready wait) rejects with this reason and the process's last output. */
  private fail(reason: string): void {
    if (this.gone !== undefined) return;
    const tail = this.forked.output().trim();
    this.gone = tail === '' ? reason : `${reason}; its last output:\n${tail}`;
    const error = (): Error => new Error(`${WHO} ${this.gone}`);
    this.waitingReady?.reject(error());
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(error());
    }
  }
}
