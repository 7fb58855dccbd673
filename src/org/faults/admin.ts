import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OrgContext } from '../context.js';
import { OrgApiError } from '../errors.js';
import type { ApiUsage } from '../limits.js';
import { hasPermission } from '../permissions.js';
import { actorOf, apiVersion, type VersionParams } from '../rest/services.js';
import type { OrgSettings } from '../settings.js';
import { faultStats, resetErrorBudget, type FaultStats } from './inject.js';
import { SETTING_NAMES, settingsPatchSchema, type SettingsPatch } from './settings.js';

export const SETTINGS_PATH = '/services/data/:version/local/settings';

export type SettingsAnswer = OrgSettings & { faults: FaultStats };

/**
 * The local org's own admin endpoint (no Salesforce counterpart): GET answers the run-time settings,
 * PATCH changes some of them while the org runs. Only users with Modify All Data may use it.
 */
export function registerSettingsRoutes(app: FastifyInstance, ctx: OrgContext, usage: ApiUsage): void {
  app.get<{ Params: VersionParams }>(SETTINGS_PATH, (request) => {
    apiVersion(request.params.version);
    requireAdmin(ctx, request);
    return answer(ctx);
  });
  app.patch<{ Params: VersionParams }>(SETTINGS_PATH, (request) => {
    apiVersion(request.params.version);
    requireAdmin(ctx, request);
    applySettings(ctx, usage, parsePatch(request.body));
    return answer(ctx);
  });
}

/** Changes the settings in place (every part of the org reads ctx.settings at the time of use). */
export function applySettings(ctx: OrgContext, usage: ApiUsage, patch: SettingsPatch): void {
  const rateChanged = patch.errorRate503 !== undefined && patch.errorRate503 !== ctx.settings.errorRate503;
  Object.assign(ctx.settings, patch);
  usage.dailyLimit = ctx.settings.dailyApiRequests;
  if (rateChanged) resetErrorBudget(ctx);
}

function requireAdmin(ctx: OrgContext, request: FastifyRequest): void {
  if (!hasPermission(ctx, actorOf(request).userId, 'PermissionsModifyAllData')) {
    throw new OrgApiError(403, 'INSUFFICIENT_ACCESS', 'The local org settings need the Modify All Data permission.');
  }
}

function parsePatch(body: unknown): SettingsPatch {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new OrgApiError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object of settings.');
  }
  const parsed = settingsPatchSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const unknown = parsed.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : []));
  if (unknown.length > 0) {
    throw new OrgApiError(
      400,
      'INVALID_FIELD',
      `No such setting: ${unknown.join(', ')}. Settings: ${SETTING_NAMES.join(', ')}`,
      unknown,
    );
  }
  const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
  const message = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new OrgApiError(400, 'INVALID_TYPE_ON_FIELD_IN_RECORD', message, fields);
}

function answer(ctx: OrgContext): SettingsAnswer {
  return { ...ctx.settings, faults: faultStats(ctx) };
}
