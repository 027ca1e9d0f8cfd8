import { describe, expect, it } from 'vitest';
import { ruleTester } from './rule-tester.js';
import { goldenOf, PAIRS, pairTables } from './spec-pairs.js';

const pairs = pairTables('range-mismatch', (_, g) => ({ specifiers: { [g.a_str]: ['svc-a'], [g.b_str]: ['svc-b'] } }));

ruleTester('range-mismatch', {
  valid: [
    ...pairs.valid,
    { name: 'identical specifiers', files: { 'a/requirements.txt': 'requests>=2.28\n', 'b/requirements.txt': 'requests >= 2.28\n' } },
    { name: 'no specifier counts as no shape', files: { 'a/requirements.txt': 'requests\n', 'b/requirements.txt': 'requests==2.31.0\n' } },
    {
      name: 'markers that can never both hold',
      files: { 'a/requirements.txt': 'requests>=2.28; python_version < "3.8"\n', 'b/requirements.txt': 'requests==2.31.0; python_version >= "3.8"\n' },
    },
    {
      name: 'two different pins and a range: version-conflict reports it',
      files: { 'a/requirements.txt': 'redis==5.0.1\n', 'b/requirements.txt': 'redis==5.0.2\n', 'c/requirements.txt': 'redis>=5.0\n' },
    },
    { name: 'one declaration', files: { 'a/requirements.txt': 'requests>=2.28\n' } },
  ],
  invalid: [
    ...pairs.invalid,
    {
      name: 'redis in seed-platform: message, data and every location',
      files: { 'a/requirements.txt': 'redis==5.0.1\n', 'b/requirements.txt': '# cache\nredis>=5.0\n', 'c/requirements.txt': 'redis==5.0.1\n' },
      findings: [
        {
          package: 'redis',
          severity: 'error',
          message: 'redis is declared with 2 different specifiers that overlap: ==5.0.1 (a, c), >=5.0 (b)',
          data: { specifiers: { '==5.0.1': ['a', 'c'], '>=5.0': ['b'] } },
          locations: ['a/requirements.txt:1', 'b/requirements.txt:2', 'c/requirements.txt:1'],
        },
      ],
    },
    {
      name: 'extras do not make another package',
      files: { 'a/requirements.txt': 'requests[socks]>=2.28\n', 'b/requirements.txt': 'Requests==2.31.0\n' },
      findings: [{ package: 'requests', data: { specifiers: { '>=2.28': ['a'], '==2.31.0': ['b'] } } }],
    },
    {
      name: 'a range inherited from a base',
      files: { 'base/requirements.txt': 'requests>=2.28\n', 'a/requirements.txt': '-r ../base/requirements.txt\n', 'b/requirements.txt': 'requests==2.31.0\n' },
      findings: [{ package: 'requests', data: { specifiers: { '>=2.28': ['a'], '==2.31.0': ['b'] } }, locations: ['b/requirements.txt:1', 'base/requirements.txt:1'] }],
    },
    {
      name: 'default severity comes from the preset (recommended: warn)',
      files: { 'a/requirements.txt': 'requests>=2.28\n', 'b/requirements.txt': 'requests==2.31.0\n' },
      config: { rules: { 'range-mismatch': 'warn' } },
      findings: [{ package: 'requests', severity: 'warning' }],
    },
  ],
});

describe('range-mismatch and packaging 26.2', () => {
  it.each(PAIRS.map((c) => [`${c.a} vs ${c.b}`, c] as const))('%s: reported only when the sets differ and overlap', (_, c) => {
    const g = goldenOf(c);
    if (c.rule === 'range-mismatch') expect(g.satisfiable && !g.equal).toBe(true);
    if (g.equal) expect(c.rule).toBe('none');
  });
});
