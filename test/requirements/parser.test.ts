/**
 * pip 23.2.1's requirements-file rules (python-manifests.md §3), one table row per rule, each
 * asserting what depaudit reads: declarations, includes, options and diagnostics with their
 * 1-based line and column.
 */
import { describe, expect, it } from 'vitest';
import { parseRequirementsBytes, type RequirementsContext } from '../../src/formats/requirements/parse.js';
import type { Declaration } from '../../src/model/declaration.js';
import type { Include, OptionLine, ParsedManifest } from '../../src/model/manifest.js';

const PATH = 'svc/requirements.txt';

function parse(input: string | Uint8Array, ctx: Partial<RequirementsContext> = {}): ParsedManifest {
  return parseRequirementsBytes(typeof input === 'string' ? Buffer.from(input, 'utf8') : input, { path: PATH, ...ctx });
}

/** [line, column, severity, code, a piece of the message] */
type Diag = [number, number, 'error' | 'warning', string, string?];

interface Case {
  input: string;
  env?: Record<string, string>;
  declarations?: Array<Partial<Declaration>>;
  includes?: Array<Partial<Include>>;
  options?: OptionLine[];
  diagnostics?: Diag[];
  blocks?: string[];
}

function check(m: ParsedManifest, c: Case): void {
  expect(m.declarations).toMatchObject(c.declarations ?? []);
  expect(m.includes).toMatchObject(c.includes ?? []);
  expect(m.options).toEqual(c.options ?? []);
  expect(m.diagnostics.map((d) => [d.line, d.column, d.severity, d.code])).toEqual((c.diagnostics ?? []).map((d) => d.slice(0, 4)));
  (c.diagnostics ?? []).forEach((d, i) => {
    if (d[4] !== undefined) expect(m.diagnostics[i]!.message).toContain(d[4]);
  });
  if (c.blocks) expect(m.blocks.map((b) => `${b.kind}:${b.line}-${b.endLine}`)).toEqual(c.blocks);
}

const CONTINUATIONS: Record<string, Case> = {
  'pieces are glued with no separator': {
    input: 'foo\\\nbar==1\n',
    declarations: [{ name: 'foobar', specifier: '==1', line: 1, endLine: 2, requirement: 'foobar==1', text: 'foo\\\nbar==1' }],
    blocks: ['declaration:1-2'],
  },
  'a specifier split over three lines': {
    input: 'charset-normalizer \\\n>=3.0,\\\n<4\n',
    declarations: [{ name: 'charset-normalizer', specifier: '<4,>=3.0', line: 1, endLine: 3, requirement: 'charset-normalizer >=3.0,<4' }],
  },
  'leading and repeated trailing backslashes are all stripped': {
    input: '\\foo\\\\\n==1\n',
    declarations: [{ name: 'foo', specifier: '==1', line: 1, endLine: 2 }],
  },
  'a comment line closes a continuation (pip-compile --generate-hashes output)': {
    input: 'foo==1 \\\n    --hash=sha256:abc \\\n    # via x\nbar==2\n',
    declarations: [
      { name: 'foo', specifier: '==1', hashes: ['sha256:abc'], line: 1, endLine: 3, comment: 'via x' },
      { name: 'bar', specifier: '==2', line: 4, endLine: 4 },
    ],
    blocks: ['declaration:1-3', 'declaration:4-4'],
  },
  'a continued bare name is closed by a comment line': {
    input: 'foo\\\n# c\nbar==1\n',
    declarations: [
      { name: 'foo', specifier: '', line: 1, endLine: 2 },
      { name: 'bar', line: 3 },
    ],
  },
  'a trailing comment ending in \\ swallows the next line': {
    input: 'x==1.0  # note \\\nswallowed==9.9\ny==2\n',
    declarations: [
      { name: 'x', specifier: '==1.0', line: 1, endLine: 2, comment: 'note swallowed==9.9' },
      { name: 'y', specifier: '==2', line: 3 },
    ],
    blocks: ['declaration:1-2', 'declaration:3-3'],
  },
  'a comment line ending in \\ does not continue': {
    input: '# c \\\nfoo==1\n',
    declarations: [{ name: 'foo', line: 2 }],
    blocks: ['comment:1-1', 'declaration:2-2'],
  },
  '\\ followed by a space is not a continuation': {
    input: 'backslash-then-space==1.0 \\ \n--hash=sha256:abcd\n',
    diagnostics: [
      [1, 27, 'error', 'invalid-requirement', 'backslash-then-space==1.0 \\\\'],
      [2, 1, 'warning', 'hash-without-requirement', 'line 2 has --hash but no requirement'],
    ],
    blocks: ['invalid:1-1', 'option:2-2'],
  },
  'a trailing \\ on the last line is fine': {
    input: 'foo==1\\',
    declarations: [{ name: 'foo', specifier: '==1', line: 1, endLine: 1 }],
  },
};

