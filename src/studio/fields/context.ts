/** What every panel receives: the store to read and command, the studio's words, and the studio's services. */
import type { StudioStore, Doc } from '../store.js';
import type { StudioWords } from '../i18n.js';

export interface Ctx {
  store: StudioStore;
  doc: Doc;
  t: StudioWords;
  /** The product's locales (its `locales`, else those its texts use). */
  locales: string[];
  /** Uploads a file (SPEC §7: asset-upload-url or the asset-upload event); undefined when cancelled. */
  upload(file: File): Promise<string | undefined>;
  /** An asset URL as the browser loads it (relative ones against the product's and the studio's bases). */
  src(url: string): string;
  /** Says something in the studio's live status line. */
  say(message: string): void;
  /** Minor units per major unit of the product's currency (100 for USD, 1 for JPY). */
  minor: number;
}
