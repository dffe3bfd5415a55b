import { randomUUID } from "node:crypto";
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from "jose";

/**
 * The project's asymmetric JWT signing key (ES256, as a project with "JWT signing keys" enabled
 * has): signs GoTrue's access tokens and Storage's signed-URL tokens, and is published at
 * /auth/v1/.well-known/jwks.json so `getClaims()` verifies locally.
 */
export type Signer = {
  kid: string;
  jwks(): { keys: JWK[] };
  sign(claims: JWTPayload, lifetimeSeconds: number): Promise<string>;
  /** The payload when the signature holds and it has not expired; throws otherwise. */
  verify(token: string): Promise<JWTPayload>;
};

export async function createSigner(): Promise<Signer> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig", key_ops: ["verify"] };
  return {
    kid,
    jwks: () => ({ keys: [publicJwk] }),
    sign: (claims, lifetimeSeconds) => sign(privateKey, kid, claims, lifetimeSeconds),
    verify: async (token) => (await jwtVerify(token, publicKey)).payload,
  };
}

function sign(key: CryptoKey, kid: string, claims: JWTPayload, lifetimeSeconds: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims, iat: now, exp: now + lifetimeSeconds })
    .setProtectedHeader({ alg: "ES256", kid, typ: "JWT" })
    .sign(key);
}
