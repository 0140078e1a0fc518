/**
 * Which font file a text's outlines come from. The server decides, as it decides for the PNG
 * (`FontSource`s: the family the raster draws the text with — its font when the product declares
 * it, else the product's first font, else the machine's sans-serif file — and of a product family's
 * files the upright regular one, as the raster draws every text at weight 400, normal style).
 * A text with no font file at all, or with a character its font has no glyph for, is refused with a
 * `VectorFontError`: a print shop must not receive a file that silently lacks letters.
 */
import type { Font } from 'fontkit';
import type { Product } from '../../../core/index.js';
import type { SceneText } from '../../scene/scene.js';
import { missingGlyphs, openFont } from './glyphs.js';
import { VectorFontError } from './errors.js';
import { fontkit } from './peers.js';

type FontDef = NonNullable<Product['fonts']>[number];

export interface FontSource {
  /** Identifies the file (its resolved URL or path): one read per file. */
  key: string;
  /** How errors name it, e.g. `"Roboto" (fonts/roboto.woff2)`. */
  label: string;
  load(): Promise<Uint8Array>;
}

const isRegular = (f: FontDef) => (f.style ?? 'normal') === 'normal' && [undefined, 400, '400', 'normal'].includes(f.weight as never);

/** The font file of `family` the raster draws with. */
export function fontFileOf(product: Product, family: string): FontDef | undefined {
  const defs = (product.fonts ?? []).filter((f) => f.family === family);
  return defs.find(isRegular) ?? defs[0];
}

/** Loads the fonts `texts` need (`source(font)`: the file a text's font is drawn with) and answers `outlines(text)`. */
export async function outlineFonts(texts: readonly SceneText[], source: (font: string | null) => FontSource | undefined): Promise<(text: SceneText) => Font> {
  const { create } = await fontkit();
  const byKey = new Map<string, Font>();
  const byText = new Map<SceneText, Font>();
  for (const t of texts) {
    const src = source(t.font);
    if (!src) {
      throw new VectorFontError(
        `text "${t.component}": no font file to draw it as outlines (the product declares none for it and the machine has no sans-serif font file); add the font to the product's "fonts" for PDF and SVG print files`,
        'no-font-file',
        t.component,
        t.font,
      );
    }
    let font = byKey.get(src.key);
    if (!font) {
      font = openFont(create, await src.load(), src.label, t.component);
      byKey.set(src.key, font);
    }
    const missing = missingGlyphs(font, t.lines);
    if (missing.length) {
      throw new VectorFontError(`text "${t.component}": font ${src.label} has no glyph for ${missing.map((c) => JSON.stringify(c)).join(', ')}`, 'missing-glyphs', t.component, t.font, missing);
    }
    byText.set(t, font);
  }
  return (text) => {
    const font = byText.get(text);
    if (!font) throw new Error(`vector print: text "${text.component}" was not prepared`);
    return font;
  };
}
