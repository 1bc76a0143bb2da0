/**
 * PBKDF2 parameters for new password hashes, apart from the hashing code so tools (the
 * edge benchmark) can print them without loading WebCrypto code.
 */

/** Iterations for new hashes; also the per-call maximum Workers allow. */
export const PBKDF2_ITERATIONS = 100_000;
export const MAX_ITERATIONS_PER_CALL = 100_000;
export const MIN_ITERATIONS = 10_000;
export const SALT_BYTES = 16;
export const KEY_BYTES = 32;
export const SCHEME = "pbkdf2-sha256";
