#!/usr/bin/env node
/**
 * Command-line wiring only: argv → options → a command → text on stdout and an exit code.
 * Commands load their modules lazily so `depaudit --version` stays fast.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT, UsageError } from './errors.js';
import { VERSION } from './version.js';

function parseEnv(value: string, previous: Map<string, string> = new Map()): Map<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError('expected NAME=VALUE');
  previous.set(value.slice(0, eq), value.slice(eq + 1));
  return previous;
}

function parseSize(value: string): number {
  const m = /^(\d+)\s*([kKmMgG]i?[bB]?)?$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError('expected a size such as 5MiB or 1048576');
  const unit = (m[2] ?? '').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Number(m[1]) * factor;
}

const EXAMPLES = `
Examples:
  $ depaudit report fixtures/seed-platform                 drift summary, conflicts and shared-base candidates
  $ depaudit report . --format json > inventory.json       the complete, versioned JSON inventory
  $ depaudit check . --format github                       CI gate: exit 1 on findings at error severity
  $ depaudit check . --baseline depaudit-baseline.json     fail only on findings not in the baseline
  $ depaudit explain fastapi .                             every declaration of one package
  $ depaudit schema > depaudit-report.schema.json          the JSON Schema of the report

Exit codes: 0 clean, 1 findings at error severity, 2 usage, config or input error.`;

export function buildProgram(out: { stdout: (s: string) => void; stderr: (s: string) => void }): Command {
  const program = new Command();
  program
    .name('depaudit')
    .description('Audit and consolidate the Python (and npm) dependencies of a repository of many services.')
    .version(VERSION, '-V, --version')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run depaudit --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: out.stdout, writeErr: out.stderr });

  const common = (cmd: Command) =>
    cmd
      .option('--config <file>', 'config file (default: depaudit.config.yaml in the root)')
      .option('--env <NAME=VALUE>', 'value for a ${NAME} reference in requirements files (repeatable)', parseEnv)
      .option('--max-file-size <size>', 'refuse manifests larger than this', parseSize, 5 * 1024 * 1024);

  common(
    program
      .command('report')
      .description('inventory, drift summary, conflicts and shared-base candidates')
      .argument('[root]', 'directory to scan', '.')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table')),
  ).action(async (root: string, opts) => {
    const { runReport } = await import('./commands/report.js');
    process.exitCode = await runReport(root, opts, out);
  });

  return program;
}

async function main(argv: string[]): Promise<number> {
  const out = { stdout: (s: string) => void process.stdout.write(s), stderr: (s: string) => void process.stderr.write(s) };
  const program = buildProgram(out);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.failure;
    }
    if (e instanceof UsageError) {
      out.stderr(`depaudit: ${e.message}\n`);
      return EXIT.failure;
    }
    out.stderr(`depaudit: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.DEPAUDIT_DEBUG) out.stderr(`${e instanceof Error ? e.stack : ''}\n`);
    return EXIT.failure;
  }
}

process.exitCode = await main(process.argv);
