/**
 * Where `renderPrintFiles` and `renderMockups` may read a product's layers, fonts and swapped
 * images from. A product is written by a merchant (or whoever can publish one), so its URLs are
 * untrusted: without this policy a layer `src` of `file:///etc/passwd`, `http://127.0.0.1:6379/`
 * or `../../secret` would be read on the server (local file read, SSRF).
 *
 * - Relative URLs resolve under the deployer's `assetsBase` (a folder, `file:` or `http(s):` URL),
 *   through the product's own relative `assetsBase`, and must stay under it: `..`, `%2e%2e`,
 *   absolute paths, `//host` and (on disk) symlinks that lead out are refused.
 * - Absolute `http(s):` URLs (and a product's absolute `assetsBase`) are read only from origins the
 *   deployer lists in `allowOrigins`; every other scheme (`file:`, `data:`, `ftp:` …) is refused.
 * - Redirects are followed only to URLs the same rules allow (at most 3).
 * - Refusals and failures are `AssetError`s with a `code`, naming the URL as the product wrote it,
 *   never a path on the server.
 */
import { readFile, realpath } from 'node:fs/promises';
import { resolve as resolvePath, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type AssetErrorCode = 'asset-scheme' | 'asset-outside-base' | 'asset-origin' | 'asset-no-base' | 'asset-unavailable';

export class AssetError extends Error {
  constructor(readonly code: AssetErrorCode, readonly src: string, message: string) {
    super(message);
    this.name = 'AssetError';
  }
}

export interface AssetOptions {
  /** The folder (path, `file:` or `http(s):` URL) every relative asset URL must resolve under. */
  assetsBase?: string;
  /** Origins absolute asset URLs may be read from, e.g. `['https://cdn.example.com']`. Default: none. */
  allowOrigins?: readonly string[];
  /** Reads an allowed URL yourself (a bucket, a cache); it receives URLs this policy allowed. */
  loadAsset?: (url: string, signal?: AbortSignal) => Promise<Uint8Array>;
  signal?: AbortSignal;
}

export interface AssetAccess {
  /** The URL `src` is read from; throws an `AssetError` when the policy refuses it. */
  resolve(src: string): string;
  load(src: string): Promise<Uint8Array>;
}

const HTTP = /^https?:$/;
const folder = (u: URL) => (u.pathname.endsWith('/') ? u : new URL(`${u.pathname}/`, u));
const MAX_REDIRECTS = 3;

/** The deployer's base as a folder URL; a bare path is a folder on disk. */
function rootOf(assetsBase: string | undefined): URL | undefined {
  if (!assetsBase) return undefined;
  const url = /^[a-z][a-z0-9+.-]*:/i.test(assetsBase) && !/^[a-z]:[\\/]/i.test(assetsBase) ? new URL(assetsBase) : pathToFileURL(resolvePath(assetsBase));
  if (url.protocol !== 'file:' && !HTTP.test(url.protocol)) throw new TypeError(`assetsBase must be a folder, a file: or an http(s): URL, not ${url.protocol}`);
  return folder(url);
}

export function assetAccess(productAssetsBase: string | undefined, options: AssetOptions): AssetAccess {
  const root = rootOf(options.assetsBase);
  const origins = new Set((options.allowOrigins ?? []).map((o) => new URL(o).origin));
  const allowed = (url: URL, src: string): URL => {
    if (root && url.href.startsWith(root.href)) return url;
    if (HTTP.test(url.protocol) && origins.has(url.origin)) return url;
    // file: is read only inside a folder on disk; any other scheme but http(s) never.
    if (url.protocol === 'file:' ? root?.protocol !== 'file:' : !HTTP.test(url.protocol))
      throw new AssetError('asset-scheme', src, `asset "${src}" is refused: ${url.protocol} URLs are never read`);
    if (url.protocol === 'file:' || url.origin === root?.origin)
      throw new AssetError('asset-outside-base', src, `asset "${src}" is refused: it leads outside the assets folder`);
    throw new AssetError('asset-origin', src, `asset "${src}" is refused: the origin ${url.origin} is not allowed (allowOrigins)`);
  };
  // The product's own assetsBase: relative to the deployer's, or absolute on an allowed origin.
  const absolute = (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) || s.startsWith('//');
  let base = root;
  if (productAssetsBase) {
    const src = productAssetsBase;
    if (absolute(src)) base = folder(allowed(new URL(src, root ?? 'invalid:/'), src));
    else if (root) base = folder(allowed(new URL(src, root), src));
  }

  const resolve = (src: string): string => {
    if (!absolute(src) && !base) {
      if (options.loadAsset) return src; // the caller's loader places relative URLs itself
      throw new AssetError('asset-no-base', src, `asset "${src}" is relative and no assetsBase was given`);
    }
    return allowed(new URL(src, base ?? 'invalid:/'), src).href;
  };

  const fetchAllowed = async (src: string, first: string): Promise<Uint8Array> => {
    let url = first;
    for (let hop = 0; ; hop++) {
      const res = await fetch(url, { signal: options.signal, redirect: 'manual' });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location && hop < MAX_REDIRECTS) {
        url = allowed(new URL(location, url), src).href;
        continue;
      }
      if (!res.ok) throw new AssetError('asset-unavailable', src, `asset "${src}" could not be loaded (HTTP ${res.status})`);
      return new Uint8Array(await res.arrayBuffer());
    }
  };

  const readInside = async (src: string, url: string): Promise<Uint8Array> => {
    try {
      const path = await realpath(fileURLToPath(url));
      // A symlink inside the folder may point out of it: the real path must stay under the real folder.
      const top = root?.protocol === 'file:' ? await realpath(fileURLToPath(root)) : undefined;
      if (!top || !path.startsWith(top + sep)) throw new AssetError('asset-outside-base', src, `asset "${src}" is refused: it leads outside the assets folder`);
      return new Uint8Array(await readFile(path, { signal: options.signal }));
    } catch (e) {
      if (e instanceof AssetError || (e as Error).name === 'AbortError') throw e;
      throw new AssetError('asset-unavailable', src, `asset "${src}" could not be read`); // the server path stays out of the message
    }
  };

  return {
    resolve,
    async load(src) {
      const url = resolve(src);
      if (options.loadAsset) return options.loadAsset(url, options.signal);
      if (url.startsWith('file:')) return readInside(src, url);
      try {
        return await fetchAllowed(src, url);
      } catch (e) {
        if (e instanceof AssetError || (e as Error).name === 'AbortError') throw e;
        throw new AssetError('asset-unavailable', src, `asset "${src}" could not be loaded`);
      }
    },
  };
}
