/** What reporters may know about the terminal; they never read process.* themselves. */
export interface RenderContext {
  color: boolean;
}

const CODES = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1, cyan: 36 } as const;

export function paint(ctx: RenderContext, style: keyof typeof CODES, text: string): string {
  return ctx.color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text;
}
