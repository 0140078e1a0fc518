/**
 * The studio's draft lives in IndexedDB (idb-keyval): a product with real photos is far larger
 * than localStorage allows, and it holds URLs of uploaded files, never their bytes.
 */
import { createStore, del, get, set } from 'idb-keyval';
import type { Doc } from './store.js';

const store = () => createStore('product-customizer-studio', 'drafts');
const KEY = 'draft';

export const loadDraft = (): Promise<Doc | undefined> => get<Doc>(KEY, store());
export const saveDraft = (doc: Doc): Promise<void> => set(KEY, doc, store());
export const clearDraft = (): Promise<void> => del(KEY, store());
