import { expect } from 'vitest';
import { ruleTester } from './rule-tester.js';

ruleTester('parse-error', {
  valid: [
    { name: 'a clean file', files: { 'a/requirements.txt': '# ok\nrequests==2.31.0\n-r base.txt\n', 'a/base.txt': 'idna==3.6\n' } },
    { name: 'warnings are not reported by default', files: { 'a/requirements.txt': '--hash=sha256:abc\n' } },
    { name: 'an unexpanded ${VAR} in a URL is a warning', files: { 'a/requirements.txt': 'pkg @ https://example.com/${TOKEN}/pkg-1.0.tar.gz\n' } },
  ],
  invalid: [
    {
      name: 'an invalid requirement',
      files: { 'a/requirements.txt': 'ok==1\nreq==\n' },
      findings: [
        {
          package: null,
          message: 'a/requirements.txt:2:4: Invalid requirement: "req==": Expected semicolon (after name with no version specifier) or end.',
          data: { code: 'invalid-requirement', column: 4, severity: 'error' },
          locations: ['a/requirements.txt:2'],
        },
      ],
    },
    { name: 'an unknown option', files: { 'a/requirements.txt': '--foo\n' }, findings: [{ package: null, data: { code: 'invalid-option', column: 1, severity: 'error' }, message: 'a/requirements.txt:1:1: no such option: --foo' }] },
    {
      name: 'an include that does not exist, on the including line',
      files: { 'a/requirements.txt': 'x==1\n-r missing.txt\n' },
      findings: [{ package: null, data: { code: 'include-unreadable', column: 1, severity: 'error' }, message: 'a/requirements.txt:2:1: Could not open requirements file: a/missing.txt does not exist', locations: ['a/requirements.txt:2'] }],
    },
    {
      name: 'an include outside the root',
      files: { 'a/requirements.txt': '-r ../../outside.txt\n' },
      findings: [{ package: null, data: { code: 'include-outside-root', column: 1, severity: 'error' }, locations: ['a/requirements.txt:1'] }],
    },
    {
      name: 'an include cycle: every include line on it',
      files: { 'a/requirements.txt': '-r requirements-dev.txt\n', 'a/requirements-dev.txt': '-r requirements.txt\n' },
      findings: [
        { package: null, data: { code: 'include-cycle', column: 1, severity: 'error' }, message: /^a\/requirements-dev\.txt:1:1: include cycle: a\/requirements-dev\.txt -> a\/requirements\.txt -> a\/requirements-dev\.txt/ },
        { package: null, data: { code: 'include-cycle', column: 1, severity: 'error' }, locations: ['a/requirements.txt:1'] },
      ],
    },
    {
      name: 'a file that is not text',
      files: { 'a/requirements.txt': new Uint8Array([0x72, 0x65, 0x71, 0xff, 0xfe, 0x00, 0x0a]) },
      findings: [{ package: null, data: { code: 'undecodable', column: expectAny(), severity: 'error' } }],
    },
    {
      name: 'a file over the size cap',
      files: { 'a/requirements.txt': `# ${'x'.repeat(5 * 1024 * 1024)}\n` },
      findings: [{ package: null, data: { code: 'file-too-large', column: 0, severity: 'error' }, locations: ['a/requirements.txt:0'] }],
    },
    {
      name: 'includeWarnings: true reports warnings too',
      files: { 'a/requirements.txt': 'requests==2.31.0\n--hash=sha256:abc\n' },
      config: { rules: { 'parse-error': ['warn', { includeWarnings: true }] } },
      findings: [{ package: null, severity: 'warning', data: { code: 'hash-without-requirement', column: 1, severity: 'warning' }, locations: ['a/requirements.txt:2'] }],
    },
  ],
});

function expectAny(): unknown {
  return expect.any(Number);
}
