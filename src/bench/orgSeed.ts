import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAuthTables } from '../org/auth/index.js';
import type { OrgContext } from '../org/context.js';
import { ensureTables, openDatabase } from '../org/db.js';
import { makeId } from '../org/ids.js';
import { RecordStore } from '../org/records.js';
import { loadSchema } from '../org/schema/metadata.js';
import { seedEmpty } from '../org/seeds/empty.js';
import { seedScale } from '../org/seeds/scale.js';
import { DEFAULT_SETTINGS } from '../org/settings.js';
import { result, timed, type BenchResult } from './measure.js';

export type ScaleSeedBenchOptions = {
  /** force-app/main/default/objects of the project (default: found from this file). */
  objectsDir?: string;
  /** Departing share of the seed (default 25%). */
  departingShare?: number;
};

/** Rows per second the scale seed should reach on a developer machine. */
export const SCALE_SEED_TARGET_ROWS_PER_SECOND = 50_000;

const DEFAULT_OBJECTS_DIR = fileURLToPath(new URL('../../force-app/main/default/objects', import.meta.url));

/**
 * Seeds `scale:<accounts>` into a fresh file database, in one transaction as a new local org does,
 * and reports the rows written per second (target 50,000+). The empty seed's rows (profiles, the
 * admin, the connected app) are set up before the clock starts.
 */
export async function benchScaleSeed(accounts: number, options: ScaleSeedBenchOptions = {}): Promise<BenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'handover-bench-seed-'));
  const db = openDatabase(join(dataDir, 'org.sqlite'));
  try {
    const schema = loadSchema(options.objectsDir ?? DEFAULT_OBJECTS_DIR);
    ensureTables(db, schema);
    ensureAuthTables(db);
    const ctx: OrgContext = {
      db,
      schema,
      orgId: makeId('00D', 1),
      timeZone: 'Asia/Shanghai',
      baseUrl: '',
      now: () => new Date(),
      settings: { ...DEFAULT_SETTINGS },
    };
    const store = new RecordStore(ctx);
    const base = store.transaction(() => seedEmpty(ctx, store));
    const cpuBefore = process.cpuUsage();
    const run = await timed(() =>
      store.transaction(() =>
        seedScale(ctx, store, base, { accounts, departingShare: options.departingShare ?? 0.25 }),
      ),
    );
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
    return result(`scale-seed ${accounts} accounts`, run.value.rows, 0, run.wallMs, {
      ...run.value.totals,
      // On a busy machine wall time includes waiting for a core; CPU time shows the seed's own cost.
      cpuMs,
      rowsPerCpuSecond: cpuMs > 0 ? Math.round((run.value.rows / cpuMs) * 1000) : run.value.rows,
      targetRowsPerSecond: SCALE_SEED_TARGET_ROWS_PER_SECOND,
    });
  } finally {
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
