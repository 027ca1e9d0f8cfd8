/**
 * setup.py is a program, not a manifest: depaudit never runs it and never reads it as code.
 * It is listed with one warning, so an audit never looks complete while skipping it.
 */
import type { ParsedFormat } from '../../model/manifest.js';
import { emptyFormat } from '../pyproject/source-text.js';

export const SETUP_PY_MESSAGE = 'setup.py is code: depaudit does not run it; declare dependencies in pyproject.toml';

export function parseSetupPy(text: string, ctx: { path: string }): ParsedFormat {
  const out = emptyFormat('setup-py', text, ctx.path);
  out.diagnostics.push({ path: ctx.path, line: 0, column: 0, severity: 'warning', code: 'setup-py-not-read', message: SETUP_PY_MESSAGE });
  return out;
}
