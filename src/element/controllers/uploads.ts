/**
 * The shopper's uploads: checked by their bytes (size first, then the magic bytes, the pixel count,
 * and a real decode, off the main thread, with `createImageBitmap`), kept as `File`s for the form
 * and the order, and as downscaled bitmaps for the preview. A newer upload to the same component
 * wins over one still being read.
 */
import { readImageInfo, sha256Hex, sniffType, DEFAULT_ACCEPT, DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS } from '../../core/index.js';
import type { Asset, ImageComponent, ImageSelection, Issue, Order } from '../../core/index.js';
import type { Translation } from '../i18n/translation.js';

export interface StoredAsset { asset: Asset; file: File; url: string; bitmap?: ImageBitmap }

/** Uploads of more pixels than this are drawn from a downscaled copy; the original bytes stay untouched for the order. */
const PREVIEW_MAX_PIXELS = 4_000_000;

export interface UploadCallbacks {
  t(): Translation;
  /** The upload is accepted: the component's selection becomes `{ asset }`. */
  accepted(component: string, asset: Asset): void;
  refused(component: string, message: string, issue: Issue): void;
  update(): void;
}

export class UploadsController {
  readonly stored = new Map<string, StoredAsset>();
  /** Components whose upload is being read. */
  busy: ReadonlySet<string> = new Set();
  /** The shown reason of each component's last refused upload. */
  errors: ReadonlyMap<string, string> = new Map();
  private readonly token = new Map<string, number>();

  constructor(private readonly cb: UploadCallbacks) {}

  get(key: string): StoredAsset | undefined {
    return this.stored.get(key);
  }

  /** Forgets every upload (a new product). */
  clear(): void {
    for (const a of this.stored.values()) URL.revokeObjectURL(a.url);
    this.stored.clear();
    this.errors = new Map();
  }

  clearError(component: string): void {
    if (!this.errors.has(component)) return;
    const errors = new Map(this.errors);
    errors.delete(component);
    this.errors = errors;
  }

  /** Adds a file known to be good (a restored draft). */
  async restore(asset: Asset, file: File): Promise<void> {
    this.stored.set(asset.key, { asset, file, url: URL.createObjectURL(file), bitmap: await decodeForPreview(file, asset.width, asset.height) });
  }

  /** The uploaded files an order uses, by asset key. */
  filesFor(order: Order): Record<string, File> {
    const files: Record<string, File> = {};
    for (const s of Object.values(order.selections)) {
      const key = (s as ImageSelection | undefined)?.asset?.key;
      const stored = key ? this.stored.get(key) : undefined;
      if (key && stored) files[key] = stored.file;
    }
    return files;
  }

  async accept(c: ImageComponent, file: File): Promise<void> {
    const token = (this.token.get(c.id) ?? 0) + 1;
    this.token.set(c.id, token);
    const stale = () => this.token.get(c.id) !== token;
    this.busy = new Set(this.busy).add(c.id);
    this.cb.update();
    const t = this.cb.t();
    const refuse = (code: Issue['code'], message: string, params?: Record<string, unknown>) => {
      if (stale()) return;
      this.errors = new Map(this.errors).set(c.id, t.uploadRefused(message));
      this.cb.refused(c.id, t.uploadRefused(message), { code, severity: 'error', component: c.id, path: [c.id], message, ...(params && { params }) });
    };
    try {
      const accept = c.accept ?? [...DEFAULT_ACCEPT];
      const maxBytes = c.maxBytes ?? DEFAULT_MAX_BYTES;
      // Size first: a 50 MB file is refused before a single byte is read.
      if (file.size > maxBytes) return refuse('file-too-large', t.issues['file-too-large']!({ bytes: file.size, max: maxBytes }), { bytes: file.size, max: maxBytes });
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (stale()) return;
      const info = readImageInfo(bytes);
      if (!info.ok) {
        const real = info.type ?? sniffType(bytes);
        return refuse('file-type', real && info.reason !== 'unsupported-type' ? t.uploadUnreadable : t.issues['file-type']!({ type: real, accept }), { type: real, reason: info.reason, accept });
      }
      const { type, width, height } = info.info;
      if (!accept.includes(type)) return refuse('file-type', t.issues['file-type']!({ type, accept }), { type, accept });
      const maxPixels = c.maxPixels ?? DEFAULT_MAX_PIXELS;
      if (width * height > maxPixels) return refuse('too-many-pixels', t.issues['too-many-pixels']!({ pixels: width * height, max: maxPixels }), { pixels: width * height, max: maxPixels });
      // Decoding off the main thread proves the bytes are a real image before we accept them.
      const typed = new File([bytes], file.name || `image.${type.split('/')[1]}`, { type });
      let bitmap: ImageBitmap;
      try {
        bitmap = await decodeForPreview(typed, width, height);
      } catch {
        return refuse('file-type', t.uploadUnreadable, { type, reason: 'corrupt' });
      }
      const sha256 = await sha256Hex(bytes);
      if (stale()) return;
      const key = `img-${sha256.slice(0, 32)}`;
      const asset: Asset = { key, name: typed.name, type, bytes: bytes.byteLength, width, height, sha256 };
      if (!this.stored.has(key)) this.stored.set(key, { asset, file: typed, url: URL.createObjectURL(typed), bitmap });
      else bitmap.close();
      this.clearError(c.id);
      this.cb.accepted(c.id, asset);
    } finally {
      if (!stale() || this.busy.has(c.id)) {
        const busy = new Set(this.busy);
        busy.delete(c.id);
        this.busy = busy;
        this.cb.update();
      }
    }
  }
}

/** Decodes off the main thread; a photo above PREVIEW_MAX_PIXELS is decoded straight to a smaller size. */
export function decodeForPreview(file: Blob, width: number, height: number): Promise<ImageBitmap> {
  const px = width * height;
  if (px <= PREVIEW_MAX_PIXELS) return createImageBitmap(file, { imageOrientation: 'from-image' });
  const f = Math.sqrt(PREVIEW_MAX_PIXELS / px);
  return createImageBitmap(file, { imageOrientation: 'from-image', resizeWidth: Math.max(1, Math.floor(width * f)), resizeHeight: Math.max(1, Math.floor(height * f)), resizeQuality: 'high' });
}
