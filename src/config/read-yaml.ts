/** Reading a config file (YAML, or JSON, which is YAML too); its own module, loaded only for a config file. */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { UsageError } from '../errors.js';

/** A YAML (or JSON) file as data. */
export function readYaml(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    // yaml repeats the position ("... at line 3, column 3:"); the prefix already gives it.
    const what = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new UsageError(`${file}${pos ? `:${pos.line}:${pos.col}` : ''}: invalid YAML: ${what}`);
  }
  // Aliases are capped so a hostile config cannot expand exponentially.
  try {
    return doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    throw new UsageError(`${file}: invalid YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
}
