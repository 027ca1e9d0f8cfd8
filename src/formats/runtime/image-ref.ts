/**
 * Image references (`[registry/]path[:tag][@digest]`, the grammar of distribution/reference)
 * and the official `python` / `node` images among them, with the version their tag names.
 */
import { formatVersion, parseVersion } from '../../pep440/index.js';
import type { RuntimeName } from '../../model/runtime.js';
import { UNKNOWN } from './shell-words.js';

export interface ImageRef {
  /** Registry host (`docker.io`, `ghcr.io`, `localhost:5000`); null when the reference names none. */
  domain: string | null;
  path: string;
  /** Null when absent; contains {@link UNKNOWN} where it depends on an ARG without a default. */
  tag: string | null;
  digest: string | null;
}

const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const NAME = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

export type RefResult = { ok: true; ref: ImageRef } | { ok: false; unknownName: boolean; error: string };

/** Parses an expanded FROM image; the name must be known, a tag may be {@link UNKNOWN}. */
export function parseImageRef(text: string): RefResult {
  const at = text.indexOf('@');
  const digest = at < 0 ? null : text.slice(at + 1);
  const rest = at < 0 ? text : text.slice(0, at);
  const colon = rest.lastIndexOf(':');
  const hasTag = colon > rest.lastIndexOf('/');
  const name = hasTag ? rest.slice(0, colon) : rest;
  const tag = hasTag ? rest.slice(colon + 1) : null;
  if (name.includes(UNKNOWN)) return { ok: false, unknownName: true, error: 'the image name depends on an ARG without a default' };
  const bad = (why: string): RefResult => ({ ok: false, unknownName: false, error: `invalid reference format: ${why}` });
  if (name === '' || name.length > 255 || !NAME.test(name)) {
    return bad(/[A-Z]/.test(name.split('/').slice(-1)[0] ?? '') ? 'repository name must be lowercase' : `${JSON.stringify(name)} is not an image name`);
  }
  if (tag !== null && !tag.includes(UNKNOWN) && !TAG.test(tag)) return bad(`${JSON.stringify(tag)} is not a tag`);
  if (digest !== null && !digest.includes(UNKNOWN) && !DIGEST.test(digest)) return bad(`${JSON.stringify(digest)} is not a digest`);
  // Docker's rule: the first component is a registry when it has a dot, a port or is localhost.
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const isDomain = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase());
  return { ok: true, ref: { domain: isDomain ? first : null, path: isDomain ? name.slice(slash + 1) : name, tag, digest } };
}

/** Docker Hub's official images, and the public mirrors that serve them unchanged. */
const OFFICIAL_PREFIXES: Array<[domain: string | null, prefix: string]> = [
  [null, ''],
  [null, 'library/'],
  ['docker.io', ''],
  ['docker.io', 'library/'],
  ['index.docker.io', ''],
  ['index.docker.io', 'library/'],
  ['public.ecr.aws', 'docker/library/'],
  ['mirror.gcr.io', 'library/'],
];

/** `python` or `node` when the reference is that official image (not `pypy`, not `myorg/python`). */
export function officialRuntime(ref: ImageRef): RuntimeName | null {
  for (const [domain, prefix] of OFFICIAL_PREFIXES) {
    if (ref.domain !== domain || !ref.path.startsWith(prefix)) continue;
    const repo = ref.path.slice(prefix.length);
    if (repo === 'python' || repo === 'node') return repo;
  }
  return null;
}

const PYTHON_TAG_VERSION = /^\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?$/;
const NODE_TAG_VERSION = /^\d+(?:\.\d+){0,2}$/;

/**
 * The version a tag names: the part before the first `-` (`3.11.4-slim-bookworm` → `3.11.4`),
 * when it is one; null for `latest`, `slim`, `lts`, `iron`, `alpine`, or an unknown tag.
 */
export function tagVersion(runtime: RuntimeName, tag: string | null): string | null {
  if (tag === null || tag.includes(UNKNOWN)) return null;
  const part = tag.split('-')[0]!;
  if (runtime === 'node') return NODE_TAG_VERSION.test(part) ? part : null;
  if (!PYTHON_TAG_VERSION.test(part)) return null;
  const v = parseVersion(part);
  return v ? formatVersion(v) : null;
}
