import { describe, expect, it } from 'vitest';
import { MAX_MARKER_DEPTH, parseMarker, parseRequirement } from '../../src/pep508/index.js';

describe('error positions', () => {
  it('reports packaging span, 1-based caret column and UTF-16 index', () => {
    const r = parseRequirement('name >= 1.0 #');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toEqual({
      message: 'Expected comma (within version specifier), semicolon (after version specifier) or end',
      column: 13,
      span: [5, 12],
      index: 12,
      kind: 'syntax',
    });
  });

  it('counts code points, not UTF-16 units, like packaging', () => {
    const r = parseMarker("os_name == '😀' junk");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toBe('Expected end of marker expression');
    expect(r.error.span).toEqual([15, 15]);
    expect(r.error.column).toBe(16);
    expect(r.error.index).toBe(16); // the emoji is two UTF-16 units
  });

  it('reports bad quoted strings as values instead of raising like packaging 26.2', () => {
    const r = parseMarker('os_name == "C:\\"');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ message: 'Invalid quoted string', kind: 'string', span: [11, 16] });
  });

  it('documents the \\N{...} divergence: rejected here, decoded by packaging', () => {
    const r = parseMarker("os_name == '\\N{LATIN SMALL LETTER A}'");
    expect(r.ok).toBe(false);
  });
});

describe('marker nesting cap', () => {
  const nested = (depth: number): string => `${'('.repeat(depth)}os_name == "a"${')'.repeat(depth)}`;

  it(`accepts ${MAX_MARKER_DEPTH} levels`, () => {
    expect(parseMarker(nested(MAX_MARKER_DEPTH)).ok).toBe(true);
    expect(parseRequirement(`foo; ${nested(MAX_MARKER_DEPTH)}`).ok).toBe(true);
  });

  it('rejects one level more with a depth error at the offending parenthesis', () => {
    const r = parseMarker(nested(MAX_MARKER_DEPTH + 1));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('depth');
    expect(r.error.span).toEqual([MAX_MARKER_DEPTH, MAX_MARKER_DEPTH]);
  });

  it('stops a million open parentheses without overflowing the stack', () => {
    const r = parseRequirement(`foo; ${'('.repeat(1_000_000)}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('depth');
  });
});
