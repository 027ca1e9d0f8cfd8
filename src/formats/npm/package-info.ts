/**
 * The package-level fields of a package.json that says nothing (or could not be read). Its own
 * module so discovery can give an unreadable package.json these fields without loading the parser.
 */
import type { PackageJsonInfo } from './package-json.js';

export function emptyPackageInfo(): PackageJsonInfo {
  return { name: null, version: null, private: false, workspaces: null, engines: { node: null }, packageManager: null, catalogs: new Map() };
}
