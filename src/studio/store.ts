/**
 * The studio's one source of truth (STYLE 17, Polotno's store): the product document exactly as
 * the merchant is editing it, its undo list of whole documents, and what is selected. Every edit is
 * a command that yields the next document; the workspace and the panels read from here and send
 * commands, none keeps a copy. Documents are never edited in place, so a history step is a reference.
 */
import { parseProduct } from '../core/index.js';
import type { Issue, Path } from '../core/index.js';
import { History } from '../element/controllers/history.js';

/** A product document as written: JSON, possibly invalid, with fields we do not know kept as they are. */
export type Doc = Record<string, any>;

export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

export function getIn(doc: unknown, path: Path): any {
  let cur: any = doc;
  for (const seg of path) cur = cur == null ? undefined : cur[seg];
  return cur;
}

/** A new document with `value` at `path` (undefined removes an object key); the old one is untouched. */
export function setIn(doc: any, path: Path, value: unknown): any {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const base = Array.isArray(doc) ? [...doc] : { ...(doc ?? {}) };
  const next = setIn((base as any)[head!], rest, value);
  if (next === undefined && !Array.isArray(base)) delete (base as any)[head!];
  else (base as any)[head!] = next;
  return base;
}

/** What the merchant has selected: a view, and in it at most one area or layer; a component; a rule. */
export interface Selection {
  view: number;
  area?: string;
  layer?: string;
  component?: number;
  rule?: number;
}

export const BLANK_PRODUCT: Doc = { schemaVersion: 1, id: 'new-product', revision: '1', name: 'New product', currency: 'USD', basePrice: 0, views: [], components: [], rules: [] };

export type StoreChange = 'edit' | 'load' | 'select';

/** What is selected when a document is opened: its first view and that view's first area (ready for its handles). */
export function firstSelection(doc: Doc): Selection {
  const area = Array.isArray(doc?.views) ? doc.views[0]?.areas?.[0]?.id : undefined;
  return { view: 0, ...(typeof area === 'string' && { area }) };
}

/** Dispatches `change` (detail: StoreChange) after every command. */
export class StudioStore extends EventTarget {
  private _doc: Doc;
  private _history: History<Doc>;
  private _issues: Issue[];
  selection: Selection = { view: 0 };

  constructor(doc: Doc = clone(BLANK_PRODUCT)) {
    super();
    this._doc = doc;
    this._history = new History<Doc>(doc);
    this._issues = parseProduct(doc).issues;
  }

  get doc(): Doc {
    return this._doc;
  }
  /** The core's issues with the current document (parseProduct: the real diagnostics, nothing else). */
  get issues(): Issue[] {
    return this._issues;
  }
  get canUndo(): boolean {
    return this._history.canUndo;
  }
  get canRedo(): boolean {
    return this._history.canRedo;
  }

  /** Replaces the document and forgets the history (a new product, a restored draft, `product = …`). */
  reset(doc: Doc): void {
    this._history.clear(doc);
    this.selection = firstSelection(doc);
    this._set(doc, 'load');
  }
  /** Every edit: the next document as one undo step (typing in one field with one mergeKey is one step). */
  commit(next: Doc, mergeKey?: string): void {
    if (next === this._doc) return;
    this._history.push(next, mergeKey);
    this._set(next, 'edit');
  }
  set(path: Path, value: unknown, mergeKey?: string): void {
    this.commit(setIn(this._doc, path, value), mergeKey);
  }
  update(fn: (doc: Doc) => Doc, mergeKey?: string): void {
    this.commit(fn(this._doc), mergeKey);
  }
  undo(): boolean {
    const d = this._history.undo();
    if (d === undefined) return false;
    this._set(d, 'edit');
    return true;
  }
  redo(): boolean {
    const d = this._history.redo();
    if (d === undefined) return false;
    this._set(d, 'edit');
    return true;
  }
  select(sel: Partial<Selection>): void {
    this.selection = { ...this.selection, ...sel };
    this.dispatchEvent(new CustomEvent<StoreChange>('change', { detail: 'select' }));
  }

  private _set(doc: Doc, kind: StoreChange): void {
    this._doc = doc;
    this._issues = parseProduct(doc).issues;
    const views = Array.isArray(doc.views) ? doc.views : [];
    if (this.selection.view >= views.length) this.selection = { ...this.selection, view: Math.max(0, views.length - 1), area: undefined, layer: undefined };
    this.dispatchEvent(new CustomEvent<StoreChange>('change', { detail: kind }));
  }
}
