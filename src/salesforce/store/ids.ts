/**
 * Salesforce Ids as the store compares them: always the 18-character, case-safe form, so an Id typed
 * in its 15-character form matches the one the API returns.
 */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

function suffix(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15.charAt(chunk * 5 + i);
      if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
    }
    out += SUFFIX_ALPHABET.charAt(bits);
  }
  return out;
}

/** The 18-character form of a 15- or 18-character Id; undefined for anything else. */
export function to18(id: string): string | undefined {
  if (!ID_PATTERN.test(id)) return undefined;
  if (id.length === 18) {
    // The suffix encodes the case of the first 15 characters: trust it, as Salesforce does.
    const id15 = restoreCase(id);
    return id15 === undefined ? undefined : id15 + suffix(id15);
  }
  return id + suffix(id);
}

function restoreCase(id18: string): string | undefined {
  let id15 = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX_ALPHABET.indexOf(id18.charAt(15 + chunk).toUpperCase());
    if (bits < 0) return undefined;
    for (let i = 0; i < 5; i++) {
      const ch = id18.charAt(chunk * 5 + i);
      const upper = (bits & (1 << i)) !== 0;
      if (upper && !/[a-zA-Z]/.test(ch)) return undefined;
      id15 += upper ? ch.toUpperCase() : ch.toLowerCase();
    }
  }
  return id15;
}

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
