/** Authentication of the local org: users' passwords, connected apps, sessions and the login endpoints. */
export { registerAuthRoutes } from './routes.js';
export { ensureAuthTables } from './tables.js';
export { setPassword, setPasswords } from './users.js';
export { type ConnectedApp, registerConnectedApp } from './apps.js';
export {
  type AuthSettings,
  authenticateBearer,
  configureAuth,
  DEFAULT_AUTH_SETTINGS,
  expireSession,
  getAuthSettings,
  type IssuedSession,
  issueSession,
  revokeUserSessions,
} from './sessions.js';
