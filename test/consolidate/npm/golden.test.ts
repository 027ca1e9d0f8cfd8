/**
 * Whole workspaces, before and after: a pnpm workspace whose pnpm-workspace.yaml is full of
 * comments, and an npm workspace whose files mix range styles, CRLF, a BOM, tabs and a missing
 * final newline. The expected texts are written out in full, so any stray byte fails.
 */
import { describe, expect, it } from 'vitest';
import { describeNpmChange } from '../../../src/consolidate/npm/index.js';
import { apply, plan, type Files } from './helpers.js';

const PNPM_BEFORE: Files = {
  'pnpm-workspace.yaml': [
    '# Workspace layout',
    'packages:',
    "  - 'apps/*'",
    "  - 'packages/*'",
    '',
    '# Versions every package shares. Keep sorted.',
    'catalog:',
    '  # runtime',
    '  react: ^18.2.0 # bump with react-dom',
    "  'react-dom': '^18.2.0'",
    '',
    '  # tooling',
    '  typescript: ~5.4.0',
    '',
    'catalogs:',
    '  legacy:',
    '    react: ^16.14.0 # old admin',
    '',
  ].join('\n'),
  'package.json': '{\n  "name": "root",\n  "private": true,\n  "devDependencies": {\n    "typescript": "catalog:",\n    "prettier": "^3.2.0"\n  }\n}\n',
  'apps/web/package.json': [
    '{',
    '  "name": "web",',
    '  "dependencies": {',
    '    "react": "^18.3.1",',
    '    "react-dom": "catalog:",',
    '    "@acme/ui": "workspace:*",',
    '    "lodash": "^4.17.20",',
    '    "zod": "^3.22.0"',
    '  },',
    '  "devDependencies": {',
    '    "typescript": "~5.4.5",',
    '    "prettier": "3.2.5"',
    '  }',
    '}',
    '',
  ].join('\n'),
  'apps/admin/package.json': '{\n  "name": "admin",\n  "dependencies": {\n    "react": "catalog:legacy",\n    "lodash": "4.17.21",\n    "zod": ">=3.22.0 <4"\n  }\n}\n',
  'packages/ui/package.json': [
    '{',
    '  "name": "@acme/ui",',
    '  "version": "2.0.0",',
    '  "peerDependencies": {',
    '    "react": "^17.0.0 || ^18.0.0"',
    '  },',
    '  "devDependencies": {',
    '    "react": "18.2.0",',
    '    "prettier": "^3.2.0"',
    '  }',
    '}',
    '',
  ].join('\n'),
};

