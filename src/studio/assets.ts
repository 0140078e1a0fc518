/**
 * Uploaded images and fonts become URLs, never `data:` URLs (SPEC §7): POSTed as multipart field
 * `file` to `asset-upload-url` (answer: JSON `{ url }`), or handed to the host through the
 * cancelable `asset-upload` event. The product references exactly the URL that came back.
 */
import { AssetUploadEvent } from './events.js';

export class AssetUploadError extends Error {
  override name = 'AssetUploadError';
}

/** Refused as product asset URLs: they would inline the bytes (data:) or die with the page (blob:). */
const INLINE = /^\s*(data|blob):/i;

export async function uploadAsset(host: HTMLElement, file: File, uploadUrl: string | undefined, assetsBase: unknown): Promise<string | undefined> {
  let url: unknown;
  if (uploadUrl) {
    const body = new FormData();
    // The product's assetsBase (before the file, so a streaming server has it), to answer with a URL relative to it.
    if (typeof assetsBase === 'string') body.append('assetsBase', assetsBase);
    body.append('file', file, file.name);
    const res = await fetch(uploadUrl, { method: 'POST', body, credentials: 'same-origin', headers: { accept: 'application/json' } });
    const answer = await res.json().catch(() => undefined);
    if (!res.ok) throw new AssetUploadError(`${file.name}: the upload was refused (HTTP ${res.status}${answer?.error ? `: ${answer.error}` : ''})`);
    url = answer?.url;
  } else {
    const event = new AssetUploadEvent(file);
    host.dispatchEvent(event);
    if (!event.response) {
      if (event.defaultPrevented) return undefined; // the host cancelled it
      throw new AssetUploadError(`${file.name}: nowhere to upload it (set asset-upload-url, or answer the asset-upload event)`);
    }
    url = await event.response;
  }
  if (typeof url !== 'string' || url.trim() === '') throw new AssetUploadError(`${file.name}: the upload answered without a { url }`);
  if (INLINE.test(url)) throw new AssetUploadError(`${file.name}: the upload answered with a ${url.split(':')[0]}: URL; products reference stored files only`);
  return url;
}

/** The pixel size of an image file, read locally (no URL made). */
export async function imageSize(file: Blob): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(file);
  try {
    return { width: bitmap.width, height: bitmap.height };
  } finally {
    bitmap.close();
  }
}

/** A font family name from a file name: "lobster-latin-400-normal.woff2" → "Lobster". */
export function familyOf(fileName: string): string {
  return fileName
    .replace(/\.(woff2?|ttf|otf)$/i, '')
    .replace(/[-_](latin|regular|normal|bold|italic|\d+).*$/i, '')
    .replace(/[-_]+/g, ' ')
    .replace(/\b\w/g, (c) => c.toUpperCase())
    .trim() || 'Font';
}
