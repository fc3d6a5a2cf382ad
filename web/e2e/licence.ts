/**
 * Issues a lab licence for the end-to-end server, the way `make run` provisions one
 * (scripts/provision-lab): a fresh Ed25519 key pair, its public key trusted in
 * <data-dir>/trusted-keys, and a one-day licence installed as <data-dir>/license.json.
 * Format `perfshop-license/1` as documented in docs/licence.md.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FORMAT = 'perfshop-license/1';
const b64url = (b: Buffer) => b.toString('base64url');
const second = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface IssuedLicence {
  /** The licence file's text (what an instructor uploads). */
  file: string;
  keyId: string;
}

export function provisionLicence(dataDir: string, now = new Date()): IssuedLicence {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const keyId = createHash('sha256').update(spki).digest().subarray(0, 8).toString('hex');
  // canonical claims: members in lexicographic order, no white space, second precision
  const claims = {
    edition: 'lab',
    expiresAt: second(new Date(now.getTime() + 24 * 3600_000)),
    features: ['chaos', 'pedagogy'],
    issuedAt: second(now),
    keyId,
    licensee: 'PerfShop end-to-end tests',
    notBefore: second(new Date(now.getTime() - 60_000)),
    seats: 100,
    v: 1,
  };
  const canonical = Buffer.from(JSON.stringify(claims), 'utf8');
  // the signature covers the format line and then the payload's bytes (the canonical JSON itself)
  const signature = b64url(sign(null, Buffer.concat([Buffer.from(`${FORMAT}\n`, 'ascii'), canonical]), privateKey));
  const payload = b64url(canonical);
  const file = JSON.stringify({ format: FORMAT, keyId, payload, signature });
  mkdirSync(join(dataDir, 'trusted-keys'), { recursive: true });
  writeFileSync(join(dataDir, 'trusted-keys', 'e2e.pub'), publicKey.export({ type: 'spki', format: 'pem' }) as string);
  writeFileSync(join(dataDir, 'license.json'), file);
  return { file, keyId };
}