const COMMENTS: Record<string, Case> = {
  '" #" starts a comment, "#" glued to text does not': {
    input: 'pkg @ https://h/p-1.0.tar.gz#sha256=abc\nhttps://h/x.tar.gz#egg=x\nfoo==1 # c\nfoo==2\t# c\nfoo==3\u00a0# c\n',
    declarations: [
      { name: 'pkg', url: 'https://h/p-1.0.tar.gz#sha256=abc', source: 'url', comment: null },
      { name: 'x', url: 'https://h/x.tar.gz#egg=x', line: 2, comment: null },
      { name: 'foo', specifier: '==1', line: 3, comment: 'c' },
      { name: 'foo', specifier: '==2', line: 4, comment: 'c' },
      { name: 'foo', specifier: '==3', line: 5, comment: 'c' },
    ],
  },
  'U+FEFF is not whitespace to Python, so it does not start a comment': {
    input: 'foo==1\ufeff# c\n',
    diagnostics: [[1, 7, 'error', 'invalid-requirement']],
  },
  'a legacy specifier ==1.0#x is rejected (pip 23.2.1 accepted it; modern pip does not)': {
    input: 'legacy==1.0#x\n',
    diagnostics: [[1, 12, 'error', 'invalid-requirement', '"legacy==1.0#x"']],
  },
};

const LINE_BREAKS: Record<string, Case> = {
  'form feed, \\x1c, \\x85, \\v and U+2028 break lines and shift later line numbers': {
    input: 'a==1\fb==2\x1cc==3\u2028d==4\x85e==5\vf==6\r\ng==7\rh==8\n',
    declarations: 'abcdefgh'.split('').map((name, i) => ({ name, line: i + 1, specifier: `==${i + 1}` })),
  },
  'an error after a form feed is reported on pip\'s line number': {
    input: 'a==1\n\fafter-ff=1\n',
    declarations: [{ name: 'a', line: 1 }],
    diagnostics: [[3, 9, 'error', 'invalid-requirement', 'Did you mean == ?']],
    blocks: ['declaration:1-1', 'blank:2-2', 'invalid:3-3'],
  },
};