describe('a pnpm workspace', () => {
  const p = plan(PNPM_BEFORE, { strategy: 'highest' });
  const after = apply(PNPM_BEFORE, p);

  it('moves shared versions into the default catalog, comments and order kept', () => {
    expect(after['pnpm-workspace.yaml']).toBe(
      [
        '# Workspace layout',
        'packages:',
        "  - 'apps/*'",
        "  - 'packages/*'",
        '',
        '# Versions every package shares. Keep sorted.',
        'catalog:',
        '  lodash: 4.17.21',
        '  prettier: 3.2.5',
        '  # runtime',
        '  react: ^18.3.1 # bump with react-dom',
        "  'react-dom': '^18.2.0'",
        '',
        '  # tooling',
        '  typescript: ~5.4.5',
        '  zod: ^3.22.0',
        '',
        'catalogs:',
        '  legacy:',
        '    react: ^16.14.0 # old admin',
        '',
      ].join('\n'),
    );
  });

  it('rewrites only the values that move to catalog:', () => {
    expect(after['package.json']).toBe('{\n  "name": "root",\n  "private": true,\n  "devDependencies": {\n    "typescript": "catalog:",\n    "prettier": "catalog:"\n  }\n}\n');
    expect(after['apps/web/package.json']).toBe(
      [
        '{',
        '  "name": "web",',
        '  "dependencies": {',
        '    "react": "catalog:",',
        '    "react-dom": "catalog:",',
        '    "@acme/ui": "workspace:*",',
        '    "lodash": "catalog:",',
        '    "zod": "catalog:"',
        '  },',
        '  "devDependencies": {',
        '    "typescript": "catalog:",',
        '    "prettier": "catalog:"',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    // catalog:legacy stays, and `>=3.22.0 <4` is not a plain range: it stays as written.
    expect(after['apps/admin/package.json']).toBe(PNPM_BEFORE['apps/admin/package.json']!.replace('"4.17.21"', '"catalog:"'));
    // The peer range is never touched; the devDependency moves.
    expect(after['packages/ui/package.json']).toBe(PNPM_BEFORE['packages/ui/package.json']!.replace('"18.2.0"', '"catalog:"').replace('"^3.2.0"', '"catalog:"'));
  });

  it('lists every change and every package it leaves', () => {
    expect(p.diagnostics).toEqual([]);
    expect(p.changes.map((c) => `${c.path}:${c.line ?? '-'} ${describeNpmChange(c)}`)).toEqual([
      'apps/admin/package.json:5 catalog         lodash 4.17.21 -> catalog: (4.17.21)',
      'apps/web/package.json:4 catalog         react ^18.3.1 -> catalog: (^18.3.1)',
      'apps/web/package.json:7 catalog         lodash ^4.17.20 -> catalog: (4.17.21, up)',
      'apps/web/package.json:8 catalog         zod ^3.22.0 -> catalog: (^3.22.0)',
      'apps/web/package.json:11 catalog         typescript ~5.4.5 -> catalog: (~5.4.5)',
      'apps/web/package.json:12 catalog         prettier 3.2.5 -> catalog: (3.2.5)',
      'package.json:6 catalog         prettier ^3.2.0 -> catalog: (3.2.5, up)',
      'packages/ui/package.json:8 catalog         react 18.2.0 -> catalog: (^18.3.1, up)',
      'packages/ui/package.json:9 catalog         prettier ^3.2.0 -> catalog: (3.2.5, up)',
      'pnpm-workspace.yaml:9 catalog-updated react ^18.2.0 -> ^18.3.1 (catalog, up)',
      'pnpm-workspace.yaml:13 catalog-updated typescript ~5.4.0 -> ~5.4.5 (catalog, up)',
      'pnpm-workspace.yaml:- catalog-added   lodash 4.17.21',
      'pnpm-workspace.yaml:- catalog-added   prettier 3.2.5',
      'pnpm-workspace.yaml:- catalog-added   zod ^3.22.0',
    ]);
    expect(p.kept).toEqual([{ package: 'zod', reason: ">=3.22.0 <4 (apps/admin/package.json) is not a plain version range: left as written, not moved to the catalog's ^3.22.0" }]);
  });

  it('a second run changes nothing', () => {
    const again = plan(after, { strategy: 'highest' });
    expect(again.edits).toEqual([]);
    expect(again.changes).toEqual([]);
  });
});

const CRLF = '\ufeff{\r\n  "name": "api",\r\n  "dependencies": {\r\n    "express": "^4.18.2",\r\n    "lodash": "~4.17.15",\r\n    "react": ">=16.8 <19",\r\n    "typescript": "5.3.3"\r\n  }\r\n}\r\n';
const NPM_BEFORE: Files = {
  'package.json': '{\n  "name": "root",\n  "private": true,\n  "workspaces": ["services/*"],\n  "devDependencies": {\n    "typescript": "^5.4.2"\n  }\n}\n',
  'services/api/package.json': CRLF,
  'services/web/package.json': '{\n\t"name": "web",\n\t"dependencies": {\n\t\t"express": "4.19.2",\n\t\t"lodash": "^4.17.21",\n\t\t"react": "^18.2.0"\n\t},\n\t"devDependencies": {\n\t\t"typescript": "~5.3.0"\n\t}\n}',
  'services/worker/package.json': '{"name":"worker","dependencies":{"express":">=4.17.0","lodash":"npm:lodash-es@^4.17.21","react":"^17.0.2 || ^18.0.0"},"optionalDependencies":{"typescript":"latest"}}\n',
};

describe('an npm workspace', () => {
  const p = plan(NPM_BEFORE, { strategy: 'highest' });
  const after = apply(NPM_BEFORE, p);

  it('aligns only the deviating values, each in its own style and its own file format', () => {
    expect(p.diagnostics).toEqual([]);
    expect(after['services/api/package.json']).toBe(CRLF.replace('"^4.18.2"', '"^4.19.2"').replace('"~4.17.15"', '"~4.17.21"').replace('"5.3.3"', '"5.4.2"'));
    expect(after['services/web/package.json']).toBe(NPM_BEFORE['services/web/package.json']!.replace('"~5.3.0"', '"~5.4.2"'));
    expect(after['services/worker/package.json']).toBe(NPM_BEFORE['services/worker/package.json']!.replace('">=4.17.0"', '">=4.19.2"'));
    expect(after['package.json']).toBe(NPM_BEFORE['package.json']);
    expect(p.edits.map((e) => e.path)).toEqual(['services/api/package.json', 'services/web/package.json', 'services/worker/package.json']);
  });

  it('reports the changes, and the ranges it leaves alone', () => {
    expect(p.changes.map((c) => `${c.path}:${c.line} ${describeNpmChange(c)}`)).toEqual([
      'services/api/package.json:4 aligned         express ^4.18.2 -> ^4.19.2 (dependencies, up)',
      'services/api/package.json:5 aligned         lodash ~4.17.15 -> ~4.17.21 (dependencies, up)',
      'services/api/package.json:7 aligned         typescript 5.3.3 -> 5.4.2 (dependencies, up)',
      'services/web/package.json:9 aligned         typescript ~5.3.0 -> ~5.4.2 (devDependencies, up)',
      'services/worker/package.json:1 aligned         express >=4.17.0 -> >=4.19.2 (dependencies, up)',
    ]);
    expect(p.kept).toEqual([
      { package: 'react', reason: '>=16.8 <19 (services/api/package.json), ^17.0.2 || ^18.0.0 (services/worker/package.json) are not plain version ranges: left as written' },
    ]);
  });

  it('a second run changes nothing', () => {
    expect(plan(after, { strategy: 'highest' }).edits).toEqual([]);
  });

  it('lowest and most-common pick other targets', () => {
    const low = plan(NPM_BEFORE, { strategy: 'lowest' });
    expect(low.changes.filter((c) => c.package === 'typescript').map((c) => `${c.path} ${c.from}->${c.to}`)).toEqual(['package.json ^5.4.2->^5.3.0', 'services/api/package.json 5.3.3->5.3.0']);
    const common = plan(NPM_BEFORE, { strategy: 'most-common' });
    expect(common.changes.filter((c) => c.package === 'express').map((c) => `${c.from}->${c.to}`)).toEqual(['^4.18.2->^4.19.2', '>=4.17.0->>=4.19.2']);
  });
});
