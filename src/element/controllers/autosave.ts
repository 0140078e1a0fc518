/**
 * Autosave (SPEC §6 `autosave`): the draft of the current design is written after each change, one
 * write at a time: a change made while a write is under way is written when that write's
 * transaction completes (only the latest state; no timers). Restoring happens once per product, and
 * a draft of another revision is dropped with a notice. Storage can be unavailable (private mode,
 * quota): the design still works, the shopper is not interrupted, a warning says why.
 */
import type { Asset, ImageSelection, Product, Selections } from '../../core/index.js';
import { drafts, type Draft } from './drafts.js';

export interface AutosaveSource {
  product: Product;
  selections: Selections;
  /** The uploaded File behind an asset key. */
  file(key: string): File | undefined;
}

export class AutosaveController {
  private writing: Promise<void> = Promise.resolve();
  private next: (() => AutosaveSource) | null = null;
  private busy = false;

  /** Settles when every change so far is in IndexedDB (or failed to be). */
  get complete(): Promise<void> {
    return this.writing;
  }

  /** Queues the latest design; `read` is called when its turn comes, so a burst of changes is one write. */
  save(read: () => AutosaveSource): Promise<void> {
    this.next = read;
    if (!this.busy) this.writing = this.drain();
    return this.writing;
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.next) {
        const { product, selections, file } = this.next();
        this.next = null;
        const keys = new Set(Object.values(selections).map((s) => (s as ImageSelection | undefined)?.asset?.key).filter((k): k is string => !!k));
        const files: Record<string, File> = {};
        for (const k of keys) {
          const f = file(k);
          if (f) files[k] = f;
        }
        try {
          await drafts.save({ productId: product.id, revision: String(product.revision), selections, files, savedAt: new Date().toISOString() });
        } catch (e) {
          warn(e);
        }
      }
    } finally {
      this.busy = false;
    }
  }

  /** The draft to restore for `product`: its selections and files, `'outdated'` (dropped), or null. */
  async restore(product: Product): Promise<{ selections: Selections; files: { asset: Asset; file: File }[] } | 'outdated' | null> {
    try {
      const draft = await drafts.load(product.id);
      if (!draft) return null;
      if (draft.revision !== String(product.revision)) {
        await drafts.remove(product.id);
        return 'outdated';
      }
      return { selections: draft.selections, files: assetsOf(draft) };
    } catch (e) {
      warn(e);
      return null;
    }
  }

  remove(productId: string): void {
    this.next = null;
    this.writing = this.writing.then(() => drafts.remove(productId)).catch(warn);
  }
}

function assetsOf(draft: Draft): { asset: Asset; file: File }[] {
  const out: { asset: Asset; file: File }[] = [];
  for (const s of Object.values(draft.selections)) {
    const asset = (s as ImageSelection | undefined)?.asset;
    const file = asset && draft.files[asset.key];
    if (asset && file) out.push({ asset, file });
  }
  return out;
}

function warn(e: unknown): void {
  console.warn('product-customizer: autosave unavailable:', e);
}
