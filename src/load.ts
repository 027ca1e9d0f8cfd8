/** The edge that turns a root directory on disk into an Inventory. */
import { statSync } from 'node:fs';
import path from 'node:path';
import { createNodeIo } from './io/node-io.js';
import { scan } from './inventory/scan.js';
import type { Inventory } from './inventory/model.js';
import { UsageError } from './errors.js';

export interface LoadOptions {
  maxFileSize: number;
  env: ReadonlyMap<string, string>;
  /** False for read-only commands: no line blocks (only consolidate's rewrites read them). */
  blocks?: boolean;
}

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export async function loadInventory(root: string, options: LoadOptions): Promise<Inventory> {
  let stat;
  try {
    stat = statSync(root);
  } catch {
    throw new UsageError(`root directory not found: ${root}`);
  }
  if (!stat.isDirectory()) throw new UsageError(`root is not a directory: ${root}`);
  const io = createNodeIo(root, { maxFileSize: options.maxFileSize });
  return scan(io, { rootName: path.basename(path.resolve(root)), env: options.env, ...(options.blocks === false ? { blocks: false } : {}) });
}
