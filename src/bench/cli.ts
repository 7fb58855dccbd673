import { parseArgs } from 'node:util';
import { z } from 'zod';
import { formatReport, type BenchReport } from './measure.js';
import { benchOrg } from './org.js';
import { benchPull } from './pull.js';
import { benchReassign, REASSIGN_DEFAULTS, REASSIGN_SCENARIOS } from './reassign.js';

const USAGE = `Usage: npm run bench -- <scenario> [options] [--json]

Scenarios:
  org    the local org: query pages, collection updates and inserts on a large data set, Bulk API 2.0
         owner updates, and the scale seed's speed
         --accounts <n> (default 100000)  --writes <n> (default 4000)  --bulk-records <n> (default 100000)
         --seed-accounts <n> (default 10000)
  pull   building the handover of a departing user owning --accounts accounts (default 5000) with
         --latency-ms per API call (default 50), beside a naive per-account baseline
  reassign  moving a book of --records records (default 100000) to --successors successors (default 3)
         with --latency-ms per API call (default 50) and --server-ms for which each write keeps its
         records and their parents locked (default 0; a real org's server time): the engine in bulk
         and in collections mode
         (--concurrency, default 25), per-record PATCHes (--sample records, extrapolated), sequential
         collections, sf data update bulk, and a parallel-collections floor (diagnostic);
         --only <name,...> runs some of them`;

const orgParams = z.object({
  accounts: z.coerce.number().int().min(2000).max(2_000_000).default(100_000),
  writes: z.coerce.number().int().min(200).max(4000).default(4000),
  bulkRecords: z.coerce.number().int().min(1000).max(1_000_000).default(100_000),
  seedAccounts: z.coerce.number().int().min(100).max(200_000).default(10_000),
});

const reassignParams = z.object({
  records: z.coerce.number().int().min(10).max(1_000_000).default(REASSIGN_DEFAULTS.records),
  successors: z.coerce.number().int().min(1).max(20).default(REASSIGN_DEFAULTS.successors),
  latencyMs: z.coerce.number().int().min(0).max(5000).default(REASSIGN_DEFAULTS.latencyMs),
  serverMs: z.coerce.number().int().min(0).max(5000).default(REASSIGN_DEFAULTS.serverMs),
  concurrency: z.coerce.number().int().min(1).max(25).default(REASSIGN_DEFAULTS.concurrency),
  perRecordSample: z.coerce.number().int().min(1).max(1_000_000).default(REASSIGN_DEFAULTS.perRecordSample),
  only: z
    .string()
    .transform((s) => s.split(',').map((n) => n.trim()))
    .pipe(z.array(z.enum(REASSIGN_SCENARIOS)))
    .optional(),
});

const pullParams = z.object({
  accounts: z.coerce.number().int().min(10).max(50_000).default(5000),
  latencyMs: z.coerce.number().int().min(0).max(5000).default(50),
});

/** `npm run bench -- <scenario>`: runs one benchmark and prints a table, or one JSON document with --json. */
export async function main(argv: string[], projectRoot: string): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      accounts: { type: 'string' },
      writes: { type: 'string' },
      'bulk-records': { type: 'string' },
      'seed-accounts': { type: 'string' },
      'latency-ms': { type: 'string' },
      'server-ms': { type: 'string' },
      records: { type: 'string' },
      successors: { type: 'string' },
      concurrency: { type: 'string' },
      sample: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const scenario = positionals[0];
  let report: BenchReport;
  switch (scenario) {
    case 'org':
      report = await benchOrg(
        orgParams.parse({
          accounts: values.accounts,
          writes: values.writes,
          bulkRecords: values['bulk-records'],
          seedAccounts: values['seed-accounts'],
        }),
        projectRoot,
      );
      break;
    case 'pull':
      report = await benchPull(
        pullParams.parse({ accounts: values.accounts, latencyMs: values['latency-ms'] }),
        projectRoot,
      );
      break;
    case 'reassign':
      report = await benchReassign(
        reassignParams.parse({
          records: values.records,
          successors: values.successors,
          latencyMs: values['latency-ms'],
          serverMs: values['server-ms'],
          concurrency: values.concurrency,
          perRecordSample: values.sample,
          only: values.only,
        }),
        projectRoot,
      );
      break;
    default:
      console.error(USAGE);
      process.exitCode = 2;
      return;
  }
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
}
