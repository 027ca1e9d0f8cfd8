/**
 * requirements.txt files as pip reads them: requirement lines (PEP 508, URLs, VCS, local paths,
 * editables) with per-requirement options and `--hash`, file options, `-r`/`-c` includes,
 * comments (the ` #` rule), `\` continuations anywhere, `${VAR}`s, and every line terminator.
 */
import fc, { type Arbitrary } from 'fast-check';
import { inputMix, joinLines, maybe, SPACE } from './common.js';
import { requirement, url, version, name, PEP_FRAGMENTS } from './pep.js';

const HASH = fc.constantFrom('sha256:' + 'ab'.repeat(32), 'sha256:00', 'md5:d41d8cd98f00b204e9800998ecf8427e', 'sha256', 'bogus:1');

/** Options pip accepts after a requirement on the same line. */
const perRequirement = fc.oneof(
  HASH.map((h) => `--hash=${h}`),
  HASH.map((h) => `--hash ${h}`),
  fc.constantFrom('-C key=value', '--config-settings=a=b', '--global-option=--x', '--hash', '--hash=', '-C'),
);

const fileOption = fc.oneof(
  fc.tuple(fc.constantFrom('-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--trusted-host', '-i=', '--index-url='), SPACE, fc.oneof(url, fc.constantFrom('', 'pypi.internal', '${INDEX}'))).map((p) => p.join(p[0].endsWith('=') ? '' : ' ')),
  fc.constantFrom('--pre', '--prefer-binary', '--require-hashes', '--no-index', '--only-binary :all:', '--no-binary=:none:', '--use-feature=fast-deps', '--pr', '--unknown', '-Z', '--no-binary', '-e'),
);

const include = fc
  .tuple(fc.constantFrom('-r', '-c', '--requirement', '--constraint', '-r=', '--requirement='), SPACE, fc.constantFrom('base.txt', '../shared/requirements.txt', '"a b.txt"', "'q.txt'", 'https://h/r.txt', '/etc/passwd', '${DIR}/x.txt', ''))
  .map(([o, ws, t]) => `${o}${o.endsWith('=') ? '' : ws || ' '}${t}`);

const pathOrUrl = fc.oneof(
  url,
  fc.constantFrom('.', './lib', '../sibling', './pkg[extra]', './dist/x-1.0-py3-none-any.whl', 'lib/x.tar.gz', '/abs/dir', 'C:\\x', '~/x', 'x.zip#egg=x'),
);

/** One logical requirement line before continuation splitting. */
const requirementLine = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(requirement, fc.array(fc.tuple(SPACE, perRequirement), { maxLength: 2 })).map(([r, os]) => r + os.map(([ws, o]) => ` ${ws}${o}`).join('')) },
  { weight: 2, arbitrary: fc.tuple(name, fc.constantFrom('==', '>=', '~=', ' == '), version).map((p) => p.join('')) },
  { weight: 2, arbitrary: pathOrUrl },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('-e ', '--editable ', '--editable=', '-e'), pathOrUrl).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('${PKG}==1.0', 'requests==${VERSION}', '${VAR}', 'a${B}c', '$VAR', '${lower}') },
);

const comment = fc.constantFrom('# comment', '#', '#!', '# -*- coding: latin-1 -*-', '## pinned \\', ' # note');

const logicalLine = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(requirementLine, maybe(fc.tuple(fc.constantFrom(' ', '\t', ''), comment).map((p) => p.join('')), '', 25)).map((p) => p.join('')) },
  { weight: 2, arbitrary: fileOption },
  { weight: 2, arbitrary: include },
  { weight: 2, arbitrary: comment },
  { weight: 2, arbitrary: SPACE },
);

/** A logical line with `\` + newline inserted at up to two points, and surrounding whitespace. */
const physical = fc
  .tuple(SPACE, logicalLine, SPACE, maybe(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 2 }), [], 20), fc.constantFrom('\\\n', '\\\r\n', '\\\n    ', '\\\n#c\n'))
  .map(([a, line, b, cuts, cont]) => {
    let text = a + line + b;
    for (const c of cuts.sort().reverse()) {
      const at = Math.floor(c * (text.length + 1));
      text = text.slice(0, at) + cont + text.slice(at);
    }
    return text;
  });

export const REQUIREMENTS_FRAGMENTS = [
  ...PEP_FRAGMENTS, '\\', '\\\n', '#', ' #', '\n', '\r\n', '\r', '\f', '\x85', '\u2028', '-r ', '-c ', '-e ', '--hash=sha256:ab', '-i ',
  '--pre', '${VAR}', '"', "'", '\t', '\0', '\ufeff', '\u00a0', './x', 'git+https://h/r.git', '#egg=x', 'é', '😀',
];

/** A requirements file (the text pip decodes). */
export const requirementsText: Arbitrary<string> = inputMix(
  joinLines(fc.array(physical, { maxLength: 12 })),
  REQUIREMENTS_FRAGMENTS,
);

/** Values for `${VAR}`s: some expand to options, comments or continuations (pip expands after joining). */
export const requirementsEnv: Arbitrary<Map<string, string> | undefined> = maybe(
  fc.constantFrom(
    new Map([['VAR', '1.0 --hash=sha256:abcd'], ['PKG', 'requests'], ['VERSION', '2.31.0']]),
    new Map([['VAR', '# not a comment \\'], ['INDEX', 'https://evil.example/simple'], ['DIR', '../..']]),
    new Map([['PKG', '-r /etc/passwd'], ['VAR', ''], ['B', ' ; python_version < "3"']]),
  ),
  undefined,
  30,
);
