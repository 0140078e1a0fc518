#!/usr/bin/env node
/**
 * `product-customizer` command line:
 *   validate <product.json…>   located errors and warnings; exit 1 on any error
 *   schema                     the JSON Schema of the product definition
 *   render <product.json> <order.json> --files <dir> --out <dir> [--format png|pdf|svg]   print files and manifest.json
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatPath, parseProduct, productJsonSchema } from '../core/index.js';
import type { Issue } from '../core/index.js';

const USAGE = `usage: product-customizer <command>

  validate <product.json…>   check product definitions; exit 1 on errors
  schema                     print the JSON Schema of the product definition
  render <product.json> <order.json> --files <dir> --out <dir> [--format png|pdf|svg] [--assets <dir|url>] [--mockups <width>]
                             verify the order and write its print files and manifest.json;
                             files in --files are named by asset key (with or without an extension);
                             --format: png (default, at the area's dpi), pdf or svg (vector: the
                             area's physical page, texts as outlines of the product's fonts)
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

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function render(args: string[]): Promise<number> {
  const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const [productFile, orderFile] = positional;
  const filesDir = flag(args, '--files');
  const outDir = flag(args, '--out');
  if (!productFile || !orderFile || !outDir) {
    process.stderr.write(`render: name the product, the order and --out\n\n${USAGE}`);
    return 2;
  }
  const format = flag(args, '--format') ?? 'png';
  if (format !== 'png' && format !== 'pdf' && format !== 'svg') {
    process.stderr.write(`render: --format is png, pdf or svg, not "${format}"\n\n${USAGE}`);
    return 2;
  }
  // The server entry loads @napi-rs/canvas; only `render` needs it.
  const { renderPrintFiles, PrintRefusedError, VectorFontError, printPixels } = await import('../server/index.js');
  const product = JSON.parse(await readFile(productFile, 'utf8'));
  const order = JSON.parse(await readFile(orderFile, 'utf8'));
  const files: Record<string, Uint8Array> = {};
  if (filesDir) {
    for (const name of await readdir(filesDir)) files[basename(name, extname(name))] = new Uint8Array(await readFile(join(filesDir, name)));
  }
  const progress = (msg: string) => {
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${msg}`);
  };
  progress('verifying and rendering…');
  const mockups = flag(args, '--mockups');
  let out;
  try {
    out = await renderPrintFiles(product, order, files, {
      format,
      assetsBase: flag(args, '--assets') ?? pathToFileURL(`${dirname(resolve(productFile))}/`).href,
      ...(mockups && { views: { width: Number(mockups) } }),
    });
  } catch (e) {
    progress('');
    if (e instanceof PrintRefusedError) {
      process.stdout.write(`${orderFile}: ${paint(31, 'refused')}: ${e.message}\n`);
      for (const i of e.issues) process.stdout.write(line(i) + '\n');
      return 1;
    }
    if (e instanceof VectorFontError) {
      process.stdout.write(`${orderFile}: ${paint(31, `no ${format.toUpperCase()}`)}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  await mkdir(outDir, { recursive: true });
  const manifest = [];
  for (const [n, f] of out.entries()) {
    const file = `${f.key}.${f.format}`;
    progress(`writing ${n + 1}/${out.length} ${file}`);
    await writeFile(join(outDir, file), f.bytes);
    const [viewId, areaId] = f.area.split('.');
    const area = product.views.find((v: { id: string }) => v.id === viewId).areas.find((a: { id: string }) => a.id === areaId);
    const px = printPixels(area);
    manifest.push({ area: f.area, file, format: f.format, width: f.width, height: f.height, dpi: f.dpi, widthMm: f.widthMm, heightMm: f.heightMm, print: { width: area.print.width, height: area.print.height, unit: area.print.unit }, check: px.width === f.width && px.height === f.height });
  }
  for (const m of out.mockups ?? []) await writeFile(join(outDir, `${m.key}.png`), m.png);
  const doc = { orderId: order.orderId, product: order.product, files: manifest.map(({ check: _c, ...rest }) => rest), mockups: (out.mockups ?? []).map((m) => ({ view: m.view, file: `${m.key}.png`, width: m.width, height: m.height })) };
  await writeFile(join(outDir, 'manifest.json'), JSON.stringify(doc, null, 2) + '\n');
  progress('');
  for (const m of manifest) {
    const page = `${m.print.width} × ${m.print.height} ${m.print.unit}`;
    const size = m.format === 'png' ? `${m.width} × ${m.height} px, ${page} at ${m.dpi} dpi` : `vector ${m.format.toUpperCase()}, page ${page}${m.print.unit === 'mm' ? '' : ` (${m.widthMm} × ${m.heightMm} mm)`}`;
    process.stdout.write(`${join(outDir, m.file)}: ${size}\n`);
  }
  process.stdout.write(`${join(outDir, 'manifest.json')}\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'validate':
      return validate(rest);
    case 'render':
      return render(rest);
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
