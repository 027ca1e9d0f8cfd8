import { describe, expect, it } from 'vitest';
import { vcsRevision } from '../../src/rules/insecure-source.js';
import { ruleTester } from './rule-tester.js';

const file = (text: string) => ({ 'a/requirements.txt': text });
const SHA1 = '0123456789abcdef0123456789abcdef01234567';
const option = (name: string, value: string, reason: string) => ({ option: name, value, reason });

ruleTester('insecure-source', {
  valid: [
    { name: 'an HTTPS index', files: file('--index-url https://pypi.org/simple\nrequests==2.31.0\n') },
    { name: 'a local find-links directory', files: file('--find-links ./wheels\n') },
    { name: 'an HTTPS find-links', files: file('-f https://download.pytorch.org/whl/torch_stable.html\n') },
    { name: 'a VCS URL pinned to a full commit', files: file(`-e git+https://github.com/o/r.git@${SHA1}#egg=r\n`) },
    { name: 'a SHA-256 commit', files: file(`r @ git+https://github.com/o/r.git@${'a'.repeat(64)}\n`) },
    { name: 'extraIndexUrl: false', files: file('--extra-index-url https://pypi.internal/simple\n'), config: { rules: { 'insecure-source': ['error', { extraIndexUrl: false }] } } },
    { name: 'a plain URL requirement is not VCS', files: file('pkg @ https://example.com/pkg-1.0.tar.gz\n') },
  ],
  invalid: [
    {
      name: '--extra-index-url: dependency confusion',
      files: file('--extra-index-url https://pypi.internal/simple\n'),
      findings: [
        {
          package: null,
          message:
            '--extra-index-url https://pypi.internal/simple: pip picks the highest version from every index, so a public package with a private name wins (dependency confusion); prefer a single --index-url that proxies both',
          data: option('--extra-index-url', 'https://pypi.internal/simple', 'extra-index-url'),
          locations: ['a/requirements.txt:1'],
        },
      ],
    },
    {
      name: '-i http:// (short option, canonical name in data)',
      files: file('\n-i http://mirror.local/simple\n'),
      findings: [{ package: null, message: '--index-url http://mirror.local/simple uses plain HTTP: packages can be replaced in transit', data: option('--index-url', 'http://mirror.local/simple', 'http'), locations: ['a/requirements.txt:2'] }],
    },
    { name: '--index-url=HTTP:// in capitals', files: file('--index-url=HTTP://mirror.local/simple\n'), findings: [{ package: null, data: option('--index-url', 'HTTP://mirror.local/simple', 'http') }] },
    { name: 'plain-HTTP find-links', files: file('-f http://wheels.local/\n'), findings: [{ package: null, data: option('--find-links', 'http://wheels.local/', 'http') }] },
    {
      name: 'a plain-HTTP extra index is reported once, as http',
      files: file('--extra-index-url http://pypi.internal/simple\n'),
      findings: [{ package: null, data: option('--extra-index-url', 'http://pypi.internal/simple', 'http') }],
    },
    {
      name: '--trusted-host',
      files: file('--trusted-host pypi.internal\n'),
      findings: [{ package: null, message: '--trusted-host pypi.internal turns off TLS verification for that host', data: option('--trusted-host', 'pypi.internal', 'trusted-host') }],
    },
    {
      name: 'an editable VCS requirement at a tag',
      files: file('-e git+https://github.com/o/r.git@v1.2#egg=r\n'),
      findings: [
        {
          package: 'r',
          message: 'r comes from git+https://github.com/o/r.git@v1.2#egg=r, at "v1.2", a movable ref: pin a full commit hash',
          data: { url: 'git+https://github.com/o/r.git@v1.2#egg=r', revision: 'v1.2', reason: 'vcs-ref' },
        },
      ],
    },
    {
      name: 'a PEP 508 VCS reference at a branch',
      files: file('My_Lib @ git+https://github.com/o/r@main\n'),
      findings: [{ package: 'my-lib', data: { url: 'git+https://github.com/o/r@main', revision: 'main', reason: 'vcs-ref' } }],
    },
    {
      name: 'no revision at all (ssh user@ is not a revision)',
      files: file('r @ git+ssh://git@github.com/o/r.git\n'),
      findings: [{ package: 'r', message: /with no revision: pin a full commit hash$/, data: { url: 'git+ssh://git@github.com/o/r.git', revision: null, reason: 'vcs-ref' } }],
    },
    { name: 'a short hash is not a full commit', files: file('r @ git+https://github.com/o/r.git@abc1234\n'), findings: [{ package: 'r', data: { url: 'git+https://github.com/o/r.git@abc1234', revision: 'abc1234', reason: 'vcs-ref' } }] },
    {
      name: 'every problem of a file, sorted by line',
      files: file('--trusted-host h\n--extra-index-url https://x/simple\n'),
      findings: [
        { package: null, data: option('--trusted-host', 'h', 'trusted-host'), locations: ['a/requirements.txt:1'] },
        { package: null, data: option('--extra-index-url', 'https://x/simple', 'extra-index-url'), locations: ['a/requirements.txt:2'] },
      ],
    },
  ],
});

describe('vcsRevision', () => {
  it.each([
    ['git+https://github.com/o/r.git@v1.2#egg=r', 'v1.2'],
    ['git+https://github.com/o/r.git#egg=r', null],
    ['git+ssh://git@github.com/o/r.git', null],
    ['git+ssh://git@github.com/o/r.git@v1', 'v1'],
    ['git+https://user:tok@github.com/o/r.git', null],
    ['git+https://github.com/o/r.git@refs/pull/1/head', 'refs/pull/1/head'],
    ['hg+https://h/r', null],
  ])('%s → %s', (url, rev) => expect(vcsRevision(url)).toBe(rev));
});
