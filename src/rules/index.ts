/** The rule registry, alphabetical; ids match file names and the pages in rules/. */
import type { RuleId } from '../analysis/finding.js';
import type { Rule } from '../analysis/rule.js';
import baseOverride from './base-override.js';
import duplicate from './duplicate.js';
import insecureSource from './insecure-source.js';
import parseError from './parse-error.js';
import rangeMismatch from './range-mismatch.js';
import runtimeDrift from './runtime-drift.js';
import unpinned from './unpinned.js';
import unsatisfiable from './unsatisfiable.js';
import versionConflict from './version-conflict.js';
import vulnerable from './vulnerable.js';
import vulnerableRange from './vulnerable-range.js';

export const RULES: Record<RuleId, Rule<any>> = {
  'base-override': baseOverride,
  duplicate,
  'insecure-source': insecureSource,
  'parse-error': parseError,
  'range-mismatch': rangeMismatch,
  'runtime-drift': runtimeDrift,
  unpinned,
  unsatisfiable,
  'version-conflict': versionConflict,
  vulnerable,
  'vulnerable-range': vulnerableRange,
};
