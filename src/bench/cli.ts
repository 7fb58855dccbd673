import { parseArgs } from 'node:util';
import { z } from 'zod';
import { formatReport, type BenchReport } from './measure.js';
import { benchOrg } from './org.js';

const USAGE = `Usage: npm run bench -- <scenario> [options] [--json]

Scenarios:
  org   the local org: query pages, collection updates and inserts on a large data set
        --accounts <n> (default 100000)  --writes <n> (default 4000)`;

const orgParams = z.object({
  accounts: z.coerce.number().int().min(2000).max(2_000_000).default(100_000),
  writes: z.coerce.number().int().min(200).max(4000).default(4000),
});

/** `npm run bench -- <scenario>`: runs one benchmark and prints a table, or one JSON document with --json. */
export async function main(argv: string[], projectRoot: string): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, accounts: { type: 'string' }, writes: { type: 'string' } },
  });
  const scenario = positionals[0];
  let report: BenchReport;
  switch (scenario) {
    case 'org':
      report = await benchOrg(orgParams.parse(values), projectRoot);
      break;
    default:
      console.error(USAGE);
      process.exitCode = 2;
      return;
  }
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
}
