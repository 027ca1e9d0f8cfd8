/** Lists in finding messages stay readable on platforms of thousands of services; `data` keeps the full lists. */
export function listNames(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

export function joinCapped(items: readonly string[], separator: string, max: number, noun: string): string {
  if (items.length <= max) return items.join(separator);
  return `${items.slice(0, max).join(separator)}${separator}and ${items.length - max} more ${noun}`;
}
