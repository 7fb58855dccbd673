import { z } from 'zod';
import type { OrgSettings } from '../settings.js';

/**
 * How each run-time setting is validated, named as a command-line flag and as an environment variable.
 * A setting without a rule here cannot be set from outside (flags, environment, admin endpoint).
 */
type SettingRule<K extends keyof OrgSettings> = { schema: z.ZodType<OrgSettings[K]>; flag: string; env: string };

type SettingRules = { [K in keyof OrgSettings]?: SettingRule<K> };

const milliseconds = z.number().int().min(0).max(600_000);

export const SETTING_RULES = {
  latencyMs: { schema: milliseconds, flag: 'latency-ms', env: 'HANDOVER_ORG_LATENCY_MS' },
  jitterMs: { schema: milliseconds, flag: 'jitter-ms', env: 'HANDOVER_ORG_JITTER_MS' },
  errorRate503: { schema: z.number().min(0).max(1), flag: 'error-rate-503', env: 'HANDOVER_ORG_ERROR_RATE_503' },
  dailyApiRequests: {
    schema: z.number().int().min(1).max(1_000_000_000),
    flag: 'daily-api-requests',
    env: 'HANDOVER_ORG_DAILY_API_REQUESTS',
  },
  maxConcurrentLongRequests: {
    schema: z.number().int().min(0).max(100_000),
    flag: 'max-concurrent-long-requests',
    env: 'HANDOVER_ORG_MAX_CONCURRENT_LONG_REQUESTS',
  },
  longRequestMs: {
    schema: z.number().int().min(1).max(3_600_000),
    flag: 'long-request-ms',
    env: 'HANDOVER_ORG_LONG_REQUEST_MS',
  },
  lockEmulation: { schema: z.boolean(), flag: 'lock-emulation', env: 'HANDOVER_ORG_LOCK_EMULATION' },
  lockWaitMs: { schema: milliseconds, flag: 'lock-wait-ms', env: 'HANDOVER_ORG_LOCK_WAIT_MS' },
  lockHoldMs: { schema: milliseconds, flag: 'lock-hold-ms', env: 'HANDOVER_ORG_LOCK_HOLD_MS' },
} satisfies SettingRules;

export type SettingName = keyof typeof SETTING_RULES;

export const SETTING_NAMES = Object.keys(SETTING_RULES) as SettingName[];

/** A JSON body of the admin endpoint: any subset of the settings, nothing else. */
export const settingsPatchSchema = z.strictObject(
  Object.fromEntries(SETTING_NAMES.map((name) => [name, SETTING_RULES[name].schema.optional()])) as {
    [K in SettingName]: z.ZodOptional<(typeof SETTING_RULES)[K]['schema']>;
  },
);

export type SettingsPatch = Partial<Pick<OrgSettings, SettingName>>;

/** A setting given as text (a flag or an environment variable), or an error message naming `source`. */
export function parseSettingText(
  name: SettingName,
  text: string,
  source: string,
): { ok: true; value: OrgSettings[SettingName] } | { ok: false; message: string } {
  const rule: SettingRule<SettingName> = SETTING_RULES[name];
  const raw = name === 'lockEmulation' ? textToBoolean(text) : textToNumber(text);
  const parsed = rule.schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, message: `${source}: ${parsed.error.issues.map((i) => i.message).join('; ')} (got "${text}")` };
}

function textToNumber(text: string): number | string {
  const trimmed = text.trim();
  return trimmed === '' || Number.isNaN(Number(trimmed)) ? text : Number(trimmed);
}

function textToBoolean(text: string): boolean | string {
  const lower = text.trim().toLowerCase();
  if (['true', '1', 'on', 'yes'].includes(lower)) return true;
  if (['false', '0', 'off', 'no'].includes(lower)) return false;
  return text;
}

/**
 * The settings given by HANDOVER_ORG_* environment variables. Throws an Error listing every bad
 * variable; unset and empty variables are ignored.
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv): SettingsPatch {
  return collect(SETTING_NAMES.map((name) => [name, env[SETTING_RULES[name].env], SETTING_RULES[name].env]));
}

/** The settings given as flags (`{ 'latency-ms': '200' }`, as node:util parseArgs returns them). */
export function settingsFromFlags(values: Record<string, unknown>): SettingsPatch {
  return collect(
    SETTING_NAMES.map((name) => {
      const value = values[SETTING_RULES[name].flag];
      return [name, typeof value === 'string' ? value : undefined, `--${SETTING_RULES[name].flag}`];
    }),
  );
}

function collect(entries: [SettingName, string | undefined, string][]): SettingsPatch {
  const patch: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const [name, text, source] of entries) {
    if (text === undefined || text.trim() === '') continue;
    const parsed = parseSettingText(name, text, source);
    if (parsed.ok) patch[name] = parsed.value;
    else errors.push(parsed.message);
  }
  if (errors.length > 0) throw new Error(errors.join('\n'));
  return patch;
}

/** parseArgs option declarations of the setting flags (all strings, validated afterwards). */
export function settingFlagOptions(): Record<string, { type: 'string' }> {
  return Object.fromEntries(SETTING_NAMES.map((name) => [SETTING_RULES[name].flag, { type: 'string' as const }]));
}

/** Usage lines of the setting flags. */
export const SETTING_FLAGS_USAGE = `  --latency-ms <n>       delay added to every API call (env HANDOVER_ORG_LATENCY_MS; default 0)
  --jitter-ms <n>        plus a random 0..n ms (HANDOVER_ORG_JITTER_MS)
  --error-rate-503 <r>   share 0..1 of API calls answered 503 SERVER_UNAVAILABLE (HANDOVER_ORG_ERROR_RATE_503)
  --daily-api-requests <n>  DailyApiRequests; past it 403 REQUEST_LIMIT_EXCEEDED (HANDOVER_ORG_DAILY_API_REQUESTS)
  --max-concurrent-long-requests <n>  long-running calls allowed at once, 0 = no cap (HANDOVER_ORG_MAX_CONCURRENT_LONG_REQUESTS)
  --long-request-ms <n>  a call is long-running after n ms (HANDOVER_ORG_LONG_REQUEST_MS; default 20000)
  --lock-wait-ms <n>     how long a write waits for a record lock (HANDOVER_ORG_LOCK_WAIT_MS; default 10000)
  --lock-hold-ms <n>     how long a write keeps its record locks (HANDOVER_ORG_LOCK_HOLD_MS; default 0)
  --lock-emulation <on|off>  record-lock emulation (HANDOVER_ORG_LOCK_EMULATION; default on)`;