const OPTIONS: Record<string, Case> = {
  'a tab before --hash makes the whole line the requirement (invalid)': {
    input: 'pkg==1.0\t--hash=sha256:abcd\n',
    diagnostics: [[1, 10, 'error', 'invalid-requirement', '"pkg==1.0\\t--hash=sha256:abcd"']],
  },
  '-r "a b.txt" is unquoted by shlex': {
    input: '-r "a b.txt"\n',
    includes: [{ line: 1, kind: 'requirement', raw: 'a b.txt', target: 'svc/a b.txt', url: null }],
    blocks: ['include:1-1'],
  },
  '-rfile attaches the value': {
    input: '-rbase.txt\n-cconstraints.txt\n',
    includes: [
      { line: 1, kind: 'requirement', raw: 'base.txt', target: 'svc/base.txt' },
      { line: 2, kind: 'constraint', raw: 'constraints.txt', target: 'svc/constraints.txt' },
    ],
  },
  '-r=file keeps the "=" (optparse short options)': {
    input: '-r=file.txt\n',
    includes: [{ raw: '=file.txt', target: 'svc/=file.txt' }],
  },
  '--requirement=file and --requirement file': {
    input: '--requirement=a.txt\n--requirement b.txt\n--requ c.txt\n',
    includes: [{ raw: 'a.txt', line: 1 }, { raw: 'b.txt', line: 2 }],
    diagnostics: [[3, 1, 'error', 'invalid-option', 'ambiguous option: --requ (--require-hashes, --requirement?)']],
  },
  'a unique prefix of a long option is accepted': {
    input: '--extra-index https://x.example/simple\n',
    options: [{ line: 1, name: '--extra-index-url', value: 'https://x.example/simple' }],
  },
  'an ambiguous prefix is an error': {
    input: '--pr\n',
    diagnostics: [[1, 1, 'error', 'invalid-option', 'ambiguous option: --pr (--pre, --prefer-binary?)']],
    blocks: ['invalid:1-1'],
  },
  'positional junk after an option is silently ignored': {
    input: '--index-url https://i.example/simple junk junk\n',
    options: [{ line: 1, name: '--index-url', value: 'https://i.example/simple' }],
  },
  'only the first -r on a line is followed': {
    input: '-r a.txt -r b.txt\n',
    includes: [{ raw: 'a.txt', target: 'svc/a.txt' }],
    diagnostics: [[1, 1, 'warning', 'ignored-option', 'only the first -r/-c']],
  },
  'options on an include line are ignored': {
    input: '  -r base.txt --index-url https://x\n',
    includes: [{ raw: 'base.txt' }],
    diagnostics: [[1, 3, 'warning', 'ignored-option']],
  },
  'file-level options on a requirement line are ignored with a warning': {
    input: 'pkg-d==1.0 --pre --index-url https://x\npkg-e -r other.txt\n',
    declarations: [
      { name: 'pkg-d', specifier: '==1.0', requirement: 'pkg-d==1.0' },
      { name: 'pkg-e', line: 2 },
    ],
    diagnostics: [
      [1, 12, 'warning', 'ignored-option', 'pip ignores --pre, --index-url on a requirement line'],
      [2, 7, 'warning', 'ignored-option', '--requirement'],
    ],
  },
  '--hash on an option-only line warns': {
    input: 'foo==1\n    --hash=sha256:abcd\n',
    declarations: [{ name: 'foo', hashes: [] }],
    diagnostics: [[2, 5, 'warning', 'hash-without-requirement', 'line 2 has --hash but no requirement']],
    blocks: ['declaration:1-1', 'option:2-2'],
  },
  'per-requirement hashes, both spellings, in file order': {
    input: 'foo==1 --hash=sha256:aa --hash sha512:bb --hash=sha384:cc\n',
    declarations: [{ name: 'foo', hashes: ['sha256:aa', 'sha512:bb', 'sha384:cc'], requirement: 'foo==1' }],
  },
  'an md5 hash is rejected': {
    input: 'foo==1 --hash=md5:abcd\n',
    diagnostics: [[1, 8, 'error', 'invalid-option', 'Allowed hash algorithms for --hash are sha256, sha384, sha512.']],
  },
  'a hash without an algorithm is rejected': {
    input: 'foo==1 --hash=abcd\n',
    diagnostics: [[1, 8, 'error', 'invalid-option', 'must be a hash name followed by a value']],
  },
  '-C k=v repeated becomes a list': {
    input: 'b==1 -C k=1 -C k=2 -C z=3 --config-settings=k=3\n',
    declarations: [{ name: 'b', configSettings: { k: ['1', '2', '3'], z: '3' } }],
  },
  '-C errors use optparse wording': {
    input: 'x -C\nx -C noeq\n',
    diagnostics: [
      [1, 3, 'error', 'invalid-option', '-C option requires 1 argument'],
      [2, 3, 'error', 'invalid-option', 'Arguments to -C must be of the form KEY=VAL'],
    ],
  },
  'unknown options and choices': {
    input: '--unknown\n-Z\n--use-feature nope\n--use-feature truststore\n',
    options: [{ line: 4, name: '--use-feature', value: 'truststore' }],
    diagnostics: [
      [1, 1, 'error', 'invalid-option', 'no such option: --unknown'],
      [2, 1, 'error', 'invalid-option', 'no such option: -Z'],
      [3, 1, 'error', 'invalid-option', "invalid choice: 'nope'"],
    ],
  },
  'an unbalanced quote in the options': {
    input: 'x --hash "sha256:abc\n',
    diagnostics: [[1, 3, 'error', 'invalid-quoting', 'Could not split options: --hash "sha256:abc']],
  },
  'a flag with a value': {
    input: '--pre=1\n',
    diagnostics: [[1, 1, 'error', 'invalid-option', '--pre option does not take a value']],
  },
  'file-level options are recorded in order with canonical names': {
    input: '-i https://a/simple\n--no-index\n-f ./wheels\n--only-binary :all:\n--trusted-host h\n',
    options: [
      { line: 1, name: '--index-url', value: 'https://a/simple' },
      { line: 2, name: '--no-index', value: null },
      { line: 3, name: '--find-links', value: './wheels' },
      { line: 4, name: '--only-binary', value: ':all:' },
      { line: 5, name: '--trusted-host', value: 'h' },
    ],
  },
};

