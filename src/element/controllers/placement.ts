/**
 * Placement of texts and images (SPEC §6: movable with the keyboard). The pointer and touch gestures
 * live in the preview (src/render/preview), which reports a transform; this controller gives each
 * placed item its keyboard twin (arrows move, Shift: 10 steps, + and − resize, [ and ] turn, Home
 * recentres, within what `editable` allows), the image's growth limit at `minDpi`, and whether the
 * device is touch-only: there, the keyboard hints are not shown.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { imageDpi, DEFAULT_TRANSFORM } from '../../core/index.js';
import type { ImageComponent, ImageSelection, Product, TextComponent, Transform } from '../../core/index.js';

/** A device whose only pointer is a finger (a phone, a tablet without keyboard or mouse). */
export const TOUCH_ONLY = '(hover: none) and (pointer: coarse)';

export type Placeable = TextComponent | ImageComponent;

export class PlacementController implements ReactiveController {
  /** True on touch-only devices: keyboard hints are hidden there. */
  touchOnly = false;
  private query?: MediaQueryList;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.query = globalThis.matchMedia?.(TOUCH_ONLY);
    this.touchOnly = !!this.query?.matches;
    this.query?.addEventListener('change', this.onMedia);
  }
  hostDisconnected(): void {
    this.query?.removeEventListener('change', this.onMedia);
  }
  private readonly onMedia = (e: MediaQueryListEvent) => {
    this.touchOnly = e.matches;
    this.host.requestUpdate();
  };

  /** The transform a key gives, or null when the key means nothing here. */
  keyed(ev: KeyboardEvent, c: Placeable, sel: { transform?: Transform }, product: Product | null): Transform | null {
    const e = { move: true, rotate: true, resize: true, ...c.editable };
    const tr = { ...(sel.transform ?? DEFAULT_TRANSFORM) };
    const step = ev.shiftKey ? 0.1 : 0.01;
    const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
    const round = (v: number) => Math.round(v * 10000) / 10000;
    switch (ev.key) {
      case 'ArrowLeft': if (e.move) tr.x = clamp(round(tr.x - step), 0, 1); break;
      case 'ArrowRight': if (e.move) tr.x = clamp(round(tr.x + step), 0, 1); break;
      case 'ArrowUp': if (e.move) tr.y = clamp(round(tr.y - step), 0, 1); break;
      case 'ArrowDown': if (e.move) tr.y = clamp(round(tr.y + step), 0, 1); break;
      case '+': case '=': if (e.resize) tr.scale = round(Math.min(maxScale(c, sel, product), tr.scale * (ev.shiftKey && ev.key === '=' ? 1.25 : 1.05))); break;
      case '-': case '_': if (e.resize) tr.scale = round(Math.max(0.1, tr.scale / (ev.key === '_' ? 1.25 : 1.05))); break;
      case '[': case '{': if (e.rotate) tr.rotation = round(((tr.rotation - (ev.key === '{' ? 15 : 1) + 540) % 360) - 180); break;
      case ']': case '}': if (e.rotate) tr.rotation = round(((tr.rotation + (ev.key === '}' ? 15 : 1) + 540) % 360) - 180); break;
      case 'Home': Object.assign(tr, DEFAULT_TRANSFORM); break;
      default: return null;
    }
    return tr;
  }
}

/** An image may not grow past the size at which it would print below `minDpi`: the handle stops there. */
export function maxScale(c: Placeable, sel: { transform?: Transform }, product: Product | null): number {
  const asset = (sel as Partial<ImageSelection>).asset;
  if (c.type !== 'image' || c.minDpi === undefined || !asset) return 10;
  const [viewId, areaId] = c.area.split('.');
  const area = product?.views.find((v) => v.id === viewId)?.areas.find((a) => a.id === areaId);
  if (!area) return 10;
  return Math.max(0.1, imageDpi(area, asset.width, asset.height, 1) / c.minDpi);
}
