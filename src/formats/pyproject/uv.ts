/**
 * `[tool.uv]`: constraint and override dependencies (python-manifests.md §5.4), the deprecated
 * `dev-dependencies`, and indexes (`[[tool.uv.index]]`, `index-url`, `extra-index-url`) as options.
 */
import type { DeclarationMeta } from './declare.js';
import type { TomlContext } from './toml-context.js';
import { field, type TomlTable } from './toml-read.js';

const LISTS: Array<[key: string, meta: DeclarationMeta, constraint: boolean]> = [
  ['constraint-dependencies', { group: 'main', role: 'constraint', dialect: 'pep508' }, true],
  ['build-constraint-dependencies', { group: 'build', role: 'constraint', dialect: 'pep508' }, true],
  ['override-dependencies', { group: 'main', role: 'override', dialect: 'pep508' }, false],
  ['dev-dependencies', { group: 'dev', role: 'dev', dialect: 'pep508' }, false],
];

export function readUv(c: TomlContext, uv: TomlTable): void {
  const base = ['tool', 'uv'];
  for (const [key, meta, constraint] of LISTS) {
    const value = field(uv, key);
    if (value !== undefined) c.pep508List([...base, key], value, meta, constraint);
  }
  const indexUrl = field(uv, 'index-url');
  if (typeof indexUrl === 'string') c.out.options.push({ line: c.at([...base, 'index-url']).line, name: '--index-url', value: indexUrl });
  const extra = field(uv, 'extra-index-url');
  if (Array.isArray(extra)) {
    extra.forEach((u, i) => {
      if (typeof u === 'string') c.out.options.push({ line: c.at([...base, 'extra-index-url', i]).line, name: '--extra-index-url', value: u });
    });
  }
  const indexes = field(uv, 'index');
  if (Array.isArray(indexes)) {
    indexes.forEach((index, i) => {
      const url = field(index, 'url');
      if (typeof url !== 'string') return;
      const name = field(index, 'default') === true ? '--index-url' : '--extra-index-url';
      c.out.options.push({ line: c.at([...base, 'index', i, 'url']).line, name, value: url });
    });
  }
}
