/** Ids the local org makes; checksums and 15/18 conversion come from core. */
import { idSuffix } from '../core/ids.js';

export { idSuffix, isIdShaped, to15, to18 } from '../core/ids.js';

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
