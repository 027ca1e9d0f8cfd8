import { ruleTester } from './rule-tester.js';

const base = 'shared/requirements.txt';

ruleTester('base-override', {
  valid: [
    { name: 'inherits without redeclaring', files: { [base]: 'fastapi==0.116.0\n', 'a/requirements.txt': '-r ../shared/requirements.txt\nopenai==1.3.5\n' } },
    { name: 'no include at all', files: { 'a/requirements.txt': 'fastapi==0.116.0\n', 'b/requirements.txt': 'fastapi==0.116.0\n' } },
    {
      name: 'a constraint file narrows, it does not declare',
      files: { 'constraints.txt': 'numpy==1.26.2\n', 'a/requirements.txt': '-c ../constraints.txt\nnumpy==1.26.2\n' },
    },
    {
      name: "the service's own sibling file is not a base",
      files: { 'a/requirements.txt': '-r requirements-base.txt\nnumpy==1.26.2\n', 'a/requirements-base.txt': 'numpy>=1\n' },
    },
    { name: 'another package', files: { [base]: 'fastapi==0.116.0\n', 'a/requirements.txt': '-r ../shared/requirements.txt\nuvicorn==0.30.6\n' } },
  ],
  invalid: [
    {
      name: 'redeclared at another version: no version satisfies both',
      files: { [base]: '# web\nfastapi==0.116.0\n', 'a/requirements.txt': '-r ../shared/requirements.txt\nfastapi==0.104.1\n' },
      findings: [
        {
          package: 'fastapi',
          message: 'a declares fastapi==0.104.1 although it inherits fastapi==0.116.0 from shared/requirements.txt:2; no version satisfies both, so pip cannot install the service',
          data: { service: 'a', specifier: '==0.104.1', inherited: [{ path: base, line: 2, specifier: '==0.116.0' }], compatible: false },
          locations: ['a/requirements.txt:2', 'shared/requirements.txt:2'],
        },
      ],
    },
    {
      name: 'redeclared as a compatible range',
      files: { [base]: 'redis==5.0.1\n', 'a/requirements.txt': '-r ../shared/requirements.txt\nredis>=5.0\n' },
      findings: [
        {
          package: 'redis',
          message: 'a declares redis>=5.0 although it inherits redis==5.0.1 from shared/requirements.txt:1; pip installs a version both allow',
          data: { service: 'a', specifier: '>=5.0', inherited: [{ path: base, line: 1, specifier: '==5.0.1' }], compatible: true },
        },
      ],
    },
    {
      name: 'any spelling of the name, with extras',
      files: { [base]: 'SQLAlchemy==2.0.23\n', 'a/requirements.txt': '-r ../shared/requirements.txt\nsqlalchemy[asyncio]==2.0.23\n' },
      findings: [{ package: 'sqlalchemy', data: { service: 'a', specifier: '==2.0.23', inherited: [{ path: base, line: 1, specifier: '==2.0.23' }], compatible: true } }],
    },
    {
      name: 'through a chain of includes, one finding per service',
      files: {
        'shared/requirements.txt': '-r ../common/requirements.txt\n',
        'common/requirements.txt': 'pkg<2\n',
        'a/requirements.txt': '-r ../shared/requirements.txt\npkg>=2\n',
        'b/requirements.txt': '-r ../shared/requirements.txt\npkg==1.5\n',
      },
      findings: [
        { package: 'pkg', data: { service: 'a', specifier: '>=2', inherited: [{ path: 'common/requirements.txt', line: 1, specifier: '<2' }], compatible: false } },
        { package: 'pkg', data: { service: 'b', specifier: '==1.5', inherited: [{ path: 'common/requirements.txt', line: 1, specifier: '<2' }], compatible: true } },
      ],
    },
  ],
});
