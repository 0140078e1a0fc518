import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const cli = join(root, 'dist/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('product-customizer CLI (built dist/cli.js)', () => {
  it('validate: the examples are ok, exit 0', () => {
    const r = run('validate', 'examples/classic-tee.json', 'examples/engraved-bottle.json', 'examples/name-necklace.json');
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.include('examples/classic-tee.json: ok\n');
    expect(r.stdout).to.include('examples/name-necklace.json: ok, 1 warning');
    expect(r.stdout).to.include('warning components[0].display: unknown field "display" is ignored');
  });
  it('validate: a broken product prints located errors, exit 1', () => {
    const p = JSON.parse(readFileSync(join(root, 'examples/classic-tee.json'), 'utf8'));
    p.components[2].area = 'front.nowhere';
    p.basePrice = 19.99;
    const dir = mkdtempSync(join(tmpdir(), 'pc-cli-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(p));
    const r = run('validate', file);
    expect(r.status).to.equal(1);
    expect(r.stdout).to.include(`${file}: 1 error`);
    expect(r.stdout).to.include('error   basePrice: expected a whole number of minor units (1999 = 19.99), got the number 19.99');
  });
  it('validate: a missing file or non-JSON is reported, exit 1', () => {
    const r = run('validate', 'nope.json', 'README.md');
    expect(r.status).to.equal(1);
    expect(r.stdout).to.include('nope.json: cannot read');
    expect(r.stdout).to.match(/README.md: 1 error\n {2}error {3}\(root\): not valid JSON/);
  });
  it('schema prints the same JSON Schema the package ships', () => {
    const r = run('schema');
    expect(r.status).to.equal(0);
    expect(JSON.parse(r.stdout)).to.deep.equal(JSON.parse(readFileSync(join(root, 'product.schema.json'), 'utf8')));
  });
  it('an unknown command prints usage, exit 2', () => {
    const r = run('frobnicate');
    expect(r.status).to.equal(2);
    expect(r.stderr).to.include('usage: product-customizer');
  });
});
