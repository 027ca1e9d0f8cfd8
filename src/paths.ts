/**
 * Files shipped beside the code (package.json, the rule pages and presets in rules/). The same code
 * runs from src/<dir>/*.ts under vitest and bundled as dist/cli.js or a dist/chunks/ file, at
 * different depths, so a fixed `new URL('../../rules/', import.meta.url)` is right for only one of them.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The nearest directory above this module that holds a package.json: the depaudit package. */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return (root = dir);
}

/** A file of the package's rules/ folder: `<id>.md` rule pages, `<preset>.json` presets. */
export function rulesFile(name: string): string {
  return path.join(packageRoot(), 'rules', name);
}
