import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { lineOf, pickTarget, plainRange, restyle, type Vote } from '../../../src/consolidate/npm/version.js';

describe('plainRange', () => {
  it.each([
    ['^1.2.3', '^', '1.2.3'],
    ['~1.2.3', '~', '1.2.3'],
    ['~>1.2.3', '~>', '1.2.3'],
    ['>=1.2.3', '>=', '1.2.3'],
    ['1.2.3', '', '1.2.3'],
    ['=1.2.3', '=', '1.2.3'],
    ['v1.2.3', 'v', '1.2.3'],
    ['^ 1.2.3', '^ ', '1.2.3'],
    ['^2.0.0-beta.1', '^', '2.0.0-beta.1'],
    ['1.2.3+build.7', '', '1.2.3+build.7'],
  ])('%s is plain: prefix %j, version %s', (spec, prefix, version) => {
    expect(plainRange(spec)).toMatchObject({ prefix, versionText: version });
  });

  it.each(['>=1 <2', '^1.0.0 || ^2.0.0', '1.x', '1', '^1.2', '*', '', 'latest', '<2.0.0', '>1.0.0', '1.0.0 - 2.0.0', '01.2.3', 'workspace:^1.0.0'])('%j is not plain', (spec) => {
    expect(plainRange(spec)).toBeNull();
  });

  it('restyle swaps only the version', () => {
    expect(restyle(plainRange('^1.2.3')!, '1.4.0')).toBe('^1.4.0');
    expect(restyle(plainRange('~1.2.3')!, '1.4.0')).toBe('~1.4.0');
    expect(restyle(plainRange('1.2.3')!, '1.4.0')).toBe('1.4.0');
    expect(restyle(plainRange('>= v1.2.3 ')!, '1.4.0')).toBe('>= v1.4.0 ');
  });
});

describe('lineOf', () => {
  it.each([
    ['1.2.3', '1.x'],
    ['2.0.0-rc.1', '2.x'],
    ['0.3.9', '0.3.x'],
    ['0.0.4', '0.0.4'],
  ])('%s is on line %s', (v, line) => expect(lineOf(semver.parse(v)!)).toBe(line));
});

describe('pickTarget', () => {
  const votes = (...pairs: Array<[string, string]>): Vote[] => pairs.map(([v, voter]) => ({ version: semver.parse(v)!, versionText: v, voter }));
  const ws = votes(['1.2.0', 'a'], ['1.2.0', 'b'], ['1.4.0', 'c'], ['1.1.0', 'd']);

  it('highest, lowest, most-common', () => {
    expect(pickTarget(ws, 'highest').versionText).toBe('1.4.0');
    expect(pickTarget(ws, 'lowest').versionText).toBe('1.1.0');
    expect(pickTarget(ws, 'most-common').versionText).toBe('1.2.0');
  });

  it('most-common counts workspace packages, not declarations, and ties go to the highest', () => {
    expect(pickTarget(votes(['1.0.0', 'a'], ['1.0.0', 'a'], ['1.0.0', 'a'], ['1.1.0', 'b']), 'most-common').versionText).toBe('1.1.0');
    expect(pickTarget(votes(['1.3.0', 'a'], ['1.3.0', 'b'], ['1.1.0', 'c'], ['1.1.0', 'd'], ['1.2.0', 'e']), 'most-common').versionText).toBe('1.3.0');
    expect(pickTarget(votes(['1.1.0', 'a'], ['1.1.0', 'b'], ['1.3.0', 'c']), 'most-common').versionText).toBe('1.1.0');
  });

  it('versions that differ only in build metadata are one version', () => {
    const t = pickTarget(votes(['1.0.0+b', 'a'], ['1.0.0+a', 'b'], ['0.9.0', 'c']), 'most-common');
    expect(t.versionText).toBe('1.0.0+a');
  });

  it('a pre-release sorts below its release', () => {
    expect(pickTarget(votes(['2.0.0-rc.1', 'a'], ['2.0.0', 'b']), 'highest').versionText).toBe('2.0.0');
  });
});