const INCLUDES: Record<string, Case> = {
  'a URL include is recorded, not fetched': {
    input: '-r https://example.invalid/x.txt\n',
    includes: [{ raw: 'https://example.invalid/x.txt', target: null, url: 'https://example.invalid/x.txt' }],
    diagnostics: [[1, 1, 'warning', 'url-include', 'not fetched']],
  },
  'an absolute include is refused': {
    input: '-c /etc/passwd\n',
    includes: [{ kind: 'constraint', raw: '/etc/passwd', target: null }],
    diagnostics: [[1, 1, 'error', 'include-outside-root', '/etc/passwd']],
  },
  'a relative include resolves against the including file (the scanner refuses "..")': {
    input: '-r ../../etc/passwd\n-r ../shared/base.txt\n',
    includes: [{ target: '../etc/passwd' }, { target: 'shared/base.txt' }],
  },
};

const REQUIREMENTS: Record<string, Case> = {
  'name @ url;marker warns that PEP 508 tools read the marker as URL text': {
    input: 'foo @ https://h/foo-1.0.tar.gz;python_version>"3"\nbar @ https://h/bar-1.0.tar.gz ; python_version>"3"\n',
    declarations: [
      { name: 'foo', url: 'https://h/foo-1.0.tar.gz', marker: 'python_version > "3"' },
      { name: 'bar', url: 'https://h/bar-1.0.tar.gz', marker: 'python_version > "3"' },
    ],
    diagnostics: [[1, 1, 'warning', 'marker-in-url', 'put a space before ";"']],
  },
  'an empty marker is dropped with a warning': {
    input: 'foo==1.0;\nbar==1 ;  \n',
    declarations: [
      { name: 'foo', specifier: '==1.0', marker: null },
      { name: 'bar', specifier: '==1', marker: null },
    ],
    diagnostics: [
      [1, 1, 'warning', 'empty-marker'],
      [2, 1, 'warning', 'empty-marker'],
    ],
  },
  'a bad marker points at the marker text': {
    input: 'foo==1; python_version = "3.8"\n',
    diagnostics: [[1, 24, 'error', 'invalid-marker']],
  },
  'single "=" gets the hint and a column': {
    input: '  foo=1.0\n',
    diagnostics: [[1, 6, 'error', 'invalid-requirement', 'Hint: = is not a valid operator. Did you mean == ?']],
  },
  'extras after the version': {
    input: 'bar>=1.0[x]\n',
    diagnostics: [[1, 9, 'error', 'invalid-requirement', '"bar>=1.0[x]"']],
  },
  'an unquoted editable that is not a path or VCS URL': {
    input: '  -e "not valid"\n-e git+https://h/r.git#egg=r\n',
    declarations: [{ name: 'r', editable: true, source: 'vcs', requirement: '-e git+https://h/r.git#egg=r', line: 2 }],
    diagnostics: [[1, 7, 'error', 'invalid-editable', 'not valid is not a valid editable requirement']],
  },
  'a VCS editable without #egg': {
    input: '-e git+https://h/r.git\n',
    diagnostics: [[1, 4, 'error', 'missing-egg', 'please specify one with #egg=']],
  },
  'a wheel URL is named by its filename': {
    input: 'https://h/Foo_Bar-2.0-py3-none-any.whl\n',
    declarations: [{ name: 'foo-bar', specifier: '==2.0', source: 'wheel' }],
  },
};

