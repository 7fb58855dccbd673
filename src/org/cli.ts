import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  SETTING_FLAGS_USAGE,
  settingFlagOptions,
  settingsFromEnv,
  settingsFromFlags,
  type SettingsPatch,
} from './faults/index.js';
import { startLocalOrg, type LocalOrg } from './localOrg.js';
import { ADMIN_USERNAME, LOCAL_CONNECTED_APP, SEED_PASSWORD } from './seeds/empty.js';
import { parseSeedName, SEED_USAGE, type SeedName } from './seeds/index.js';

const USAGE = `Usage: npm run org -- [--port <n>] [--data <dir>] [--seed <${SEED_USAGE}>] [--host <addr>] [--https] [--sf-aliases] [fault options]

  --port   port to listen on; 0 picks a free one (default 6101)
  --data   folder of the org's SQLite database (default .data/org); data survives restarts
  --seed   data for a new database (default demo); an existing database is kept as it is.
           scale:<accounts>[:<share>] writes N accounts with contacts, deals, cases and activities,
           the departing rep owning <share> of them (0..1 or a percentage like 40%; default 25%)
  --host   address to bind (default 127.0.0.1)
  --https  serve HTTPS with a self-signed certificate kept in the data folder (trust it with
           NODE_EXTRA_CA_CERTS=<data>/cert.pem)
  --sf-aliases  register the active users in the sf CLI's store as local-<name> (local-admin, local-manager, ...)

Fault options (also as environment variables; a flag wins over its variable):
${SETTING_FLAGS_USAGE}`;

const optionsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  data: z.string().min(1),
  seed: z.string().refine((name) => parseSeedName(name) !== undefined, { message: `expected ${SEED_USAGE}` }),
  host: z.string().min(1),
  https: z.boolean(),
  'sf-aliases': z.boolean(),
});

type CliOptions = z.infer<typeof optionsSchema> & { settings: SettingsPatch };

/** `npm run org`: starts the local org and keeps it running until Ctrl-C. */
export async function main(argv: string[], projectRoot: string): Promise<LocalOrg | undefined> {
  const options = parseOptions(argv);
  if (!options) return undefined;
  const org = await startLocalOrg({
    port: options.port,
    host: options.host,
    dataDir: resolve(projectRoot, options.data),
    seed: options.seed as SeedName,
    objectsDir: resolve(projectRoot, 'force-app/main/default/objects'),
    settings: options.settings,
    https: options.https,
  });
  const stop = (): void => {
    void org.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (options['sf-aliases']) await announceSfAliases(org);
  console.log(`Local org ready at ${org.url}`);
  console.log(
    `Logins: ${ADMIN_USERNAME} (and the demo users) / password "${SEED_PASSWORD}"; OAuth client ${LOCAL_CONNECTED_APP.consumerKey} / ${LOCAL_CONNECTED_APP.consumerSecret}`,
  );
  if (org.certPath) console.log(`HTTPS certificate: ${org.certPath} (NODE_EXTRA_CA_CERTS=${org.certPath})`);
  const injected = Object.entries(options.settings);
  if (injected.length > 0) console.log(`Settings: ${injected.map(([k, v]) => `${k}=${String(v)}`).join(', ')}`);
  return org;
}

/** The options of a command line, or undefined after printing help or a usage error (exit code 2). */
function parseOptions(argv: string[]): CliOptions | undefined {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '6101' },
        data: { type: 'string', default: '.data/org' },
        seed: { type: 'string', default: 'demo' },
        host: { type: 'string', default: '127.0.0.1' },
        https: { type: 'boolean', default: false },
        'sf-aliases': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
        ...settingFlagOptions(),
      },
    }));
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return undefined;
  }
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success)
    return usageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  try {
    return { ...parsed.data, settings: { ...settingsFromEnv(process.env), ...settingsFromFlags(values) } };
  } catch (error) {
    return usageError((error as Error).message);
  }
}

function usageError(message: string): undefined {
  console.error(`${message}\n\n${USAGE}`);
  process.exitCode = 2;
  return undefined;
}

/** --sf-aliases: registers the users before the org reports ready, so that scripts may use them at once. */
async function announceSfAliases(org: LocalOrg): Promise<void> {
  try {
    const { registerSfAliases } = await import('./sfAliases.js');
    const aliases = await registerSfAliases(org);
    console.log(`sf aliases: ${aliases.map((a) => a.alias).join(', ')} (try: sf org display -o local-admin)`);
  } catch (error) {
    console.error(`Could not register the sf aliases: ${(error as Error).message}`);
  }
}
