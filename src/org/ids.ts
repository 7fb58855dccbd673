/** Ids the local org makes; checksums and 15/18 conversion come from core. */
import { idSuffix, to18 as coreTo18 } from '../core/ids.js';

export { idSuffix, isIdShaped, to15 } from '../core/ids.js';

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The 18-character form of a 15- or 18-character Id, as core/ids.ts computes it. Every write converts
 * the same Ids several times (its lock keys, its load, its lookups), nearly always Ids already in their
 * 18-character form: those are checked in place and returned as they are; any other string takes the
 * general conversion.
 */
export function to18(id: string): string | undefined {
  return isCanonical18(id) ? id : coreTo18(id);
}

/** An 18-character Id whose first 15 characters have the case its (upper-case) suffix says. */
function isCanonical18(id: string): boolean {
  if (id.length !== 18) return false;
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX_ALPHABET.indexOf(id.charAt(15 + chunk));
    if (bits < 0) return false;
    for (let i = 0; i < 5; i++) {
      const code = id.charCodeAt(chunk * 5 + i);
      const upper = code >= 65 && code <= 90;
      const lower = code >= 97 && code <= 122;
      const digit = code >= 48 && code <= 57;
      if ((bits & (1 << i)) !== 0 ? !upper : !(lower || digit)) return false;
    }
  }
  return true;
}

const BODY_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Ids share one sequence per key prefix; the org id forms the pod/instance characters. */
export function makeId(keyPrefix: string, sequence: number, instance = '5g'): string {
  let body = '';
  let n = sequence;
  for (let i = 0; i < 8; i++) {
    body = BODY_ALPHABET.charAt(n % 62) + body;
    n = Math.floor(n / 62);
  }
  // prefix(3) + instance(2) + reserved '0' + body(9 incl. a leading 0) = 15
  const id15 = `${keyPrefix}${instance}0${'0'}${body}`.slice(0, 15);
  return id15 + idSuffix(id15);
}

/** The sequence number encoded in an Id made by makeId. */
export function idSequence(id: string): number {
  let n = 0;
  for (const ch of id.slice(7, 15)) n = n * 62 + BODY_ALPHABET.indexOf(ch);
  return n;
}
