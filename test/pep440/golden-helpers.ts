/** Loading the PEP 440 goldens and reporting mismatches readably. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const goldenDir = path.join(repoRoot, 'test/goldens/pep440');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const sharedOracleDir = path.join(sharedDir, 'oracle/samples/expected');
export const hasShared = existsSync(sharedOracleDir);

/** The cases of one golden file written by scripts/oracle/gen-pep440-goldens.py. */
export function loadGolden<T>(name: string): T[] {
  const data = JSON.parse(readFileSync(path.join(goldenDir, name), 'utf8')) as { packaging: string; cases: T[] };
  if (data.packaging !== '26.2') throw new Error(`${name} was generated with packaging ${data.packaging}`);
  return data.cases;
}

/** Read a JSON file of the shared pip oracle goldens. */
export function loadShared<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(sharedOracleDir, name), 'utf8')) as T;
}

/** Collects mismatches and fails with the first few of them spelled out. */
export class Mismatches {
  private readonly items: string[] = [];
  private checked = 0;

  constructor(private readonly what: string) {}

  check(ok: boolean, describe: () => unknown): void {
    this.checked++;
    if (ok) return;
    const d = describe();
    const text = typeof d === 'string' ? d : JSON.stringify(d);
    this.items.push(text.length > 400 ? `${text.slice(0, 400)}…` : text);
  }

  get count(): number {
    return this.checked;
  }

  /** Throws when anything disagreed, listing the first 15 cases. */
  assertNone(): void {
    if (this.items.length === 0) return;
    const head = this.items.slice(0, 15).map((m) => `  - ${m}`).join('\n');
    throw new Error(`${this.items.length} of ${this.checked} ${this.what} disagree with packaging 26.2:\n${head}`);
  }
}
