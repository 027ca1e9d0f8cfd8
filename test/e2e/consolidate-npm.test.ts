/**
 * `depaudit consolidate` on Node services, through the built CLI: with pnpm, shared versions move
 * into the catalog of pnpm-workspace.yaml (comments kept) and entries become `catalog:`; without
 * pnpm, only deviating values change, each keeping its range style and the file's bytes. Writes
 * are atomic and a second run changes nothing. Python services next to them are untouched.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repoRoot, 'dist/cli.js');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'depaudit-npm-consolidate-'));
  dirs.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out.set(path.relative(root, path.join(e.parentPath, e.name)), readFileSync(path.join(e.parentPath, e.name), 'latin1'));
  }
  return out;
}

describe('consolidate: pnpm catalog (fixtures/polyglot-platform)', () => {
  it('dry run prints the catalog plan and changes nothing; --write applies it; a second run has nothing to do', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'depaudit-polyglot-'));
    dirs.push(root);
    cpSync(path.join(repoRoot, 'fixtures/polyglot-platform'), root, { recursive: true });
    const before = snapshot(root);

    const dry = run(['consolidate', root]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('npm: shared versions move into the pnpm catalog');
    expect(dry.stdout).toMatch(/web\/apps\/admin\/package\.json:12 catalog +typescript 5\.3\.3 -> catalog: \(5\.4\.5, up\)/);
    expect(dry.stdout).toMatch(/react: versions span 2 major lines/);
    expect(snapshot(root)).toEqual(before);

    const write = run(['consolidate', root, '--write']);
    expect(write.code, write.stderr).toBe(0);
    expect(write.stderr).toContain('wrote 4 file(s)');
    const after = snapshot(root);
    const yaml = after.get('web/pnpm-workspace.yaml')!;
    expect(yaml).toContain('# Versions every app shares.');
    expect(yaml).toMatch(/catalog:\n {2}axios: \^1\.7\.2\n {2}react: \^18\.2\.0\n {2}react-dom: \^18\.2\.0\n {2}typescript: 5\.4\.5\n$/);
    expect(JSON.parse(after.get('web/apps/admin/package.json')!).devDependencies.typescript).toBe('catalog:');
    // react splits majors: left as written. Python manifests are never touched by the npm plan.
    expect(JSON.parse(after.get('web/apps/admin/package.json')!).dependencies.react).toBe('^17.0.2');
    for (const [file, text] of before) if (!file.startsWith('web/')) expect(after.get(file), file).toBe(text);

    const again = run(['consolidate', root]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('nothing to do');

    const check = run(['report', root, '--format', 'json']);
    const findings = (JSON.parse(check.stdout) as { findings: Array<{ rule: string; ecosystem: string; package: string }> }).findings;
    expect(findings.filter((f) => f.ecosystem === 'npm' && f.rule !== 'runtime-drift').map((f) => `${f.rule} ${f.package}`)).toEqual(['unsatisfiable react']);
  });
});

describe('consolidate: npm workspace without pnpm (align mode)', () => {
  it('aligns only the deviating values, in their own range style, keeping CRLF and every other byte', () => {
    const crlf = '{\r\n  "name": "b",\r\n  "dependencies": {\r\n    "lodash": "~4.17.20",\r\n    "zod": "3.22.0"\r\n  }\r\n}\r\n';
    const root = tree({
      'package.json': '{\n  "name": "root",\n  "private": true,\n  "workspaces": ["packages/*"]\n}\n',
      'packages/a/package.json': '{\n\t"name": "a",\n\t"dependencies": {\n\t\t"lodash": "^4.17.21",\n\t\t"zod": "3.23.8"\n\t}\n}\n',
      'packages/b/package.json': crlf,
      'packages/c/package.json': '{"name":"c","dependencies":{"lodash":"^4.17.21","zod":"3.23.8"}}',
    });
    const before = snapshot(root);
    const w = run(['consolidate', root, '--write']);
    expect(w.code, w.stderr).toBe(0);
    const after = snapshot(root);
    expect(after.get('packages/b/package.json')).toBe(crlf.replace('~4.17.20', '~4.17.21').replace('"3.22.0"', '"3.23.8"'));
    for (const f of ['package.json', 'packages/a/package.json', 'packages/c/package.json']) expect(after.get(f), f).toBe(before.get(f));
    expect(run(['consolidate', root]).stderr).toContain('nothing to do');
  });
});
