import { ruleTester } from './rule-tester.js';

ruleTester('duplicate', {
  valid: [
    { name: 'one service', files: { 'a/requirements.txt': 'fastapi==0.116.0\n' } },
    { name: 'two manifests of one service', files: { 'a/requirements.txt': 'fastapi==0.116.0\n', 'a/requirements-dev.txt': 'fastapi==0.116.0\n' } },
    {
      name: 'inherited from a shared base, not declared',
      files: { 'shared/requirements.txt': 'fastapi==0.116.0\n', 'a/requirements.txt': '-r ../shared/requirements.txt\n', 'b/requirements.txt': '-r ../shared/requirements.txt\n' },
    },
    { name: 'constraints install nothing', files: { 'constraints.txt': 'numpy==1.26.2\n', 'a/requirements.txt': '-c ../constraints.txt\nnumpy\n', 'b/requirements.txt': '-c ../constraints.txt\n' } },
    { name: 'minServices: 3', files: { 'a/requirements.txt': 'pkg==1\n', 'b/requirements.txt': 'pkg==1\n' }, config: { rules: { duplicate: ['error', { minServices: 3 }] } } },
    { name: 'ignored service does not count', files: { 'a/requirements.txt': 'pkg==1\n', 'legacy-b/requirements.txt': 'pkg==1\n' }, config: { ignore: { services: ['legacy-*'] } } },
    { name: 'different packages', files: { 'a/requirements.txt': 'pkg-a==1\n', 'b/requirements.txt': 'pkg-b==1\n' } },
  ],
  invalid: [
    {
      name: 'two services: message, services, proposed version',
      files: { 'a/requirements.txt': 'fastapi==0.116.0\n', 'b/requirements.txt': '# web\nfastapi==0.116.0\n' },
      findings: [
        {
          package: 'fastapi',
          message: 'fastapi is declared in 2 services (a, b): a shared-base candidate at 0.116.0',
          data: { services: ['a', 'b'], proposedVersion: '0.116.0' },
          locations: ['a/requirements.txt:1', 'b/requirements.txt:2'],
        },
      ],
    },
    {
      name: 'proposed version: the most common pin',
      files: { 'a/requirements.txt': 'fastapi==0.104.1\n', 'b/requirements.txt': 'fastapi==0.116.0\n', 'c/requirements.txt': 'fastapi==0.116.0\n' },
      findings: [{ package: 'fastapi', data: { services: ['a', 'b', 'c'], proposedVersion: '0.116.0' } }],
    },
    {
      name: 'proposed version: ties go to the highest',
      files: { 'a/requirements.txt': 'pkg==1.10\n', 'b/requirements.txt': 'pkg==1.9\n' },
      findings: [{ package: 'pkg', data: { services: ['a', 'b'], proposedVersion: '1.10' } }],
    },
    {
      name: 'proposed version: padding is one pin',
      files: { 'a/requirements.txt': 'pkg==1.0\n', 'b/requirements.txt': 'pkg==1.0.0\n', 'c/requirements.txt': 'pkg==2.0\n' },
      findings: [{ package: 'pkg', data: { services: ['a', 'b', 'c'], proposedVersion: '1.0' } }],
    },
    {
      name: 'ranges only: no proposed version',
      files: { 'a/requirements.txt': 'requests>=2.28\n', 'b/requirements.txt': 'requests\n' },
      findings: [{ package: 'requests', message: 'requests is declared in 2 services (a, b): a shared-base candidate', data: { services: ['a', 'b'], proposedVersion: null } }],
    },
    {
      name: 'Foo_Bar, foo.bar and FOO-BAR are one package',
      files: { 'a/requirements.txt': 'Foo_Bar==1.0\n', 'b/requirements.txt': 'foo.bar==1.0\n', 'c/requirements.txt': 'FOO-BAR==1.0\n' },
      findings: [{ package: 'foo-bar', data: { services: ['a', 'b', 'c'], proposedVersion: '1.0' } }],
    },
    {
      name: 'extras do not make another package',
      files: { 'a/requirements.txt': 'uvicorn[standard]==0.30.6\n', 'b/requirements.txt': 'uvicorn==0.30.6\n' },
      findings: [{ package: 'uvicorn', data: { services: ['a', 'b'], proposedVersion: '0.30.6' } }],
    },
    {
      name: 'a service that inherits and also declares counts once, as direct',
      files: {
        'shared/requirements.txt': 'pkg==1\n',
        'a/requirements.txt': '-r ../shared/requirements.txt\npkg==1\n',
        'b/requirements.txt': 'pkg==1\n',
        'c/requirements.txt': '-r ../shared/requirements.txt\n',
      },
      findings: [{ package: 'pkg', data: { services: ['a', 'b'], proposedVersion: '1' }, locations: ['a/requirements.txt:2', 'b/requirements.txt:1'] }],
    },
    {
      name: 'each service once, every line located',
      files: { 'a/requirements.txt': 'pkg==1\n', 'a/requirements-dev.txt': 'pkg==1\n', 'b/requirements.txt': 'pkg==1\n' },
      findings: [{ package: 'pkg', data: { services: ['a', 'b'], proposedVersion: '1' }, locations: ['a/requirements-dev.txt:1', 'a/requirements.txt:1', 'b/requirements.txt:1'] }],
    },
    {
      name: 'minServices: 3 with three services',
      files: { 'a/requirements.txt': 'pkg==1\n', 'b/requirements.txt': 'pkg==1\n', 'c/requirements.txt': 'pkg==1\n' },
      config: { rules: { duplicate: ['warn', { minServices: 3 }] } },
      findings: [{ package: 'pkg', severity: 'warning', data: { services: ['a', 'b', 'c'], proposedVersion: '1' } }],
    },
  ],
});
