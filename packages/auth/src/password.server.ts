import { hash, verify } from "@node-rs/argon2";

/** OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** A light argon2id profile, only for machine-generated secrets of about 79 bits (see below). */
const GENERATED_SECRET_OPTIONS = { memoryCost: 4_096, timeCost: 1, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/**
 * Hashes a machine-generated initial password (generateInitialPassword, about 79
 * bits of randomness). Slow hashing protects guessable human passwords; a random
 * secret of that size cannot be brute-forced offline at any hashing speed, and it
 * must be replaced at the first login. The light profile lets a CSV import of
 * thousands of accounts finish in seconds instead of minutes (ADR 0004).
 * verifyPassword reads the parameters from the hash.
 */
export function hashGeneratedSecret(secret: string): Promise<string> {
  return hash(secret, GENERATED_SECRET_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a random password, verified against when the account does not exist,
 * so that a wrong e-mail address costs as much time as a wrong password.
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}`);
  return dummyHash;
}
