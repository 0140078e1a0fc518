/**
 * Autosave storage: one draft per product id in IndexedDB (selections, and the uploaded files'
 * bytes, which are too large for localStorage). The draft records the product revision; a draft of
 * another revision is not restored (its options may no longer exist) and the shopper is told.
 */
import type { Selections } from '../../core/index.js';

const DB = 'product-customizer';
const STORE = 'drafts';

export interface DraftFile { key: string; name: string; type: string; bytes: ArrayBuffer }
export interface Draft { productId: string; revision: string; selections: Selections; files: DraftFile[]; savedAt: string }

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

let dbPromise: Promise<IDBDatabase> | undefined;
function open(): Promise<IDBDatabase> {
  dbPromise ??= new Promise((resolve, reject) => {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: 'productId' });
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => {
      dbPromise = undefined;
      reject(r.error);
    };
  });
  return dbPromise;
}

async function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return request(fn(db.transaction(STORE, mode).objectStore(STORE)));
}

export const drafts = {
  load: (productId: string) => tx<Draft | undefined>('readonly', (s) => s.get(productId) as IDBRequest<Draft | undefined>),
  save: (draft: Draft) => tx('readwrite', (s) => s.put(draft)),
  remove: (productId: string) => tx('readwrite', (s) => s.delete(productId)),
};
