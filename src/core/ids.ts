/**
 * Salesforce record Ids: a 3-character key prefix, a 12-character body and, in the 18-character
 * form, a 3-character suffix that encodes the case of the first 15 characters. Shared by the product
 * and the local org.
 */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** The 3-character case-safe suffix of a 15-character Id. */
export function idSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15.charAt(chunk * 5 + i);
      if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/**
 * The 18-character form of a 15- or 18-character Id, or undefined when it is not Id-shaped or the
 * suffix does not fit. 18-character Ids are case-insensitive: the suffix restores the case.
 */
export function to18(id: string): string | undefined {
  if (!ID_PATTERN.test(id)) return undefined;
  const id15 = id.length === 18 ? restoreCase(id) : id;
  if (id15 === undefined) return undefined;
  return id15 + idSuffix(id15);
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

export function to15(id: string): string {
  return id.slice(0, 15);
}

export function isIdShaped(value: string): boolean {
  return to18(value) !== undefined;
}