const ENV_VARS: Record<string, Case> = {
  '${VAR} in a URL is kept literally and recorded': {
    input: 'foo @ https://${HOST}/foo-1.0.tar.gz\n',
    declarations: [{ name: 'foo', url: 'https://${HOST}/foo-1.0.tar.gz', unexpandedVars: ['HOST'] }],
    diagnostics: [[1, 1, 'warning', 'unexpanded-variable', '${HOST} left as written']],
  },
  '${VAR} is expanded when a value is given': {
    input: 'foo @ https://${HOST}/foo-1.0.tar.gz\n',
    env: { HOST: 'h.example' },
    declarations: [{ name: 'foo', url: 'https://h.example/foo-1.0.tar.gz', unexpandedVars: [], text: 'foo @ https://${HOST}/foo-1.0.tar.gz' }],
  },
  'an empty value leaves the reference as written (pip does the same)': {
    input: 'foo @ https://${HOST}/foo-1.0.tar.gz\n',
    env: { HOST: '' },
    declarations: [{ url: 'https://${HOST}/foo-1.0.tar.gz', unexpandedVars: ['HOST'] }],
    diagnostics: [[1, 1, 'warning', 'unexpanded-variable']],
  },
  'a value can inject --hash (expansion runs before option splitting)': {
    input: 'a==1.0 ${EXTRA}\n',
    env: { EXTRA: '--hash=sha256:abcd' },
    declarations: [{ name: 'a', specifier: '==1.0', hashes: ['sha256:abcd'], requirement: 'a==1.0', text: 'a==1.0 ${EXTRA}' }],
  },
  'a value containing " #" is not a comment (expansion runs after comment stripping)': {
    input: 'x==1.0 ${V}\n',
    env: { V: '# c' },
    diagnostics: [[1, 1, 'error', 'invalid-requirement', '"x==1.0 # c"']],
  },
  '$VAR and ${lower} are never expanded': {
    input: '$VAR==1\nb==${lower}\n',
    env: { VAR: 'x', lower: '1' },
    diagnostics: [
      [1, 1, 'error', 'invalid-requirement', '"$VAR==1"'],
      [2, 2, 'error', 'invalid-requirement', '"b==${lower}"'],
    ],
  },
  'an include path can be templated': {
    input: '-r ${DIR}/base.txt\n',
    env: { DIR: 'common' },
    includes: [{ raw: 'common/base.txt', target: 'svc/common/base.txt' }],
  },
};

const GROUPS: Array<[string, Record<string, Case>]> = [
  ['continuations (join_lines)', CONTINUATIONS],
  ['comments (ignore_comments)', COMMENTS],
  ['physical lines (str.splitlines)', LINE_BREAKS],
  ['options (break_args_options, shlex, optparse)', OPTIONS],
  ['includes', INCLUDES],
  ['requirement lines', REQUIREMENTS],
  ['environment variables', ENV_VARS],
];

for (const [group, cases] of GROUPS) {
  describe(group, () => {
    it.each(Object.entries(cases))('%s', (_name, c) => {
      check(parse(c.input, c.env ? { env: new Map(Object.entries(c.env)) } : {}), c);
    });
  });
}

// --- encodings --------------------------------------------------------------------------------

const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]);
function utf32le(s: string): Buffer {
  const cps = [...s].map((c) => c.codePointAt(0)!);
  const out = Buffer.alloc(4 + cps.length * 4);
  out.set([0xff, 0xfe, 0x00, 0x00]);
  cps.forEach((cp, i) => out.writeUInt32LE(cp, 4 + i * 4));
  return out;
}

