/** Bulk API 2.0 of the local org (ingest and query jobs). */
export { registerBulkRoutes } from './routes.js';
