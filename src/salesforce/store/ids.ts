/**
 * Salesforce Ids as the store compares them: always the 18-character, case-safe form, so an Id typed
 * in its 15-character form matches the one the API returns.
 */

import { to18 } from '../../core/ids.js';

export { to18 };

export function isId(value: string): boolean {
  return to18(value) !== undefined;
}

/** The 18-character form of an Id known to be well formed (rows the org returned). */
export function id18(id: string): string {
  return to18(id) ?? id;
}

export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}
