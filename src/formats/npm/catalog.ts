/** Catalogs (pnpm-workspace.yaml, or bun's root package.json): named maps of package → specifier. */

export interface CatalogEntry {
  /** The package name as written. */
  name: string;
  /** The specifier as written. */
  specifier: string;
  path: string;
  line: number;
  column: number;
}

/** Catalog name (`default` for `catalog:`) → package name → entry. Maps, so any name is data. */
export type Catalogs = Map<string, Map<string, CatalogEntry>>;

/** The entry a `catalog:NAME` reference resolves to, or null. */
export function lookupCatalog(catalogs: Catalogs, catalog: string, packageName: string): CatalogEntry | null {
  return catalogs.get(catalog)?.get(packageName) ?? null;
}
