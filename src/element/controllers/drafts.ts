/**
 * Autosave storage: one draft per product id in IndexedDB through idb-keyval (a small, well-kept
 * wrapper whose writes resolve when their transaction completes). A draft holds the selections and
 * the uploaded files themselves (IndexedDB stores Files; they are too large for localStorage), and
 * the product revision: a draft of another revision is not restored (its options may be gone).
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { Selections } from '../../core/index.js';

/** `files`: the uploads the selections use, by asset key. */
export interface Draft { productId: string; revision: string; selections: Selections; files: Record<string, File>; savedAt: string }

let store: UseStore | undefined;
const drafts$ = () => (store ??= createStore('product-customizer-drafts', 'drafts'));

export const drafts = {
  load: (productId: string) => get<Draft>(productId, drafts$()),
  /** Resolves once the write's transaction has completed. */
  save: (draft: Draft) => set(draft.productId, draft, drafts$()),
  remove: (productId: string) => del(productId, drafts$()),
};
