/**
 * Package URLs (github.com/package-url/purl-spec): `pkg:type/namespace/name@version?qualifiers`.
 * Everything but ASCII letters, digits, `.-_~` and `:` is percent-encoded (so a local version
 * `2.3.0+cpu` is `2.3.0%2Bcpu`, an epoch `1!2.0` is `1%212.0`, an npm scope `@types` is `%40types`).
 */

export function encodePurlComponent(s: string): string {
  return [...new TextEncoder().encode(s)]
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9.\-_~:]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** purl-spec's PyPI name rule: lowercase, `_` becomes `-` (dots stay: `zope.interface`). */
export function pypiPurlName(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

export function purl(
  type: 'pypi' | 'npm' | 'conda',
  name: string,
  version: string | null,
  qualifiers: Record<string, string> = {},
): string {
  let path: string;
  if (type === 'pypi') path = encodePurlComponent(pypiPurlName(name));
  else if (type === 'conda') path = encodePurlComponent(name.toLowerCase());
  else {
    // npm: the scope is the namespace, its @ always encoded; names are case-sensitive.
    const slash = name.startsWith('@') ? name.indexOf('/') : -1;
    path = slash > 0 ? `${encodePurlComponent(name.slice(0, slash))}/${encodePurlComponent(name.slice(slash + 1))}` : encodePurlComponent(name);
  }
  const q = Object.entries(qualifiers)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => [k.toLowerCase(), v] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${encodePurlComponent(v)}`)
    .join('&');
  return `pkg:${type}/${path}${version !== null ? `@${encodePurlComponent(version)}` : ''}${q ? `?${q}` : ''}`;
}
