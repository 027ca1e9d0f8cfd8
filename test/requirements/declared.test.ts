import { describe, expect, it } from 'vitest';
import { parseRequirementsText } from '../../src/formats/requirements/parse.js';
import { PlacedDeclaration, plainDeclaration } from '../../src/model/declaration.js';

const MODEL_KEYS = [
  'name', 'rawName', 'line', 'endLine', 'span', 'byteSpan', 'text', 'requirement', 'specifier', 'extras', 'marker', 'url',
  'path', 'source', 'editable', 'hashes', 'configSettings', 'globalOptions', 'constraint', 'group', 'unexpandedVars', 'comment',
];

const TEXT = [
  'requests[socks]>=2.31 ; python_version >= "3.9"  # http',
  'requests[socks]>=2.31 ; python_version >= "3.9"  # http',
  'numpy==1.26.4 \\',
  '    --hash=sha256:aa --hash=sha256:bb',
  '-e git+https://github.com/org/lib.git@v1#egg=lib',
  'pkg==${VERSION}',
  'wheel -C key=a -C key=b --global-option=--x',
  '',
].join('\n');

describe('a requirements declaration reads and serializes like a plain Declaration', () => {
  const { declarations } = parseRequirementsText(TEXT, { path: 'svc/requirements.txt', env: new Map([['VERSION', '2.0']]) });

  it('JSON has every model field, in the model order, with the values the fields read', () => {
    expect(declarations).toHaveLength(6);
    for (const d of declarations) {
      const json = JSON.parse(JSON.stringify(d)) as Record<string, unknown>;
      expect(Object.keys(json)).toEqual(MODEL_KEYS);
      const read = Object.fromEntries(MODEL_KEYS.map((k) => [k, (d as unknown as Record<string, unknown>)[k]]));
      expect(json).toEqual(JSON.parse(JSON.stringify(read)));
    }
  });

  it('plainDeclaration copies every field into an own property; optional ones only when set', () => {
    for (const d of declarations) {
      const plain = plainDeclaration(d);
      expect(Object.keys(plain)).toEqual(MODEL_KEYS);
      expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
      expect(plain).toMatchObject({ name: d.name, specifier: d.specifier, text: d.text, group: 'main', constraint: false });
    }
    const converted = plainDeclaration({ ...plainDeclaration(declarations[0]!), written: '^2.31', dialect: 'poetry' });
    expect(Object.keys(converted)).toEqual([...MODEL_KEYS, 'dialect', 'written']);
  });

  it('two copies of a line share what they declare, not where they stand', () => {
    const [a, b] = declarations;
    expect(a!.extras).toBe(b!.extras);
    expect(a!.span).not.toBe(b!.span);
    expect([a!.line, b!.line]).toEqual([1, 2]);
    expect(b!.text).toBe(TEXT.split('\n')[1]);
  });
});

describe('toEqual compares a placed declaration whole (test/helpers/setup-equality.ts)', () => {
  it('two at the same place that declare different things differ; a plain copy equals its original', () => {
    const [a] = parseRequirementsText('flask==1.0\n', { path: 'r.txt' }).declarations;
    const placed = a as PlacedDeclaration;
    const other = new PlacedDeclaration({ ...placed.declared, specifier: '==2.0' }, placed.line, placed.endLine, placed.span.start, placed.span.end, placed.text);
    expect(other).not.toEqual(placed);
    expect([other]).not.toEqual([plainDeclaration(placed)]);
    expect(plainDeclaration(placed)).toEqual(placed);
  });
});
