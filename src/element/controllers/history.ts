import type { ReactiveController, ReactiveControllerHost } from 'lit';
/**
 * Undo history as a list of immutable snapshots (selections are never edited in place, so a
 * snapshot is just a reference). Consecutive edits with the same `mergeKey` (typing in one text
 * field) within `mergeMs` form one step, so Ctrl+Z undoes a word burst, not a keystroke.
 */
export class History<T> {
  private past: T[] = [];
  private future: T[] = [];
  private lastKey: string | undefined;
  private lastAt = 0;

  constructor(public present: T, private readonly limit = 200, private readonly mergeMs = 1000) {}

  get canUndo(): boolean {
    return this.past.length > 0;
  }
  get canRedo(): boolean {
    return this.future.length > 0;
  }

  push(next: T, mergeKey?: string, now = Date.now()): void {
    const merge = mergeKey !== undefined && mergeKey === this.lastKey && now - this.lastAt < this.mergeMs;
    if (!merge) {
      this.past.push(this.present);
      if (this.past.length > this.limit) this.past.shift();
    }
    this.present = next;
    this.future = [];
    this.lastKey = mergeKey;
    this.lastAt = now;
  }

  undo(): T | undefined {
    const prev = this.past.pop();
    if (prev === undefined) return undefined;
    this.future.push(this.present);
    this.present = prev;
    this.lastKey = undefined;
    return prev;
  }

  redo(): T | undefined {
    const next = this.future.pop();
    if (next === undefined) return undefined;
    this.past.push(this.present);
    this.present = next;
    this.lastKey = undefined;
    return next;
  }

  /** Starts over from `state`, forgetting all steps. */
  clear(state: T): void {
    this.past = [];
    this.future = [];
    this.present = state;
    this.lastKey = undefined;
  }
}

/**
 * The element's undo history (STYLE 7): the snapshots above, plus Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z
 * anywhere inside the element.
 */
export class HistoryController<T> extends History<T> implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost & HTMLElement, initial: T, private readonly step: (direction: 'undo' | 'redo') => void) {
    super(initial);
    host.addController(this);
  }
  hostConnected(): void {
    this.host.addEventListener('keydown', this.onKey);
  }
  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.onKey);
  }
  private readonly onKey = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.key.toLowerCase() !== 'z') return;
    e.preventDefault();
    this.step(e.shiftKey ? 'redo' : 'undo');
  };
}
