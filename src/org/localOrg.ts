import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { FastifyInstance } from 'fastify';
import { ensureAuthTables } from './auth/index.js';
import type { OrgContext } from './context.js';
import { ensureTables, openDatabase } from './db.js';
import { makeId } from './ids.js';
import { ApiUsage } from './limits.js';
import { RecordStore } from './records.js';
import { DEFAULT_SETTINGS, type OrgSettings } from './settings.js';
import { loadSchema } from './schema/metadata.js';
import { seedOrg, type SeedName } from './seeds/index.js';
import { createOrgServer } from './server.js';
import { ensureProfilePermissions } from './profilePermissions.js';
import { certificateHosts, closeHttps, listenHttps, loadOrCreateCertificate } from './https.js';

export type LocalOrgOptions = {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Folder of the org's SQLite database; created when missing. ':memory:' keeps nothing. */
  dataDir: string;
  /** Seed applied when the database is new. */
  seed: SeedName;
  /** force-app/main/default/objects: the custom objects and fields of the org. */
  objectsDir: string;
  /** The org's time zone for a new org (Organization.TimeZoneSidKey). */
  timeZone?: string;
  now?: () => Date;
  /** Fault injection and rule switches (defaults: none injected, locks on). */
  settings?: Partial<OrgSettings>;
  /** Serve HTTPS with a self-signed certificate kept in the data folder (cert.pem, key.pem). */
  https?: boolean;
  /**
   * False for a throwaway org (a benchmark's, deleted when it ends): the database is not synced to
   * disk, so an operating system crash could lose or corrupt it. Default true.
   */
  durable?: boolean;
};

export type LocalOrg = {
  url: string;
  ctx: OrgContext;
  store: RecordStore;
  /** API requests counted over the rolling 24 hours. */
  usage: ApiUsage;
  app: FastifyInstance;
  /** True when this start created and seeded the database. */
  seeded: boolean;
  /** With `https`: the certificate clients must trust (NODE_EXTRA_CA_CERTS); none for an in-memory org. */
  certPath?: string;
  close(): Promise<void>;
};

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Opens (or creates and seeds) an org's database and serves its API over HTTP. */
export async function startLocalOrg(options: LocalOrgOptions): Promise<LocalOrg> {
  const file = options.dataDir === ':memory:' ? ':memory:' : join(options.dataDir, 'org.sqlite');
  const db = openDatabase(file, options.durable ?? true);
  const schema = loadSchema(options.objectsDir);
  ensureTables(db, schema);
  ensureAuthTables(db);
  db.exec('CREATE TABLE IF NOT EXISTS _meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const meta = (key: string) =>
    (db.prepare('SELECT value FROM _meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;

  const isNew = meta('orgId') === undefined;
  const orgId = meta('orgId') ?? makeId('00D', 1);
  const timeZone = meta('timeZone') ?? options.timeZone ?? DEFAULT_TIME_ZONE;
  const settings: OrgSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const ctx: OrgContext = {
    db,
    schema,
    orgId,
    timeZone,
    baseUrl: '',
    now: options.now ?? (() => new Date()),
    settings,
  };
  const store = new RecordStore(ctx);

  if (isNew) {
    store.transaction(() => {
      seedOrg(ctx, store, options.seed);
      const setMeta = db.prepare('INSERT INTO _meta (key, value) VALUES (?, ?)');
      setMeta.run('orgId', orgId);
      setMeta.run('timeZone', timeZone);
      setMeta.run('seed', options.seed);
    });
  } else {
    // An org made by an older version, or whose schema has gained objects since.
    store.transaction(() => ensureProfilePermissions(store, ctx, { userId: firstUserId(db) }));
  }

  const usage = new ApiUsage(db, settings.dailyApiRequests, () => ctx.now());
  const app = await createOrgServer(ctx, store, usage);
  const host = options.host ?? '127.0.0.1';
  const served = options.https ? await serveHttps(app, options, host) : await serveHttp(app, options.port, host);
  ctx.baseUrl = `${options.https ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${served.port}`;

  return {
    url: ctx.baseUrl,
    ctx,
    store,
    usage,
    app,
    seeded: isNew,
    certPath: served.certPath,
    close: async () => {
      await served.close();
      await app.close();
      db.close();
    },
  };
}

/** The org's first user: the admin its seed created. */
function firstUserId(db: DatabaseSync): string {
  const row = db.prepare('SELECT Id FROM "User" ORDER BY Id LIMIT 1').get() as { Id: string } | undefined;
  return row?.Id ?? '';
}

type Served = { port: number; certPath?: string; close(): Promise<void> };

async function serveHttp(app: FastifyInstance, port: number, host: string): Promise<Served> {
  await app.listen({ port, host });
  const address = app.server.address();
  return { port: typeof address === 'object' && address ? address.port : port, close: () => Promise.resolve() };
}

/** HTTPS with the data folder's self-signed certificate (created on first use, see https.ts). */
async function serveHttps(app: FastifyInstance, options: LocalOrgOptions, host: string): Promise<Served> {
  const dir = options.dataDir === ':memory:' ? undefined : options.dataDir;
  const tls = loadOrCreateCertificate(dir, certificateHosts(host));
  const { server, port } = await listenHttps(app, tls, options.port, host);
  return { port, certPath: tls.certPath, close: () => closeHttps(server) };
}
