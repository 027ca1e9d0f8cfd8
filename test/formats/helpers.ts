/** Shared helpers for the format tests: the vendored format corpus and golden files. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const formatCorpus = path.join(repoRoot, 'test/corpus-formats');
export const formatGoldens = path.join(repoRoot, 'test/goldens/formats');

/** Every vendored file whose base name passes `keep`, as POSIX paths relative to the corpus. */
export function corpusFiles(keep: (name: string) => boolean, dir = formatCorpus, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    const p = rel ? `${rel}/${name}` : name;
    if (statSync(path.join(dir, p)).isDirectory()) out.push(...corpusFiles(keep, dir, p));
    else if (keep(name)) out.push(p);
  }
  return out;
}

export function readCorpus(rel: string): string {
  return readFileSync(path.join(formatCorpus, rel), 'utf8');
}

export function readGolden<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(formatGoldens, name), 'utf8')) as T;
}
