/**
 * One TOML manifest being read: its data, positions, declaration sink and output, plus the
 * helpers every section reader uses (where is this path, read this list of PEP 508 strings).
 */
import type { ParsedFormat } from '../../model/manifest.js';
import { DeclarationSink, verbatimAt, type DeclarationMeta, type Site } from './declare.js';
import type { Diagnostics } from './source-text.js';
import type { TomlPath } from './toml-locate.js';
import type { TomlDocument } from './toml-read.js';

export class TomlContext {
  constructor(
    readonly text: string,
    readonly doc: TomlDocument,
    readonly sink: DeclarationSink,
    readonly out: ParsedFormat,
  ) {}

  get diags(): Diagnostics {
    return this.sink.diags;
  }

  /** The value's span, or the closest enclosing one the locator knows. */
  site(path: TomlPath): Site {
    for (let n = path.length; n > 0; n--) {
      const p = path.slice(0, n);
      const span = this.doc.locations.value(p) ?? this.doc.locations.entry(p);
      if (span) return span;
    }
    return { start: 0, end: 0 };
  }

  /** The `key = value` (or `[table]` block) span of a path. */
  entrySite(path: TomlPath): Site {
    return this.doc.locations.entry(path) ?? this.site(path);
  }

  at(path: TomlPath, entry = false): { line: number; column: number } {
    return this.sink.at((entry ? this.entrySite(path) : this.site(path)).start);
  }

  /** An array of PEP 508 strings (project.dependencies, build-system.requires, ...). */
  pep508List(path: TomlPath, value: unknown, meta: DeclarationMeta, constraint = false): void {
    if (!Array.isArray(value)) {
      this.diags.add(this.at(path, true), 'error', 'invalid-value', `${dotted(path)} must be an array of PEP 508 strings`);
      return;
    }
    value.forEach((item, i) => {
      const itemPath = [...path, i];
      const site = this.site(itemPath);
      if (typeof item !== 'string') {
        this.diags.add(this.at(itemPath), 'error', 'invalid-value', `${dotted(path)}[${i}] must be a string`);
        return;
      }
      this.sink.pep508(item, site, meta, verbatimAt(this.text, site, item), constraint);
    });
  }
}

/** `project.optional-dependencies.socks` for messages (quoted when a key is not bare). */
export function dotted(path: TomlPath): string {
  return path
    .filter((p): p is string => typeof p === 'string')
    .map((p) => (/^[A-Za-z0-9_-]+$/.test(p) ? p : JSON.stringify(p)))
    .join('.');
}
