#!/usr/bin/env node
/**
 * The executable (bundled as dist/cli.js). `depaudit --version` is answered here, before commander
 * and the command wiring in cli.ts load: they cost more than the rest of that start-up together.
 */
import { EXIT } from './errors.js';
import { VERSION } from './version.js';

// A closed pipe (`depaudit report | head`) ends the output quietly, as for any Unix tool; any
// other output error is a one-line failure, never a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    if (stream === process.stdout) process.stderr.write(`depaudit: cannot write output: ${e.code ?? e.message}\n`);
    process.exit(EXIT.failure);
  });
}

// No module.enableCompileCache(): Node 20 has none (it came in 22.1), and it would write a cache to
// the temp directory, which depaudit never does (SECURITY.md). On Node 22, NODE_COMPILE_CACHE=<dir>
// turns it on without us.
const args = process.argv.slice(2);
// Exactly what commander prints for these two; any other argument list goes through the parser.
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) process.stdout.write(`${VERSION}\n`);
else await import('./cli.js');
