// cli-table3 ships no types for its utilities; this is the one the table renderer measures with.
declare module 'cli-table3/src/utils.js' {
  /** Display width of the widest line, ANSI colour codes excluded. */
  export function strlen(text: string): number;
}
