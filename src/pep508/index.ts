/**
 * PEP 508 dependency specifiers and environment markers, faithful to PyPA
 * packaging 26.2 (accept/reject decisions, normalization, str() output, error
 * messages and spans). See test/goldens/pep508 for the differential goldens.
 */
export { canonicalizeName, isValidName, normalizeExtra } from './names.js';
export { formatMarker, MAX_MARKER_DEPTH, parseMarker } from './marker.js';
export type {
  BoolOp,
  MarkerAst,
  MarkerAtom,
  MarkerComparison,
  MarkerList,
  MarkerOp,
  MarkerOperand,
  MarkerVariable,
} from './marker-ast.js';
export { markersDisjoint } from './marker-disjoint.js';
export { formatRequirement, parseRequirement, type Requirement } from './requirement.js';
export type { Pep508Error, Pep508ErrorKind } from './tokenizer.js';
