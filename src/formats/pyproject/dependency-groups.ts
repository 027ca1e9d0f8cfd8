/**
 * PEP 735 `[dependency-groups]`. Each string is declared once, under the group that writes it;
 * an `{include-group = "x"}` table is recorded as an include item at its position, so a group's
 * full list (PEP 735's expansion, repeats kept) is `expandDependencyGroup`, never a copy.
 */
import type { Declaration } from '../../model/declaration.js';
import { canonicalizeName } from '../../pep508/index.js';
import { err, ok, type Result } from '../../result.js';
import { verbatimAt } from './declare.js';
import { dotted, type TomlContext } from './toml-context.js';
import { isTable } from './toml-read.js';

/** One `[dependency-groups]` key. */
export interface DependencyGroup {
  /** PEP 503-normalized name: what include-group and `pip install --group` match. */
  name: string;
  /** The key as written. */
  rawName: string;
  line: number;
  items: DependencyGroupItem[];
}

/** A group's items in file order. */
export type DependencyGroupItem =
  /** A PEP 508 string: `index` into the manifest's declarations. */
  | { kind: 'declaration'; index: number }
  /** `{include-group = "..."}`: `group` normalized, `rawGroup` as written. */
  | { kind: 'include'; group: string; rawGroup: string; line: number }
  /** An item that could not be read (it has an error diagnostic); the group cannot be expanded. */
  | { kind: 'invalid'; line: number };

/** Expansions longer than this are refused (`a = [{include-group="b"}, {include-group="b"}]`, ... doubles). */
export const MAX_GROUP_EXPANSION = 100_000;

export function readDependencyGroups(c: TomlContext, value: unknown): DependencyGroup[] {
  const base = ['dependency-groups'];
  if (!isTable(value)) {
    c.diags.add(c.at(base, true), 'error', 'invalid-value', '[dependency-groups] must be a table');
    return [];
  }
  const groups: DependencyGroup[] = [];
  const seen = new Map<string, DependencyGroup>();
  for (const [rawName, items] of Object.entries(value)) {
    const path = [...base, rawName];
    const name = canonicalizeName(rawName);
    const first = seen.get(name);
    if (first !== undefined) {
      c.diags.add(c.at(path, true), 'error', 'duplicate-dependency-group', `dependency group ${JSON.stringify(rawName)} has the same normalized name (${name}) as ${JSON.stringify(first.rawName)}; PEP 735 refuses both`);
      first.items.push({ kind: 'invalid', line: c.at(path, true).line });
      continue;
    }
    const group: DependencyGroup = { name, rawName, line: c.at(path, true).line, items: [] };
    seen.set(name, group);
    groups.push(group);
    if (!Array.isArray(items)) {
      c.diags.add(c.at(path, true), 'error', 'invalid-value', `dependency group ${dotted(path)} must be an array`);
      group.items.push({ kind: 'invalid', line: group.line });
      continue;
    }
    items.forEach((item, i) => group.items.push(readItem(c, name, [...path, i], item)));
  }
  checkIncludes(c, groups);
  return groups;
}

function readItem(c: TomlContext, group: string, path: Array<string | number>, item: unknown): DependencyGroupItem {
  const at = c.at(path);
  if (typeof item === 'string') {
    const site = c.site(path);
    const d = c.sink.pep508(item, site, { group, role: 'group', dialect: 'pep508' }, verbatimAt(c.text, site, item));
    return d === null ? { kind: 'invalid', line: at.line } : { kind: 'declaration', index: c.out.declarations.length - 1 };
  }
  const keys = isTable(item) ? Object.keys(item) : [];
  const include = isTable(item) ? item['include-group'] : undefined;
  if (keys.length === 1 && keys[0] === 'include-group' && typeof include === 'string') {
    return { kind: 'include', group: canonicalizeName(include), rawGroup: include, line: at.line };
  }
  c.diags.add(at, 'error', 'invalid-include-group', isTable(item)
    ? 'a dependency group table must have exactly one key, include-group, with a string value'
    : 'a dependency group item must be a PEP 508 string or an {include-group = "..."} table');
  return { kind: 'invalid', line: at.line };
}

