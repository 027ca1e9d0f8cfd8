/**
 * configparser's BasicInterpolation, which `ConfigParser.get` applies to every value setuptools
 * reads: `%%` is `%`, `%(name)s` is another option of the section (or DEFAULT), nested at most
 * 10 deep; any other `%` is an error. (A URL with `%20` in setup.cfg therefore fails.)
 */
import { err, ok, type Result } from '../../result.js';

const MAX_DEPTH = 10;
/** Nested references can double the text at each level: refuse results beyond this. */
const MAX_LENGTH = 1 << 20;

export function interpolate(value: string, vars: ReadonlyMap<string, string>): Result<string, string> {
  if (!value.includes('%')) return ok(value);
  const out: string[] = [];
  let length = 0;
  // An explicit stack of (text, depth) instead of recursion.
  const stack: Array<{ rest: string; depth: number }> = [{ rest: value, depth: 1 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.depth > MAX_DEPTH) return err(`interpolation nested deeper than ${MAX_DEPTH} levels`);
    const p = top.rest.indexOf('%');
    if (p < 0) {
      out.push(top.rest);
      length += top.rest.length;
      stack.pop();
      continue;
    }
    out.push(top.rest.slice(0, p));
    length += p;
    const rest = top.rest.slice(p);
    const c = rest[1];
    if (c === '%') {
      out.push('%');
      top.rest = rest.slice(2);
    } else if (c === '(') {
      const m = /^%\(([^)]+)\)s/.exec(rest);
      if (!m) return err(`bad interpolation variable reference ${JSON.stringify(rest)}`);
      top.rest = rest.slice(m[0].length);
      const v = vars.get(m[1]!);
      if (v === undefined) return err(`Bad value substitution: no option ${JSON.stringify(m[1])} for %(${m[1]})s`);
      if (v.includes('%')) stack.push({ rest: v, depth: top.depth + 1 });
      else {
        out.push(v);
        length += v.length;
      }
    } else {
      return err(`'%' must be followed by '%' or '(', found: ${JSON.stringify(rest)}`);
    }
    if (length > MAX_LENGTH) return err('interpolation result too long');
  }
  return ok(out.join(''));
}
