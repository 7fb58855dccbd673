/** Reading a departing user's book of business from an org (see book.ts for the query plan). */
export {
  readBookOfBusiness,
  type BookOfBusiness,
  type ReadOptions,
  type ReadProgress,
  type ReadStats,
} from './book.js';
export { orgCalendarInfo, resolveUser, type OrgCalendarInfo } from './user.js';
export { OWNER_BEARING_STANDARD_OBJECTS, type Skipped } from './owned.js';
