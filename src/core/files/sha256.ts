/**
 * SHA-256 in lowercase hex. Web Crypto where it exists (Node, and browsers in secure contexts);
 * a compact pure-JS fallback elsewhere, because a shop page served over plain http has no
 * `crypto.subtle` and must still work.
 */
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** SHA-256 (FIPS 180-4) in pure JS: whole blocks are read in place, only the padded tail is copied. */
export function sha256HexSync(bytes: Uint8Array): string {
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const len = bytes.length;
  const full = len - (len % 64);
  // The tail: the last partial block, 0x80, zeros, then the length in bits as a 64-bit big-endian number.
  const tail = new Uint8Array(len % 64 < 56 ? 64 : 128);
  tail.set(bytes.subarray(full));
  tail[len % 64] = 0x80;
  const tv = new DataView(tail.buffer);
  tv.setUint32(tail.length - 8, Math.floor(len / 0x20000000)); // len * 8 / 2^32
  tv.setUint32(tail.length - 4, (len * 8) >>> 0);
  const block = (v: DataView, off: number) => {
    for (let i = 0; i < 16; i++) w[i] = v.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15]!;
      const y = w[i - 2]!;
      w[i] = w[i - 16]! + (rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3)) + w[i - 7]! + (rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10));
    }
    let [a, b, c, d, e, f, g, k] = h as unknown as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    // Uint32Array stores wrap modulo 2^32.
    h[0]! += a;
    h[1]! += b;
    h[2]! += c;
    h[3]! += d;
    h[4]! += e;
    h[5]! += f;
    h[6]! += g;
    h[7]! += k;
  };
  const bv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let off = 0; off < full; off += 64) block(bv, off);
  for (let off = 0; off < tail.length; off += 64) block(tv, off);
  return Array.from(h, (x) => x.toString(16).padStart(8, '0')).join('');
}

let platformHash: ((bytes: Uint8Array) => string) | undefined;

/**
 * Plugs in the platform's own synchronous SHA-256. `product-customizer/server` plugs node:crypto's:
 * Web Crypto in Node hashes on a worker thread, and the hand-off costs more than the hash (a 5 MB
 * upload: 4.7 ms against 3.3 ms). The core imports nothing of Node itself.
 */
export function useSha256(hash: (bytes: Uint8Array) => string): void {
  platformHash = hash;
}

/** SHA-256 of the bytes, lowercase hex: the platform's hash if one is plugged in, Web Crypto when it is there and works, else the fallback. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  if (platformHash) return platformHash(bytes);
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    try {
      const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
      return Array.from(digest, (x) => x.toString(16).padStart(2, '0')).join('');
    } catch {
      // e.g. a view on a SharedArrayBuffer, which Web Crypto refuses: the fallback hashes it all the same
    }
  }
  return sha256HexSync(bytes);
}

/** SHA-256 of a string's UTF-8 bytes (lone surrogates become U+FFFD, as TextEncoder writes them). */
export function sha256HexOfString(s: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(s));
}
