#!/usr/bin/env node
/**
 * `npm run build`: type-check with tsc (which emits nothing), then bundle the CLI and its
 * dependencies with esbuild into dist/. Most of a small run used to be module loading: about 100
 * files from dist/ plus the dependencies'. `--analyze` prints what each output file holds.
 *
 * Splitting, measured against one file: a single 1.8 MB file made `--version` parse everything
 * (about 2x node's own start-up on top of it); with splitting, `--version` and `--help` load only the CLI
 * and commander, and each command loads its own file plus the chunks it shares with others.
 */
import { build, analyzeMetafile } from 'esbuild';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(repo, 'dist');

// The type check runs beside the bundling. As tsc's own emit did, a type error still leaves a fresh
// dist/ and makes the build fail.
const tsc = spawn(process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: repo, stdio: 'inherit' });
const typesOk = new Promise((resolve) => tsc.on('close', (code) => resolve(code === 0)));

/**
 * `import { z } from 'zod'` binds zod's namespace object as a value, so esbuild keeps all of zod,
 * every locale included (~730 KB, the largest input of a run, ~50 ms of CPU to load); `import * as z
 * from 'zod'` is the same API and tree-shakes to ~200 KB. This rewrites our sources' imports to that
 * form as they are bundled; a source that already imports it that way is left as it is.
 */
const zodNamespace = {
  name: 'zod-namespace-import',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      return { contents: text.replace(/^import \{ z \} from 'zod';$/m, "import * as z from 'zod';"), loader: 'ts' };
    });
  },
};

const result = await build({
  absWorkingDir: repo,
  // dist/cli.js is the executable (bin.ts: --version, else it imports cli.ts, the parser wiring, as
  // dist/program.js). Each command is an entry point too, so `import('./commands/check.js')` finds
  // dist/commands/check.js; code that several outputs use goes to dist/chunks/.
  entryPoints: [{ in: 'src/bin.ts', out: 'cli' }, { in: 'src/cli.ts', out: 'program' }, 'src/commands/*.ts'],
  outbase: 'src',
  outdir: 'dist',
  entryNames: '[dir]/[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Bundled CommonJS dependencies (commander, semver, yaml, cli-table3) call require()
  // for Node's built-in modules, which an ES module does not have. (esbuild keeps bin.ts's shebang first.)
  banner: { js: "import { createRequire as __depauditCreateRequire } from 'node:module';\nconst require = __depauditCreateRequire(import.meta.url);" },
  sourcemap: 'external',
  legalComments: 'none',
  metafile: true,
  plugins: [zodNamespace],
  logLevel: 'warning',
}).catch(() => null); // esbuild has printed its errors
if (!result) {
  await typesOk;
  process.exit(1);
}

// Files of an older build (tsc's per-module output, chunks with other hashes) would linger beside
// the new ones; they are removed after the new files are written, so dist/cli.js never goes missing.
const written = new Set(Object.keys(result.metafile.outputs).map((f) => path.resolve(repo, f)));
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  const file = path.join(entry.parentPath ?? entry.path, entry.name);
  if (entry.isFile() && !written.has(file)) rmSync(file);
}
const dirs = readdirSync(dist, { recursive: true, withFileTypes: true }).filter((e) => e.isDirectory());
for (const dir of dirs.map((e) => path.join(e.parentPath ?? e.path, e.name)).sort((a, b) => b.length - a.length)) {
  if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
}

if (process.argv.includes('--analyze')) console.log(await analyzeMetafile(result.metafile));
if (!(await typesOk)) process.exitCode = 1;
