#!/usr/bin/env node
/**
 * `product-customizer` command line:
 *   validate <product.json…>   located errors and warnings; exit 1 on any error
 *   schema                     the JSON Schema of the product definition
 */
import { readFile } from 'node:fs/promises';
import { formatPath, parseProduct, productJsonSchema } from '../core/index.js';
import type { Issue } from '../core/index.js';

const USAGE = `usage: product-customizer <command>

  validate <product.json…>   check product definitions; exit 1 on errors
  schema                     print the JSON Schema of the product definition
`;

const tty = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number, s: string) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);

function line(i: Issue): string {
  const sev = i.severity === 'error' ? paint(31, 'error  ') : paint(33, 'warning');
  return `  ${sev} ${paint(36, formatPath(i.path))}: ${i.message}`;
}

async function validate(files: string[]): Promise<number> {
  if (files.length === 0) {
    process.stderr.write('validate: name at least one product JSON file\n');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      process.stdout.write(`${file}: ${paint(31, 'cannot read')}: ${(e as Error).message}\n`);
      failed++;
      continue;
    }
    const r = parseProduct(text);
    const errors = r.issues.filter((i) => i.severity === 'error').length;
    const warnings = r.issues.length - errors;
    const verdict = r.ok ? paint(32, 'ok') : paint(31, `${errors} error${errors === 1 ? '' : 's'}`);
    process.stdout.write(`${file}: ${verdict}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}\n`);
    for (const i of r.issues) process.stdout.write(line(i) + '\n');
    if (!r.ok) failed++;
  }
  return failed ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'validate':
      return validate(rest);
    case 'schema':
      process.stdout.write(JSON.stringify(productJsonSchema, null, 2) + '\n');
      return 0;
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(USAGE);
      return cmd === undefined ? 2 : 0;
    default:
      process.stderr.write(`unknown command "${cmd}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`product-customizer: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 3;
  },
);
