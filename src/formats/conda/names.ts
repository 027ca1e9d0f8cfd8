/** File names discovery reads as conda environments even without a top-level `dependencies:` list. */
export function isCondaEnvironmentName(name: string): boolean {
  return /^(environment.*|conda.*|env)\.ya?ml$/i.test(name);
}
