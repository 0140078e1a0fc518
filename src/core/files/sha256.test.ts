import { expect } from 'chai';
import { sha256Hex, sha256HexOfString, sha256HexSync } from './sha256.js';

const text = (s: string) => new TextEncoder().encode(s);

describe('SHA-256', () => {
  const vectors: [string, string][] = [
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ];
  for (const [input, hash] of vectors) {
    it(`NIST vector "${input.slice(0, 12)}…" with Web Crypto and with the fallback`, async () => {
      expect(await sha256HexOfString(input)).to.equal(hash);
      expect(sha256HexSync(text(input))).to.equal(hash);
    });
  }
  it('1 000 000 × "a"', async () => {
    const million = new Uint8Array(1_000_000).fill(0x61);
    const expected = 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0';
    expect(await sha256Hex(million)).to.equal(expected);
    expect(sha256HexSync(million)).to.equal(expected);
  });
  it('the fallback agrees with Web Crypto on every length 0–300 and on 5 MB', async () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    for (let n = 0; n <= 300; n++) {
      const b = new Uint8Array(n).map(rand);
      expect(sha256HexSync(b), `length ${n}`).to.equal(await sha256Hex(b));
    }
    const big = new Uint8Array(5_000_000).map(rand);
    expect(sha256HexSync(big)).to.equal(await sha256Hex(big));
  });
  it('hashes a view into a larger buffer by its own bytes only', async () => {
    const buf = text('xxabcxx');
    expect(sha256HexSync(buf.subarray(2, 5))).to.equal(await sha256Hex(buf.subarray(2, 5)));
    expect(sha256HexSync(buf.subarray(2, 5))).to.equal(vectors[1]![1]);
  });
});
