/**
 * The machine's sans-serif font file, as fontconfig names it (`fc-match sans-serif`): what a
 * product that declares no font prints its texts in, PNG and PDF/SVG alike (the server registers
 * the same file with the canvas), so all three agree. Looked up once per process. Undefined where
 * fontconfig is not installed or names no font file fontkit and Skia both read.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

let found: string | null | undefined;

export function systemSansSerif(): string | undefined {
  if (found === undefined) {
    let file = '';
    try {
      file = execFileSync('fc-match', ['--format=%{file}', 'sans-serif:style=Regular'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch (e) {
      // Not installed (ENOENT) or no match (a non-zero exit): there is no system font to use.
      const err = e as { code?: string; status?: number | null };
      if (err.code !== 'ENOENT' && !(typeof err.status === 'number' && err.status !== 0)) throw e;
    }
    found = /\.(ttf|otf|ttc|woff2?)$/i.test(file) && existsSync(file) ? file : null;
  }
  return found ?? undefined;
}
