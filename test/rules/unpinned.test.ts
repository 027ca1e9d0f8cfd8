import { ruleTester } from './rule-tester.js';

ruleTester('unpinned', {
  valid: [
    { name: 'exact pin', files: { 'a/requirements.txt': 'requests==2.31.0\n' } },
    { name: 'arbitrary equality', files: { 'a/requirements.txt': 'requests===2.31.0\n' } },
    { name: 'a pin with a marker and extras', files: { 'a/requirements.txt': 'requests[socks]==2.31.0; python_version >= "3.8"\n' } },
    { name: 'a pin inside a larger set', files: { 'a/requirements.txt': 'requests==2.31.0,<3\n' } },
    { name: 'a URL names its artifact', files: { 'a/requirements.txt': 'pkg @ https://example.com/pkg-1.0-py3-none-any.whl\n' } },
    { name: 'VCS requirements are insecure-source business', files: { 'a/requirements.txt': '-e git+https://github.com/o/r.git@v1#egg=r\n' } },
    { name: 'constraint files only narrow', files: { 'constraints.txt': 'numpy<2\n', 'a/requirements.txt': '-c ../constraints.txt\nnumpy==1.26.2\n' } },
    { name: 'ignored package', files: { 'a/requirements.txt': 'setuptools>=68\n' }, config: { ignore: { packages: ['setuptools'] } } },
  ],
  invalid: [
    {
      name: 'a lower bound',
      files: { 'a/requirements.txt': 'requests>=2.28\n' },
      findings: [{ package: 'requests', message: 'requests>=2.28 in a/requirements.txt is not pinned to an exact version', data: { specifier: '>=2.28' }, locations: ['a/requirements.txt:1'] }],
    },
    { name: 'no specifier', files: { 'a/requirements.txt': '\nrequests\n' }, findings: [{ package: 'requests', data: { specifier: '' }, locations: ['a/requirements.txt:2'] }] },
    { name: 'a wildcard is not exact', files: { 'a/requirements.txt': 'requests==2.*\n' }, findings: [{ package: 'requests', data: { specifier: '==2.*' } }] },
    { name: 'compatible release', files: { 'a/requirements.txt': 'requests~=2.31\n' }, findings: [{ package: 'requests', data: { specifier: '~=2.31' } }] },
    {
      name: 'one finding per line, in package order',
      files: { 'a/requirements.txt': 'zope>=1\nNumPy[dev]<2\n', 'b/requirements.txt': 'numpy\n' },
      findings: [
        { package: 'numpy', message: 'NumPy[dev]<2 in a/requirements.txt is not pinned to an exact version', locations: ['a/requirements.txt:2'] },
        { package: 'numpy', locations: ['b/requirements.txt:1'] },
        { package: 'zope', locations: ['a/requirements.txt:1'] },
      ],
    },
    {
      name: 'a base line inherited by two services is reported once, where it is written',
      files: { 'shared/requirements.txt': 'redis>=5.0\n', 'a/requirements.txt': '-r ../shared/requirements.txt\n', 'b/requirements.txt': '-r ../shared/requirements.txt\n' },
      findings: [{ package: 'redis', locations: ['shared/requirements.txt:1'] }],
    },
    {
      name: 'strict preset turns it on at error',
      files: { 'a/requirements.txt': 'requests>=2.28\n' },
      config: { extends: 'strict', rules: {} },
      findings: [{ package: 'requests' }],
    },
  ],
});
