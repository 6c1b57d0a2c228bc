import { hash, verify } from '@node-rs/argon2';
import type { Config } from '../config.js';
import { fieldError } from '../http/errors.js';

// Algorithm.Argon2id in @node-rs/argon2 (a const enum that isolatedModules cannot import).
const ARGON2ID = 2;

/** argon2id password hashing and the password policy (等保: complexity, length). */
export class PasswordHasher {
  constructor(private readonly config: Pick<Config, 'argon2MemoryKiB' | 'argon2Iterations'>) {}

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: ARGON2ID, memoryCost: this.config.argon2MemoryKiB, timeCost: this.config.argon2Iterations, parallelism: 1 });
  }

  async verify(stored: string, password: string): Promise<boolean> {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  }
}

/**
 * At least 8 characters with three of: lower case, upper case, digits, symbols; not containing the
 * username. Throws a field error on `field` otherwise.
 */
export function checkPasswordPolicy(password: string, username: string, field = 'password'): void {
  if (password.length < 8 || password.length > 128) throw fieldError(field, 'password.length');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) throw fieldError(field, 'password.classes');
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) throw fieldError(field, 'password.containsUsername');
}
