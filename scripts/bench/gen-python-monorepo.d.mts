/** Types for gen-python-monorepo.mjs (tests generate platforms with it). */
export function generate(options: { dir: string; services: number; deps: number; seed: number }): void;