describe('decoding', () => {
  it.each([
    ['utf-16-le', utf16le],
    ['utf-16-be', utf16be],
  ] as const)('%s with a BOM and CRLF endings parses normally', (encoding, encode) => {
    const m = parse(encode('requests==2.31.0\r\n# c\r\nnumpy>=1.26 ; python_version >= "3.9"\r\n'));
    expect(m.encoding).toBe(encoding);
    expect(m.bom).toBe(true);
    expect(m.newline).toBe('\r\n');
    expect(m.diagnostics).toEqual([]);
    expect(m.declarations).toMatchObject([
      { name: 'requests', specifier: '==2.31.0', line: 1, span: { start: 0, end: 16 }, byteSpan: { start: 2, end: 34 } },
      { name: 'numpy', specifier: '>=1.26', marker: 'python_version >= "3.9"', line: 3 },
    ]);
  });

  it('a UTF-32-LE BOM is decoded (expected difference: pip 23.2.1 misreads it as UTF-16 and errors)', () => {
    const m = parse(utf32le('requests==2.31.0\nflask==3.0.0\n'));
    expect(m.encoding).toBe('utf-32-le');
    expect(m.diagnostics).toEqual([]);
    expect(m.declarations).toMatchObject([
      { name: 'requests', line: 1, byteSpan: { start: 4, end: 4 + 16 * 4 } },
      { name: 'flask', line: 2, byteSpan: { start: 4 + 17 * 4, end: 4 + 29 * 4 } },
    ]);
  });

  const latin1 = (head: string) => Buffer.concat([Buffer.from(head), Buffer.from('requests==2.0 # caf'), Buffer.from([0xe9]), Buffer.from('\n')]);

  it.each([
    ['line 1', '# -*- coding: latin-1 -*-\n', 2],
    ['line 2', '\n# -*- coding: latin-1 -*-\n', 3],
    ['line 2 after a requirement', 'a==1\n# vim: set fileencoding=latin-1 :\n', 3],
  ])('a PEP 263 declaration on %s is honoured', (_label, head, line) => {
    const m = parse(latin1(head));
    expect(m.encoding).toBe('latin-1');
    expect(m.diagnostics).toEqual([]);
    expect(m.declarations.at(-1)).toMatchObject({ name: 'requests', line, comment: 'café' });
  });

  it('a PEP 263 declaration on line 3 is ignored (the file must then be UTF-8)', () => {
    const m = parse(latin1('\n\n# -*- coding: latin-1 -*-\n'));
    expect(m.encoding).toBeNull();
    expect(m.declarations).toEqual([]);
    expect(m.diagnostics).toMatchObject([{ line: 4, column: 20, severity: 'error', code: 'undecodable' }]);
  });

  it('an unknown PEP 263 codec is one error', () => {
    const m = parse('# coding: klingon\nfoo==1\n');
    expect(m.declarations).toEqual([]);
    expect(m.diagnostics).toMatchObject([{ line: 1, column: 1, severity: 'error', code: 'undecodable', message: expect.stringContaining('klingon') }]);
  });

  it('invalid UTF-8 is one undecodable error with its line and column, and no declarations', () => {
    const bytes = Buffer.concat([Buffer.from('a==1\nbb==1 # '), Buffer.from([0xc3, 0x28]), Buffer.from('\nc==1\n')]);
    const m = parse(bytes);
    expect(m.encoding).toBeNull();
    expect(m.declarations).toEqual([]);
    expect(m.blocks).toEqual([]);
    expect(m.diagnostics).toHaveLength(1);
    expect(m.diagnostics[0]).toMatchObject({ path: PATH, line: 2, column: 9, severity: 'error', code: 'undecodable' });
    expect(m.diagnostics[0]!.message).toContain('at byte 13');
  });

  it('byte spans count UTF-8 bytes after a BOM', () => {
    // BOM (3) + "# café ☕\n" (2 + 5 + 1 + 3 + 1 = 12 bytes): numpy starts at byte 15.
    const text = '# café ☕\nnumpy==1.0 # ünï\nrequests==2 ; python_version >= "3" # 😀\n';
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const m = parse(bytes);
    expect(m.bom).toBe(true);
    expect(m.encoding).toBe('utf-8');
    const [numpy, requests] = m.declarations;
    expect(numpy).toMatchObject({ line: 2, text: 'numpy==1.0 # ünï', byteSpan: { start: 15, end: 15 + 18 } });
    expect(requests).toMatchObject({ line: 3, byteSpan: { start: 34, end: 34 + 42 } });
    for (const d of m.declarations) expect(bytes.subarray(d.byteSpan!.start, d.byteSpan!.end).toString('utf8')).toBe(d.text);
  });
});

describe('diagnostic positions point at the offending text', () => {
  it.each([
    ['an invalid name', 'ok==1\n   ~bad==1\n', 2, 4],
    ['a bad version after a continuation', 'foo\\\n  ==1.0.*.x\n', 2, 10],
    ['a bad option after a requirement', 'foo==1   --nope\n', 1, 10],
    ['an invalid option in an indented line', '\t\t--nope\n', 1, 3],
    ['a line after a CRLF and a form feed', 'a==1\r\n\f  b==\n', 3, 4],
  ])('%s', (_label, input, line, column) => {
    const m = parse(input);
    expect(m.diagnostics).toHaveLength(1);
    expect(m.diagnostics[0]).toMatchObject({ line, column, severity: 'error' });
  });
});
