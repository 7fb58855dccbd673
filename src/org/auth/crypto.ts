import { createHash, createHmac, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

/** 64 characters, so one random byte masked to 6 bits picks one without bias; all match Salesforce's `[.\w]`. */
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._';
const ALNUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` random characters of [A-Za-z0-9._] (or alphanumerics only). */
export function randomToken(length: number, alphanumericOnly = false): string {
  const alphabet = alphanumericOnly ? ALNUM_ALPHABET : TOKEN_ALPHABET;
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      const index = byte & 63;
      // Rejection sampling keeps the 62-character alphabet unbiased.
      if (index < alphabet.length && out.length < length) out += alphabet.charAt(index);
    }
  }
  return out;
}

/** How tokens and codes are stored: a lookup key that does not reveal the token. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** PKCE S256: BASE64URL(SHA256(verifier)) without padding. */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** The token response's `signature`: Base64 HMAC-SHA256 of id + issued_at, keyed with the consumer secret. */
export function tokenSignature(identityUrl: string, issuedAt: string, secret: string): string {
  return createHmac('sha256', secret)
    .update(identityUrl + issuedAt)
    .digest('base64');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

// scrypt cost: N=2^14, r=8, p=1 (about 16 MB and a few tens of ms per hash).
const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 } as const;

/** `scrypt$N$r$p$salt$hash`, parameters kept with the hash so they can change later. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, SCRYPT.keyLength, {
    N: SCRYPT.N,
    r: SCRYPT.r,
    p: SCRYPT.p,
  });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** A well-formed hash of an unknown password: checking against it costs the same time as a real check. */
const DECOY_HASH = hashPassword(randomToken(32));

/** Checks a password against a stored hash (or against a decoy when the user has none). Never throws. */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const parts = (stored ?? DECOY_HASH).split('$');
  const [scheme, n, r, p, salt, hash] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await new Promise<Buffer | undefined>((resolve) => {
    scrypt(
      password.normalize('NFC'),
      Buffer.from(salt, 'base64'),
      expected.length,
      { N: Number(n), r: Number(r), p: Number(p) },
      (error, key) => resolve(error ? undefined : key),
    );
  });
  return stored !== undefined && actual !== undefined && timingSafeEqual(actual, expected);
}