/** Unknown groups and include cycles (each cycle reported once, at the include that closes it). */
function checkIncludes(c: TomlContext, groups: DependencyGroup[]): void {
  const byName = new Map(groups.map((g) => [g.name, g]));
  for (const g of groups) {
    for (const item of g.items) {
      if (item.kind === 'include' && !byName.has(item.group)) {
        c.diags.add({ line: item.line, column: 0 }, 'error', 'unknown-dependency-group', `dependency group ${JSON.stringify(g.rawName)} includes ${JSON.stringify(item.rawGroup)}, which does not exist`);
      }
    }
  }
  // Iterative DFS: 0 = unvisited, 1 = on the stack, 2 = done.
  const state = new Map<string, number>();
  for (const root of groups) {
    if (state.get(root.name)) continue;
    const stack: Array<{ group: DependencyGroup; next: number }> = [{ group: root, next: 0 }];
    state.set(root.name, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const item = top.group.items[top.next++];
      if (item === undefined) {
        state.set(top.group.name, 2);
        stack.pop();
        continue;
      }
      if (item.kind !== 'include') continue;
      const target = byName.get(item.group);
      if (!target) continue;
      const s = state.get(target.name) ?? 0;
      if (s === 1) {
        const from = stack.findIndex((f) => f.group.name === target.name);
        const cycle = [...stack.slice(from).map((f) => f.group.name), target.name].join(' -> ');
        c.diags.add({ line: item.line, column: 0 }, 'error', 'include-group-cycle', `dependency group include cycle: ${cycle}`);
      } else if (s === 0) {
        state.set(target.name, 1);
        stack.push({ group: target, next: 0 });
      }
    }
  }
}

/**
 * PEP 735's expansion of one group: its strings, with each include replaced by the included
 * group's expansion at its position (repeats kept). Errors on an unknown group, a cycle, an
 * invalid item, or an expansion over MAX_GROUP_EXPANSION declarations.
 */
export function expandDependencyGroup(groups: readonly DependencyGroup[], declarations: readonly Declaration[], name: string): Result<Declaration[], string> {
  const byName = new Map(groups.map((g) => [g.name, g]));
  const out: Declaration[] = [];
  const start = byName.get(canonicalizeName(name));
  if (!start) return err(`dependency group ${JSON.stringify(name)} not found`);
  const stack: Array<{ group: DependencyGroup; next: number }> = [{ group: start, next: 0 }];
  const onStack = new Set([start]);
  // Empty groups included over and over add nothing but still cost steps: bound those too.
  for (let steps = 0; stack.length > 0; steps++) {
    if (steps > 10 * MAX_GROUP_EXPANSION) return err(`dependency group ${JSON.stringify(name)} includes too many groups`);
    const top = stack[stack.length - 1]!;
    const item = top.group.items[top.next++];
    if (item === undefined) {
      onStack.delete(top.group);
      stack.pop();
      continue;
    }
    if (item.kind === 'invalid') return err(`dependency group ${JSON.stringify(top.group.rawName)} has an invalid item at line ${item.line}`);
    if (item.kind === 'declaration') {
      if (out.push(declarations[item.index]!) > MAX_GROUP_EXPANSION) return err(`dependency group ${JSON.stringify(name)} expands to more than ${MAX_GROUP_EXPANSION} requirements`);
      continue;
    }
    const target = byName.get(item.group);
    if (!target) return err(`dependency group ${JSON.stringify(item.rawGroup)} not found`);
    if (onStack.has(target)) return err(`dependency group include cycle through ${JSON.stringify(target.rawName)}`);
    onStack.add(target);
    stack.push({ group: target, next: 0 });
  }
  return ok(out);
}
