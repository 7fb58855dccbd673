import type { FastifyInstance } from 'fastify';
import type { OrgContext } from '../context.js';
import { registerAuthorizeRoutes } from './authorize.js';
import { registerSoapRoutes } from './soap.js';
import { ensureAuthTables } from './tables.js';
import { registerTokenRoutes } from './token.js';
import { registerUserInfoRoutes } from './userinfo.js';

/**
 * The local org's login endpoints: SOAP login/logout, OAuth 2.0 (authorize, token, revoke),
 * userinfo and the identity service. Each route answers its errors in its own protocol's format.
 */
export function registerAuthRoutes(app: FastifyInstance, ctx: OrgContext): void {
  ensureAuthTables(ctx.db);
  registerSoapRoutes(app, ctx);
  registerTokenRoutes(app, ctx);
  registerAuthorizeRoutes(app, ctx);
  registerUserInfoRoutes(app, ctx);
}
