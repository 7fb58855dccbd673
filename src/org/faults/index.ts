import type { FastifyInstance } from 'fastify';
import type { OrgContext } from '../context.js';
import type { ApiUsage } from '../limits.js';
import { registerSettingsRoutes } from './admin.js';
import { registerFaultHooks } from './inject.js';

/**
 * Fault injection of the local org (latency, 503s, the daily API limit, the concurrent long-running
 * cap) and the admin endpoint that changes the settings while the org runs. Register it before the
 * REST routes so that its hook runs before authentication and counting.
 */
export function registerFaults(app: FastifyInstance, ctx: OrgContext, usage: ApiUsage): void {
  registerFaultHooks(app, ctx, usage);
  registerSettingsRoutes(app, ctx, usage);
}

export { applySettings, SETTINGS_PATH, type SettingsAnswer } from './admin.js';
export { callKind, faultStats, type FaultStats } from './inject.js';
export {
  SETTING_FLAGS_USAGE,
  SETTING_NAMES,
  SETTING_RULES,
  settingFlagOptions,
  settingsFromEnv,
  settingsFromFlags,
  type SettingsPatch,
} from './settings.js';
