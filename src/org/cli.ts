import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startLocalOrg, type LocalOrg } from './localOrg.js';
import { ADMIN_USERNAME, LOCAL_CONNECTED_APP, SEED_PASSWORD } from './seeds/empty.js';
import { SEED_NAMES } from './seeds/index.js';

const USAGE = `Usage: npm run org -- [--port <n>] [--data <dir>] [--seed <${SEED_NAMES.join('|')}>] [--host <addr>]

  --port   port to listen on; 0 picks a free one (default 6101)
  --data   folder of the org's SQLite database (default .data/org); data survives restarts
  --seed   data for a new database (default demo); an existing database is kept as it is
  --host   address to bind (default 127.0.0.1)`;

const optionsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  data: z.string().min(1),
  seed: z.enum(SEED_NAMES as [string, ...string[]]),
  host: z.string().min(1),
});

/** `npm run org`: starts the local org and keeps it running until Ctrl-C. */
export async function main(argv: string[], projectRoot: string): Promise<LocalOrg | undefined> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '6101' },
        data: { type: 'string', default: '.data/org' },
        seed: { type: 'string', default: 'demo' },
        host: { type: 'string', default: '127.0.0.1' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return undefined;
  }
  if (values.help) {
    console.log(USAGE);
    return undefined;
  }
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) {
    console.error(`${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n\n${USAGE}`);
    process.exitCode = 2;
    return undefined;
  }
  const options = parsed.data;
  const org = await startLocalOrg({
    port: options.port,
    host: options.host,
    dataDir: resolve(projectRoot, options.data),
    seed: options.seed as 'empty' | 'demo',
    objectsDir: resolve(projectRoot, 'force-app/main/default/objects'),
  });
  const stop = (): void => {
    void org.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`Local org ready at ${org.url}`);
  console.log(
    `Logins: ${ADMIN_USERNAME} (and the demo users) / password "${SEED_PASSWORD}"; OAuth client ${LOCAL_CONNECTED_APP.consumerKey} / ${LOCAL_CONNECTED_APP.consumerSecret}`,
  );
  return org;
}
