import { expect } from 'chai';
import { readImageInfo, sniffType } from './sniff.js';
import { makeGif, makeJpegHeader, makePng, makeWebpHeader, pngHeaderClaiming, truncate } from './fixtures.js';

const text = (s: string) => new TextEncoder().encode(s);

describe('sniffType (what a file really is)', () => {
  const cases: [string, Uint8Array, string | null][] = [
    ['PNG', makePng(4, 4), 'image/png'],
    ['JPEG', makeJpegHeader(10, 10), 'image/jpeg'],
    ['WebP', makeWebpHeader('VP8', 10, 10), 'image/webp'],
    ['GIF (even if named .png)', makeGif(10, 10), 'image/gif'],
    ['BMP (BITMAPINFOHEADER)', new Uint8Array([0x42, 0x4d, ...new Array(12).fill(0), 40, 0, 0, 0, ...new Array(8).fill(0)]), 'image/bmp'],
    ['"BM" text that is no bitmap', text('BMW owners club, est. 1998'), null],
    ['TIFF', new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]), 'image/tiff'],
    ['AVIF', new Uint8Array([0, 0, 0, 0x1c, ...text('ftypavif')]), 'image/avif'],
    ['HEIC', new Uint8Array([0, 0, 0, 0x18, ...text('ftypheic')]), 'image/heic'],
    ['PDF', text('%PDF-1.7\n'), 'application/pdf'],
    ['SVG with script', text('<?xml version="1.0"?>\n<!-- hi --><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/svg+xml'],
    ['HTML', text('  <!DOCTYPE html><html><body>x'), 'text/html'],
    ['HTML starting with a script', text('\ufeff<script>alert(1)</script>'), 'text/html'],
    ['plain text', text('hello'), null],
    ['zero bytes', new Uint8Array(0), null],
  ];
  for (const [what, bytes, type] of cases) it(what, () => expect(sniffType(bytes)).to.equal(type));
});

describe('readImageInfo (dimensions from the header, never decoding)', () => {
  it('PNG', () => expect(readImageInfo(makePng(321, 123))).to.deep.equal({ ok: true, info: { type: 'image/png', width: 321, height: 123, orientation: 1, storedWidth: 321, storedHeight: 123 } }));
  it('JPEG without EXIF', () => expect(readImageInfo(makeJpegHeader(640, 480))).to.deep.include({ ok: true }));
  for (const le of [false, true]) {
    for (const [o, swapped] of [[1, false], [3, false], [6, true], [8, true]] as const) {
      it(`JPEG EXIF orientation ${o} (${le ? 'little' : 'big'}-endian TIFF)`, () => {
        const r = readImageInfo(makeJpegHeader(640, 480, o, le));
        if (!r.ok) expect.fail(r.reason);
        expect(r.info).to.deep.equal({ type: 'image/jpeg', width: swapped ? 480 : 640, height: swapped ? 640 : 480, orientation: o, storedWidth: 640, storedHeight: 480 });
      });
    }
  }
  for (const kind of ['VP8', 'VP8L', 'VP8X'] as const) {
    it(`WebP ${kind}`, () => {
      const r = readImageInfo(makeWebpHeader(kind, 1234, 567));
      expect(r.ok && [r.info.width, r.info.height]).to.deep.equal([1234, 567]);
    });
  }
  it('a header claiming 100 000 × 100 000 reports it, quickly', () => {
    const t0 = performance.now();
    const r = readImageInfo(pngHeaderClaiming(100_000, 100_000));
    expect(r.ok && r.info.width * r.info.height).to.equal(1e10);
    expect(performance.now() - t0).to.be.lessThan(20);
  });
  it('reasons: empty, unsupported type, truncated, corrupt', () => {
    expect(readImageInfo(new Uint8Array(0))).to.deep.equal({ ok: false, reason: 'empty', type: null });
    expect(readImageInfo(makeGif(1, 1))).to.deep.equal({ ok: false, reason: 'unsupported-type', type: 'image/gif' });
    expect(readImageInfo(text('<html>'))).to.deep.equal({ ok: false, reason: 'unsupported-type', type: 'text/html' });
    expect(readImageInfo(truncate(makePng(10, 10), 20))).to.deep.equal({ ok: false, reason: 'truncated', type: 'image/png' });
    expect(readImageInfo(truncate(makePng(10, 10), 5))).to.deep.equal({ ok: false, reason: 'truncated', type: 'image/png' });
    // Cut after a valid header: the dimensions read, but the file is not whole.
    expect(readImageInfo(truncate(makePng(1000, 1000), 40))).to.deep.equal({ ok: false, reason: 'truncated', type: 'image/png' });
    expect(readImageInfo(truncate(makeJpegHeader(64, 64), 45))).to.deep.include({ ok: false, reason: 'truncated' });
    const corrupt = makePng(10, 10);
    corrupt[12] = 0x41; // IHDR renamed
    expect(readImageInfo(corrupt)).to.deep.include({ ok: false, reason: 'corrupt' });
  });
  it("a JPEG's scan data is walked through stuffing (FF00) and restarts (FFD0–D7) to EOI; a cut anywhere before EOI is truncated", () => {
    const header = makeJpegHeader(8, 8).slice(0, -2); // without its EOI
    const scan = [0x12, 0xff, 0x00, 0x34, 0xff, 0xd3, 0x56, 0xff, 0x00, 0xff, 0xd7, 0x78, 0xff];
    const whole = new Uint8Array([...header, ...scan, 0xff, 0xd9, 0xff, 0xff, 0x01]); // bytes after EOI: allowed
    expect(readImageInfo(whole)).to.deep.include({ ok: true });
    expect((readImageInfo(whole) as { info: { width: number; height: number } }).info).to.deep.include({ width: 8, height: 8 });
    const eoi = header.length + scan.length + 2;
    for (let n = header.length; n < eoi; n++) expect(readImageInfo(truncate(whole, n)), `cut at ${n}`).to.deep.include({ ok: false, reason: 'truncated' });
    // A marker in the scan data that is neither stuffing nor a restart ends the scan: here a second SOI, corrupt.
    const bad = new Uint8Array([...header, 0x12, 0xff, 0xd8, 0x00, 0xff, 0xd9]);
    expect(readImageInfo(bad)).to.deep.include({ ok: false, reason: 'corrupt' });
  });
  it('never throws on any prefix of a PNG, JPEG or WebP', () => {
    for (const bytes of [makePng(50, 50), makeJpegHeader(50, 60, 6), makeWebpHeader('VP8X', 5, 5)]) {
      for (let n = 0; n <= bytes.length; n++) {
        const r = readImageInfo(truncate(bytes, n));
        expect(typeof r.ok).to.equal('boolean');
      }
    }
  });
  it('never throws on thousands of random buffers, some with real signatures', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const heads = [[], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0xff, 0xd8, 0xff], [...text('RIFF'), 0, 0, 0, 0, ...text('WEBP')]];
    for (let i = 0; i < 3000; i++) {
      const head = heads[i % heads.length]!;
      const bytes = new Uint8Array(head.length + Math.floor(rand() * 200));
      bytes.set(head);
      for (let j = head.length; j < bytes.length; j++) bytes[j] = Math.floor(rand() * 256);
      const r = readImageInfo(bytes);
      expect(typeof r.ok).to.equal('boolean');
    }
  });
});
