/**
 * Command-line wiring only: argv → options → a command → text on stdout and an exit code.
 * Loaded by bin.ts (the executable). Each command imports its module only when it runs, so
 * `--help` and a light command never load the heavy ones.
 */
import { once } from 'node:events';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT, UsageError } from './errors.js';
import { VERSION } from './version.js';
import type { Output } from './io/output.js';

function parseEnv(value: string, previous: Map<string, string> = new Map()): Map<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError('expected NAME=VALUE');
  previous.set(value.slice(0, eq), value.slice(eq + 1));
  return previous;
}

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a positive integer');
  return Number(value);
}

function share(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1) throw new InvalidArgumentError('expected a number in (0, 1]');
  return n;
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
  $ depaudit check . --format sarif > depaudit.sarif       for GitHub code scanning (upload-sarif)
  $ depaudit audit . --advisories advisory-database        known-vulnerable pins, offline (OSV files or zip)
  $ depaudit sbom . > sbom.cdx.json                         CycloneDX 1.6 SBOM (reproducible; --timestamp to stamp it)
  $ depaudit explain fastapi .                             every declaration of one package
  $ depaudit consolidate . --base shared/requirements.txt  plan: what moves to the shared base, with diffs
  $ depaudit consolidate . --base shared/requirements.txt --write
  $ depaudit schema > depaudit-report.schema.json          the JSON Schema of the report

Exit codes: 0 clean, 1 findings at error severity, 2 usage, config or input error.`;

/** Colour only on a TTY; NO_COLOR wins, FORCE_COLOR forces it (https://no-color.org). */
function renderContext(): { color: boolean } {
  if (process.env.NO_COLOR) return { color: false };
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return { color: true };
  return { color: process.stdout.isTTY === true };
}

export function buildProgram(out: Output): Command {
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
      .description('inventory, drift summary, conflicts, shared-base candidates and service-specific packages')
      .argument('[root]', 'directory to scan', '.')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'markdown', 'sarif', 'gitlab', 'html']).default('table')),
  ).action(async (root: string, opts) => {
    const { runReport } = await import('./commands/report.js');
    process.exitCode = await runReport(root, opts, out, renderContext());
  });

  common(
    program
      .command('check')
      .description('CI gate: exit 1 when a finding at error severity remains')
      .argument('[root]', 'directory to scan', '.')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'markdown', 'github', 'sarif', 'gitlab']).default('table'))
      .option('--baseline <file>', 'accept the findings recorded in FILE; fail only on new ones')
      .option('--update-baseline', 'write the current findings to the --baseline file and exit 0')
      .option('--advisories <path>', 'also match declarations against OSV advisories (a directory or an OSV zip export)'),
  ).action(async (root: string, opts) => {
    const { runCheck } = await import('./commands/check.js');
    process.exitCode = await runCheck(root, opts, out, renderContext());
  });

  common(
    program
      .command('explain')
      .description('every declaration of one package: file:line, specifier, service, inherited or not, findings')
      .argument('<package>', 'package name (any spelling)')
      .argument('[root]', 'directory to scan', '.')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text')),
  ).action(async (pkg: string, root: string, opts) => {
    const { runExplain } = await import('./commands/explain.js');
    process.exitCode = await runExplain(pkg, root, opts, out, renderContext());
  });

  common(
    program
      .command('consolidate')
      .description('rewrite services to inherit one shared base file (-r), moving the packages they share; dry run unless --write')
      .argument('[root]', 'directory to scan', '.')
      .option('--base <path>', 'base file, relative to the root (default: the base the services already include, else shared/requirements.txt)')
      .option('--services <glob>', 'only these services (name or path glob; repeatable)', (v: string, prev: string[] = []) => [...prev, v])
      .option('--min-services <n>', 'move a package declared in at least N services', (v: string) => positiveInt(v))
      .option('--min-share <f>', 'move a package declared in at least this share of services (default 0.5)', (v: string) => share(v))
      .addOption(new Option('--strategy <s>', 'base version when pins differ').choices(['most-common', 'highest', 'lowest']).default('most-common'))
      .option('--allow-hash-mode', 'allow moving --hash lines into the base (turns on hash-checking for every service)')
      .option('--write', 'apply the plan (atomic, all-or-nothing, verified)')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text')),
  ).action(async (root: string, opts) => {
    const { runConsolidate } = await import('./commands/consolidate.js');
    process.exitCode = await runConsolidate(root, opts, out, renderContext());
  });

  common(
    program
      .command('audit')
      .description('match every declaration against OSV advisories read offline: vulnerable pins (error) and ranges (warning)')
      .argument('[root]', 'directory to scan', '.')
      .requiredOption('--advisories <path>', 'OSV advisories: a directory of JSON/YAML files (e.g. the PyPA advisory database) or an OSV zip export')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'markdown', 'github', 'sarif', 'gitlab']).default('table')),
  ).action(async (root: string, opts) => {
    const { runAudit } = await import('./commands/audit.js');
    process.exitCode = await runAudit(root, opts, out, renderContext());
  });

  common(
    program
      .command('sbom')
      .description('CycloneDX 1.6 JSON SBOM of every declared package: purls, the services that declare it, where')
      .argument('[root]', 'directory to scan', '.')
      .addOption(new Option('-f, --format <format>', 'SBOM format').choices(['cyclonedx']).default('cyclonedx'))
      .option('--timestamp', 'add metadata.timestamp and a random serialNumber (default: reproducible output)')
      .option('--advisories <path>', 'record the pins OSV advisories affect as vulnerabilities'),
  ).action(async (root: string, opts) => {
    const { runSbom } = await import('./commands/sbom.js');
    process.exitCode = await runSbom(root, opts, out);
  });

  program
    .command('schema')
    .description('print the JSON Schema of the report (--format json)')
    .action(async () => {
      const { reportJsonSchema } = await import('./report/schema.js');
      out.stdout(`${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
    });

  return program;
}

async function main(argv: string[]): Promise<number> {
  const out: Output = {
    stdout: (chunk) => process.stdout.write(chunk),
    stderr: (text) => void process.stderr.write(text),
    drain: () => once(process.stdout, 'drain').then(() => undefined),
  };
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
