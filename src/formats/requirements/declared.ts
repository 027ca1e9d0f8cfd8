/**
 * What a requirements-file line declares (`Declared`), made once per distinct line and shared by
 * every declaration of it (model PlacedDeclaration).
 */
import type { Declared } from '../../model/declaration.js';

/**
 * The empty array of every declaration with no extras, hashes or unexpanded ${VAR}s: most have none.
 * Frozen, like every array a Declared holds (see `freezeDeclared`).
 */
const NONE: readonly string[] = Object.freeze([]);

const frozen = (values: readonly string[]): readonly string[] => (values.length === 0 ? NONE : Object.freeze(values.slice()));

/**
 * A Declared whose arrays and settings are frozen copies: every declaration of the line reads them,
 * so a caller that forced a change through the readonly types would throw rather than change the
 * others (or the parser's memo).
 */
export function freezeDeclared(d: Declared): Declared {
  let settings: Declared['configSettings'] = null;
  if (d.configSettings !== null) {
    const copy: Record<string, string | readonly string[]> = {};
    for (const [key, value] of Object.entries(d.configSettings)) copy[key] = typeof value === 'string' ? value : frozen(value);
    settings = Object.freeze(copy);
  }
  return Object.freeze({
    ...d,
    extras: frozen(d.extras),
    hashes: frozen(d.hashes),
    unexpandedVars: frozen(d.unexpandedVars),
    globalOptions: d.globalOptions === null ? null : frozen(d.globalOptions),
    configSettings: settings,
  });
}
