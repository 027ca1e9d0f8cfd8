/** Exit codes, as ESLint and knip use them. */
export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;

/** Bad arguments, a missing root or an invalid config: exit 2 with a one-line message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
