/** Discovery of the non-requirements formats, on in-memory trees through the real scanner. */
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/inventory/scan.js';
import { inventoryOf, memoryIo } from '../helpers/inventory.js';

describe('discovery of every format', () => {
  it('reads each file as its kind; YAML only when it is a conda environment', async () => {
    const inv = await inventoryOf({
      'a/pyproject.toml': '[project]\nname = "a"\nversion = "1"\ndependencies = ["fastapi==0.116.0"]\n',
      'b/Pipfile': '[packages]\nfastapi = "==0.116.0"\n',
      'c/setup.cfg': '[options]\ninstall_requires =\n    fastapi==0.116.0\n',
      'd/conda.yaml': 'dependencies:\n  - numpy=1.26\n',
      'e/package.json': '{"name":"e","dependencies":{"fastapi":"^1.0.0"}}',
      'f/Dockerfile': 'FROM python:3.11-slim\n',
      'f/requirements.txt': 'fastapi==0.116.0\n',
      '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
      'g/helm/Chart.yaml': 'dependencies:\n  - name: redis\n',
      'h/train.yml': 'name: train\ndependencies:\n  - python=3.11\n',
    });
    expect(inv.manifests.map((m) => [m.path, m.kind])).toEqual([
      ['a/pyproject.toml', 'pyproject'],
      ['b/Pipfile', 'pipfile'],
      ['c/setup.cfg', 'setup-cfg'],
      ['d/conda.yaml', 'conda'],
      ['e/package.json', 'package-json'],
      ['f/Dockerfile', 'dockerfile'],
      ['f/requirements.txt', 'requirements'],
      ['h/train.yml', 'conda'],
    ]);
    // The Dockerfile joins its directory's service; its FROM is a runtime of that service.
    expect(inv.runtimes).toEqual([expect.objectContaining({ path: 'f/Dockerfile', runtime: 'python', version: '3.11', service: 'f' })]);
    expect(inv.services.map((s) => s.name)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'h']);
  });

  it('an unreadable YAML is an error when its name says conda, a warning otherwise (it may be any YAML)', async () => {
    const big = `dependencies:\n${'  - x\n'.repeat(100)}`;
    const inv = await scan(memoryIo({ 'env/environment.yml': big, 'deploy/values.yaml': big, 'svc/requirements.txt': 'a==1\n' }, 200), { rootName: 'r' });
    const severity = (p: string) => inv.manifests.find((m) => m.path === p)?.diagnostics.map((d) => `${d.severity} ${d.code}`);
    expect(severity('env/environment.yml')).toEqual(['error file-too-large']);
    expect(severity('deploy/values.yaml')).toEqual(['warning file-too-large']);
  });
});
