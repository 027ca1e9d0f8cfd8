/**
 * Line numbers and spans come from the source text: exact lines for a few corpus files of each
 * format, and for every declaration of the whole format corpus, `text` is the source at `span`
 * and starts on `line`.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedFormat } from '../../src/model/manifest.js';
import { parseConda } from '../../src/formats/conda/parse.js';
import { parsePipfile } from '../../src/formats/pipfile/parse.js';
import { parsePyproject } from '../../src/formats/pyproject/parse.js';
import { parseSetupCfg } from '../../src/formats/setup-cfg/parse.js';
import { corpusFiles, readCorpus } from './helpers.js';

const parse = (p: string) => {
  const text = readCorpus(p);
  const name = p.slice(p.lastIndexOf('/') + 1);
  if (name === 'pyproject.toml') return parsePyproject(text, { path: p });
  if (name === 'Pipfile') return parsePipfile(text, { path: p });
  if (name === 'setup.cfg') return parseSetupCfg(text, { path: p });
  return parseConda(text, { path: p });
};
const lines = (m: ParsedFormat) => m.declarations.map((d) => [d.line, d.name, d.group]);

describe('exact lines in corpus files', () => {
  it('PEP 621, PEP 735 and build-system', () => {
    const m = parse('awslabs__mcp/src/dynamodb-mcp-server/pyproject.toml');
    expect(lines(m)).toEqual([
      [8, 'boto3', 'main'], [9, 'jinja2', 'main'], [10, 'loguru', 'main'], [11, 'mcp', 'main'], [12, 'psutil', 'main'],
      [13, 'pydantic', 'main'], [14, 'typing-extensions', 'main'], [15, 'awslabs-mysql-mcp-server', 'main'],
      [16, 'awslabs-aws-api-mcp-server', 'main'], [48, 'commitizen', 'dev'], [49, 'pre-commit', 'dev'], [50, 'ruff', 'dev'],
      [51, 'pyright', 'dev'], [52, 'pytest', 'dev'], [53, 'pytest-asyncio', 'dev'], [54, 'pytest-cov', 'dev'],
      [55, 'hypothesis', 'dev'], [59, 'hatchling', 'build'],
    ]);
    expect(m.declarations[3]).toMatchObject({ text: '"mcp[cli]==1.26.0"', extras: ['cli'], specifier: '==1.26.0', span: { start: expect.any(Number) } });
    expect((m as ReturnType<typeof parsePyproject>).requiresPython).toEqual([{ line: 6, source: 'project.requires-python', written: '>=3.10', specifier: '>=3.10' }]);
  });

  it('Poetry', () => {
    const m = parse('microsoft__promptflow/src/promptflow-recording/pyproject.toml');
    expect(lines(m)).toEqual([
      [38, 'vcrpy', 'main'], [39, 'filelock', 'main'], [40, 'promptflow-tracing', 'main'],
      [43, 'pre-commit', 'dev'], [44, 'import-linter', 'dev'], [48, 'poetry-core', 'build'],
    ]);
    expect(m.declarations[2]).toMatchObject({ specifier: '<2.0.0,>=0.1.0b1', written: '>=0.1.0b1, <2.0.0' });
  });

  it('Pipfile', () => {
    const m = parse('realpython__materials/flask-google-login/Pipfile');
    expect(lines(m)).toEqual([
      [9, 'requests', 'packages'], [10, 'oauthlib', 'packages'], [11, 'flask', 'packages'], [12, 'pyopenssl', 'packages'], [13, 'flask-login', 'packages'],
    ]);
    expect(m.options).toEqual([{ line: 3, name: '--index-url', value: 'https://pypi.org/simple' }]);
  });

  it('conda with CRLF line endings', () => {
    const m = parse('Azure__azureml-examples/cli/endpoints/online/deploy-with-packages/custom-model/environment/conda.yaml');
    expect(m.newline).toBe('\r\n');
    expect(lines(m).slice(0, 6)).toEqual([
      [5, 'python', 'main'], [6, 'numpy', 'main'], [7, 'pip', 'main'], [8, 'scikit-learn', 'main'], [9, 'scipy', 'main'], [10, 'xgboost', 'main'],
    ]);
    expect(m.declarations[0]).toMatchObject({ ecosystem: 'conda', specifier: '==3.12.*', written: '=3.12', dialect: 'conda' });
  });
});

describe('every declaration of the format corpus', () => {
  const files = corpusFiles((n) => n === 'pyproject.toml' || n === 'Pipfile' || n === 'setup.cfg' || /\.ya?ml$/.test(n));

  it('has 481 files (314 pyproject.toml, 4 Pipfile, 30 setup.cfg, 133 conda) and over 3,500 declarations', () => {
    expect(files.length).toBe(481);
    expect(files.reduce((n, p) => n + parse(p).declarations.length, 0)).toBeGreaterThan(3_500);
  });

  it.each(files)('%s: text is the source at span, and starts on line', (p) => {
    const m = parse(p);
    const starts = [0];
    for (let i = 0; i < m.text.length; i++) if (m.text[i] === '\n') starts.push(i + 1);
    for (const d of m.declarations) {
      expect(m.text.slice(d.span.start, d.span.end)).toBe(d.text);
      expect(starts[d.line - 1]! <= d.span.start && d.span.start < (starts[d.line] ?? Infinity)).toBe(true);
      expect(d.endLine).toBeGreaterThanOrEqual(d.line);
      expect(d.byteSpan).toBeNull();
      expect(d.hashes).toEqual([]);
    }
  });
});
