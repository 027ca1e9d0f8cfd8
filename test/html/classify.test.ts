import { describe, expect, it } from 'vitest';
import { classify, direction, schemeFor } from '../../src/report/html/classify.js';

const pep440 = schemeFor('pypi');
const npm = schemeFor('npm');
const cls = (scheme: typeof pep440, cell: string, ref: string | null) => classify(scheme, scheme.parse(cell), ref === null ? null : scheme.parse(ref));

describe('PEP 440 cells against the reference', () => {
  it.each([
    ['==1.0', '==1.0.0', 'same'],
    ['==1.0c1', '==1.0rc1', 'same'],
    ['==1.4.2', '==1.4.3', 'patch'],
    ['==1.4.2.1', '==1.4.2', 'patch'],
    ['==1.0rc1', '==1.0', 'patch'],
    ['==1.0.post1', '==1.0', 'patch'],
    ['==1.0+cpu', '==1.0', 'patch'],
    ['==0.104.1', '==0.116.0', 'minor'],
    ['==1.10.13', '==2.11.7', 'major'],
    ['==1!1.0', '==1.0', 'major'],
    ['>=2.28', '==2.31.0', 'range'],
    ['', '==2.31.0', 'range'],
    ['<2', '==2.1', 'unsatisfiable'],
    ['==2.*', '==1.5', 'unsatisfiable'],
    ['>=1.0', '>=1.0', 'same'],
    ['<2', '>=1', 'range'],
    ['<2', '>=2.0', 'unsatisfiable'],
    ['==2.0', '>=1,<2', 'unsatisfiable'],
    ['==1.5', '>=1,<2', 'range'],
    ['===foo', '===foo', 'same'],
    ['===foo', '===bar', 'unsatisfiable'],
    ['not a specifier', '==1.0', 'range'],
  ] as const)('%s against %s is %s', (cell, ref, expected) => {
    expect(cls(pep440, cell, ref)).toBe(expected);
  });

  it('a range admits a pre-release reference only because the reference names one (PEP 440)', () => {
    expect(cls(pep440, '>=1.0', '==2.0rc1')).toBe('range');
    expect(cls(pep440, '<2.0rc1', '==2.0rc1')).toBe('unsatisfiable');
  });

  it('pins show as the bare version, other specifiers as written, none as "any"', () => {
    expect(pep440.parse('==0.104.1').label).toBe('0.104.1');
    expect(pep440.parse('>=1.0,<2').label).toBe('>=1.0,<2');
    expect(pep440.parse('==1.*').label).toBe('==1.*');
    expect(pep440.parse('').label).toBe('any');
  });

  it('direction says whether a pin is below or above the reference', () => {
    const d = (a: string, b: string) => direction(pep440, pep440.parse(a), pep440.parse(b));
    expect(d('==0.104.1', '==0.116.0')).toBe(-1);
    expect(d('==2.0', '==1.9')).toBe(1);
    expect(d('==1.0', '==1.0.0')).toBe(0);
    expect(d('>=1', '==1.0')).toBe(0);
  });

  it('no reference: same', () => {
    expect(cls(pep440, '==1.0', null)).toBe('same');
  });
});

describe('npm cells (semver)', () => {
  it.each([
    ['1.2.3', '=1.2.3', 'same'],
    ['v1.2.3', '1.2.3', 'same'],
    ['1.2.3', '1.2.4', 'patch'],
    ['1.0.0-rc.1', '1.0.0', 'patch'],
    ['1.2.3', '1.3.0', 'minor'],
    ['1.2.3', '2.0.0', 'major'],
    ['^1.0.0', '1.3.0', 'range'],
    ['^2.0.0', '1.3.0', 'unsatisfiable'],
    ['^1.0.0', '~1.4.0', 'range'],
    ['^1.0.0', '^2.0.0', 'unsatisfiable'],
    ['workspace:*', '1.3.0', 'range'],
    ['github:user/repo', '^1.0.0', 'range'],
  ] as const)('%s against %s is %s', (cell, ref, expected) => {
    expect(cls(npm, cell, ref)).toBe(expected);
  });

  it('an exact npm version shows as written, minus the = or v', () => {
    expect(npm.parse('=1.2.3').label).toBe('1.2.3');
    expect(npm.parse('^1.2.3').label).toBe('^1.2.3');
  });
});
