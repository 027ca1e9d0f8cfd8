/**
 * conda environment files (`environment.yml`, `conda.yaml`, any YAML with a top-level
 * `dependencies:` list) → ParsedFormat (python-manifests.md §8). String entries are conda
 * MatchSpecs: ecosystem `conda`, names lowercased, versions converted to PEP 440 where one set
 * can say the same (the spec as written stays in `written`). A `pip:` entry is a requirements
 * file in all but name and is read by the pip parser. Never throws.
 */
import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Declaration } from '../../model/declaration.js';
import { sortDiagnostics } from '../../model/diagnostic.js';
import type { ParsedFormat } from '../../model/manifest.js';
import { DeclarationSink, type Site } from '../pyproject/declare.js';
import { Diagnostics, emptyFormat, lineStarts } from '../pyproject/source-text.js';
import type { PathProbe } from '../requirements/classify.js';
import { parseMatchSpec } from './matchspec.js';
import { readPipItems, type PipItem } from './pip-section.js';
import { condaVersionToPep440 } from './version.js';
import { readYaml, type YamlDocument } from './yaml-read.js';

export interface CondaContext {
  /** Root-relative POSIX path of the environment file. */
  path: string;
  /** Answers the pip parser's local-path questions (`-e ./lib` must be a directory). */
  probe?: PathProbe;
  /** Values for `${VAR}` in the pip list. */
  env?: ReadonlyMap<string, string>;
}

export { isCondaEnvironmentName } from './names.js';

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;

export function parseConda(text: string, ctx: CondaContext): ParsedFormat {
  const out = emptyFormat('conda', text, ctx.path);
  const diags = new Diagnostics(ctx.path, out.diagnostics);
  const y = readYaml(text, diags);
  if (!y) return out;
  const starts = lineStarts(text);
  const sink = new DeclarationSink(text, starts, diags, out.declarations);
  const root = y.doc.contents;
  const deps = isMap(root) ? root.items.find((p) => isScalar(p.key) && p.key.value === 'dependencies') : undefined;
  const list = deps ? resolve(y, deps.value as Node | null) : null;
  if (!isSeq(list)) {
    diags.add(deps ? at(sink, deps.value as Node | null) : null, 'warning', 'conda-no-dependencies', 'no top-level "dependencies:" list: not a conda environment file');
    return out;
  }
  const pip: PipItem[] = [];
  for (const raw of list.items) {
    const item = resolve(y, raw as Node);
    const site = siteOf(raw as Node);
    if (isScalar(item) && typeof item.value === 'string') declare(sink, item.value, site);
    else if (isMap(item)) {
      for (const pair of item.items) {
        const key = isScalar(pair.key) ? pair.key.value : null;
        const value = resolve(y, pair.value as Node | null);
        if (key === 'pip' && isSeq(value)) pip.push(...pipItems(y, sink, value.items as Node[]));
        else if (key === 'pip') diags.add(at(sink, pair.value as Node | null), 'error', 'invalid-value', 'pip: must be a list of requirement lines');
        else diags.add(at(sink, pair.key as Node | null), 'warning', 'conda-unknown-installer', `${JSON.stringify(key)}: conda only installs "pip:" sub-lists; not read`);
      }
    } else diags.add(sink.at(site.start), 'error', 'invalid-value', 'a dependency must be a MatchSpec string or a {pip: [...]} mapping');
  }
  readPipItems(text, starts, pip, ctx, out);
  out.declarations.sort((a, b) => a.span.start - b.span.start);
  sortDiagnostics(out.diagnostics);
  return out;
}

function pipItems(y: YamlDocument, sink: DeclarationSink, nodes: Node[]): PipItem[] {
  const items: PipItem[] = [];
  for (const raw of nodes) {
    const node = resolve(y, raw);
    if (isScalar(node) && typeof node.value === 'string') items.push({ value: node.value, ...siteOf(raw) });
    else sink.diags.add(sink.at(siteOf(raw).start), 'error', 'invalid-value', 'a pip: entry must be a string (a requirements-file line)');
  }
  return items;
}

/** One MatchSpec string. */
function declare(sink: DeclarationSink, value: string, site: Site): Declaration | null {
  const where = sink.at(site.start);
  const spec = parseMatchSpec(value);
  if (!spec.ok || !NAME.test(spec.value.name)) {
    sink.diags.add(where, 'error', 'invalid-matchspec', `Invalid MatchSpec ${JSON.stringify(value)}: ${spec.ok ? `${JSON.stringify(spec.value.name)} is not a package name` : spec.error}`);
    return null;
  }
  const s = spec.value;
  let specifier = '';
  if (s.version !== null) {
    const conv = condaVersionToPep440(s.version);
    if (conv.ok) specifier = conv.specifier;
    else sink.diags.add(where, 'warning', 'conda-version', `${s.name}: ${conv.reason}; compared as any version`);
  }
  if (s.build !== null || s.brackets.build_number !== undefined) {
    sink.diags.add(where, 'warning', 'conda-build-string', `${s.name}: the build ${JSON.stringify(s.build ?? `build_number=${s.brackets.build_number}`)} is dropped (PEP 440 has no build strings)`);
  }
  const written = s.url !== null ? '' : value.slice(value.indexOf(s.name) + s.name.length).trim();
  return sink.add(
    site,
    {
      name: s.name.toLowerCase(),
      rawName: s.name,
      requirement: s.name + specifier,
      specifier,
      url: s.url,
      source: s.url !== null ? 'url' : 'index',
      ...(written ? { written } : {}),
    },
    { group: 'main', role: 'requirement', dialect: 'conda', ecosystem: 'conda' },
  );
}

/** An alias stands for its anchored node (one level; a missing anchor is null). */
function resolve(y: YamlDocument, node: Node | null | undefined): Node | null {
  if (!node) return null;
  return isAlias(node) ? y.resolve(node) : node;
}

function siteOf(node: Node | null | undefined): Site {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

function at(sink: DeclarationSink, node: Node | null | undefined): { line: number; column: number } {
  return sink.at(siteOf(node).start);
}
