/** purl building, checked against purl-spec's rules and test cases (types/pypi, types/npm). */
import { describe, expect, it } from 'vitest';
import { encodePurlComponent, purl } from '../../src/sbom/purl.js';

describe('purl', () => {
  it.each([
    [['pypi', 'Django_package', '1.11.1.dev1'], 'pkg:pypi/django-package@1.11.1.dev1'],
    [['pypi', 'zope.interface', '6.0'], 'pkg:pypi/zope.interface@6.0'],
    [['pypi', 'torch', '2.3.0+cpu'], 'pkg:pypi/torch@2.3.0%2Bcpu'],
    [['pypi', 'foo', '1!2.0'], 'pkg:pypi/foo@1%212.0'],
    [['pypi', 'requests', null], 'pkg:pypi/requests'],
    [['npm', '@angular/animation', '12.3.1'], 'pkg:npm/%40angular/animation@12.3.1'],
    [['npm', 'Left-Pad', '1.0.0'], 'pkg:npm/Left-Pad@1.0.0'],
    [['npm', '@types/node', '20.14.2'], 'pkg:npm/%40types/node@20.14.2'],
  ] as const)('%j → %s', ([type, name, version], want) => expect(purl(type, name, version)).toBe(want));

  it('qualifiers: lowercase keys, sorted, values encoded, empty ones dropped', () => {
    expect(purl('pypi', 'pkg', null, { vcs_url: 'git+https://github.com/o/r.git@v1', Download_URL: '' })).toBe('pkg:pypi/pkg?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fo%2Fr.git%40v1');
    expect(purl('pypi', 'pkg', '1', { b: '2', a: '1' })).toBe('pkg:pypi/pkg@1?a=1&b=2');
  });

  it('encodes everything but letters, digits, .-_~ and :, as UTF-8', () => {
    expect(encodePurlComponent("a b/c?d#e@f!g*h'i(j)k:l~m.n-o_p é")).toBe('a%20b%2Fc%3Fd%23e%40f%21g%2Ah%27i%28j%29k:l~m.n-o_p%20%C3%A9');
  });
});
