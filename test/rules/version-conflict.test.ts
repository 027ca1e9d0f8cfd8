import { ruleTester } from './rule-tester.js';
import { pairTables, type PairCase } from './spec-pairs.js';

const label = (spec: string) => (spec.startsWith('===') ? spec : spec.replace(/^==/, ''));
const pairs = pairTables('version-conflict', (c: PairCase) => ({
  drift: c.drift,
  versions: { [label(c.a)]: ['svc-a'], [label(c.b)]: ['svc-b'] },
}));

ruleTester('version-conflict', {
  valid: [
    ...pairs.valid,
    { name: 'one service', files: { 'a/requirements.txt': 'fastapi==0.104.1\n' } },
    { name: 'same pin everywhere', files: { 'a/requirements.txt': 'fastapi==0.116.0\n', 'b/requirements.txt': 'fastapi==0.116.0\n', 'c/requirements.txt': 'fastapi==0.116.0\n' } },
    { name: 'Foo_Bar is foo-bar', files: { 'a/requirements.txt': 'Foo_Bar==1.0\n', 'b/requirements.txt': 'foo-bar==1.0.0\n', 'c/requirements.txt': 'FOO.BAR==1.0\n' } },
    { name: 'SQLAlchemy vs sqlalchemy (seed-platform)', files: { 'a/requirements.txt': 'SQLAlchemy==2.0.23\n', 'b/requirements.txt': 'sqlalchemy==2.0.23\n' } },
    { name: 'extras do not make another package', files: { 'a/requirements.txt': 'uvicorn[standard]==0.30.6\n', 'b/requirements.txt': 'uvicorn==0.30.6\n' } },
    {
      name: 'markers that can never both hold',
      files: { 'a/requirements.txt': 'numpy==1.24.4; python_version < "3.9"\n', 'b/requirements.txt': 'numpy==2.0.0; python_version >= "3.9"\n' },
    },
    {
      name: 'disjoint platforms',
      files: { 'a/requirements.txt': 'torch==2.1.1+cpu; sys_platform == "darwin"\n', 'b/requirements.txt': 'torch==2.1.1+cu118; sys_platform == "linux"\n' },
    },
    { name: 'wildcards are not pins', files: { 'a/requirements.txt': 'pkg==1.*\n', 'b/requirements.txt': 'pkg==1.5\n' } },
    { name: 'a range and a pin', files: { 'a/requirements.txt': 'redis>=5.0\n', 'b/requirements.txt': 'redis==5.0.1\n' } },
    { name: 'a URL requirement has no pin', files: { 'a/requirements.txt': 'pkg @ https://example.com/pkg-1.0.tar.gz\n', 'b/requirements.txt': 'pkg==2.0\n' } },
    { name: 'the rule is off', files: { 'a/requirements.txt': 'pkg==1\n', 'b/requirements.txt': 'pkg==2\n' }, config: { rules: { 'version-conflict': 'off' } } },
    {
      name: 'consolidated: one pin in the shared base',
      files: {
        'shared/requirements.txt': 'fastapi==0.116.0\n',
        'a/requirements.txt': '-r ../shared/requirements.txt\nopenai==1.3.5\n',
        'b/requirements.txt': '-r ../shared/requirements.txt\n',
      },
    },
  ],
  invalid: [
    ...pairs.invalid,
    {
      name: 'fastapi in seed-platform: minor drift, versions map and every location',
      files: {
        'market-data-ingestion/requirements.txt': '# web\nfastapi==0.104.1\n',
        'risk-calculation-engine/requirements.txt': 'fastapi==0.116.0\n',
        'ai-behavioral-nudge-engine/requirements.txt': '\n\nfastapi==0.116.0 # latest\n',
      },
      findings: [
        {
          package: 'fastapi',
          message:
            'fastapi is pinned to 2 different versions: 0.104.1 (market-data-ingestion), 0.116.0 (ai-behavioral-nudge-engine, risk-calculation-engine); minor drift',
          data: { drift: 'minor', versions: { '0.104.1': ['market-data-ingestion'], '0.116.0': ['ai-behavioral-nudge-engine', 'risk-calculation-engine'] } },
          locations: ['ai-behavioral-nudge-engine/requirements.txt:3', 'market-data-ingestion/requirements.txt:2', 'risk-calculation-engine/requirements.txt:1'],
        },
      ],
    },
    {
      name: 'Foo_Bar and foo.bar are one package',
      files: { 'a/requirements.txt': 'Foo_Bar==1.0\n', 'b/requirements.txt': 'foo.bar==2.0\n' },
      findings: [{ package: 'foo-bar', data: { drift: 'major', versions: { '1.0': ['a'], '2.0': ['b'] } } }],
    },
    {
      name: 'extras: uvicorn[standard] and uvicorn are one package',
      files: { 'a/requirements.txt': 'uvicorn[standard]==0.30.6\n', 'b/requirements.txt': 'uvicorn==0.30.1\n' },
      findings: [{ package: 'uvicorn', data: { drift: 'patch', versions: { '0.30.1': ['b'], '0.30.6': ['a'] } } }],
    },
    {
      name: 'markers that can both hold',
      files: { 'a/requirements.txt': 'pkg==1.0; sys_platform == "linux"\n', 'b/requirements.txt': 'pkg==2.0; python_version >= "3.9"\n' },
      findings: [{ package: 'pkg', data: { drift: 'major', versions: { '1.0': ['a'], '2.0': ['b'] } } }],
    },
    {
      name: 'a marked pin against an unmarked one',
      files: { 'a/requirements.txt': 'pkg==1.0; sys_platform == "win32"\n', 'b/requirements.txt': 'pkg==1.1\n' },
      findings: [{ package: 'pkg', data: { drift: 'minor', versions: { '1.0': ['a'], '1.1': ['b'] } } }],
    },
    {
      name: 'three versions: drift between the lowest and the highest',
      files: { 'a/requirements.txt': 'pkg==1.0.1\n', 'b/requirements.txt': 'pkg==1.0.0\n', 'c/requirements.txt': 'pkg==1.2\n' },
      findings: [
        {
          package: 'pkg',
          message: 'pkg is pinned to 3 different versions: 1.0.0 (b), 1.0.1 (a), 1.2 (c); minor drift',
          data: { drift: 'minor', versions: { '1.0.0': ['b'], '1.0.1': ['a'], '1.2': ['c'] } },
        },
      ],
    },
    {
      name: 'a service against the base it inherits',
      files: {
        'shared/requirements.txt': 'fastapi==0.116.0\n',
        'a/requirements.txt': '-r ../shared/requirements.txt\nfastapi==0.104.1\n',
        'b/requirements.txt': '-r ../shared/requirements.txt\n',
      },
      findings: [
        {
          package: 'fastapi',
          data: { drift: 'minor', versions: { '0.104.1': ['a'], '0.116.0': ['a', 'b'] } },
          locations: ['a/requirements.txt:2', 'shared/requirements.txt:1'],
        },
      ],
    },
    {
      name: 'a constraint file that pins another version',
      files: { 'constraints.txt': 'pkg==2.0\n', 'a/requirements.txt': '-c ../constraints.txt\npkg==1.0\n' },
      findings: [{ package: 'pkg', data: { drift: 'major', versions: { '1.0': ['a'], '2.0': ['a'] } }, locations: ['a/requirements.txt:2', 'constraints.txt:1'] }],
    },
    {
      name: 'two manifests of one service',
      files: { 'a/requirements.txt': 'pkg==1.0\n', 'a/requirements-dev.txt': 'pkg==1.1\n' },
      findings: [{ package: 'pkg', data: { drift: 'minor', versions: { '1.0': ['a'], '1.1': ['a'] } } }],
    },
    {
      name: 'arbitrary strings that are not versions',
      files: { 'a/requirements.txt': 'pkg===foo\n', 'b/requirements.txt': 'pkg===bar\n' },
      findings: [{ package: 'pkg', message: 'pkg is pinned to 2 different versions: ===bar (b), ===foo (a)', data: { drift: 'unknown', versions: { '===bar': ['b'], '===foo': ['a'] } } }],
    },
    {
      name: 'severity from the config',
      files: { 'a/requirements.txt': 'pkg==1\n', 'b/requirements.txt': 'pkg==2\n' },
      config: { rules: { 'version-conflict': 'warn' } },
      findings: [{ package: 'pkg', severity: 'warning', data: { drift: 'major', versions: { '1': ['a'], '2': ['b'] } } }],
    },
  ],
});
