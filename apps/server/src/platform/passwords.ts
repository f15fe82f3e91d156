import { hash, parseOptions, verify } from '@node-rs/argon2';

/** argon2id parameters; `needsRehash` lets login upgrade old hashes when these change. */
export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

const ARGON2ID = 2;

export function argon2Params(memoryKiB: number): Argon2Params {
  return { memoryCost: memoryKiB, timeCost: 2, parallelism: 1 };
}

export function hashPassword(pw: string, p: Argon2Params): Promise<string> {
  return hash(pw, { ...p, algorithm: ARGON2ID });
}

export async function verifyPassword(stored: string, pw: string): Promise<boolean> {
  try {
    return await verify(stored, pw);
  } catch {
    return false;
  }
}

export function needsRehash(stored: string, p: Argon2Params): boolean {
  try {
    const o = parseOptions(stored);
    return (
      o.algorithm !== ARGON2ID ||
      o.memoryCost !== p.memoryCost ||
      o.timeCost !== p.timeCost ||
      o.parallelism !== p.parallelism
    );
  } catch {
    return true;
  }
}

/**
 * A hash of a password nobody knows, verified when the username does not exist so that a wrong
 * username costs the same time as a wrong password.
 */
let dummy: Promise<string> | null = null;
export function dummyHash(p: Argon2Params): Promise<string> {
  dummy ??= hashPassword('not-a-real-account-password', p);
  return dummy;
}
