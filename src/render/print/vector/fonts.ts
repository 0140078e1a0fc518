/**
 * Which font file a text's outlines come from: the family the raster print draws it with (the
 * server's choice: the text's font when the product declares it, else the product's first font),
 * and of that family's files the upright regular one (the raster draws every text at weight 400,
 * normal style). A text with no font file to take outlines from (a product that declares no
 * fonts, whose raster prints fall back to the system's sans-serif) is refused with a
 * `VectorFontError`, as is a character the font has no glyph for: a print shop must not receive a
 * file that silently lacks letters.
 */
import type { Font } from 'fontkit';
import type { Product } from '../../../core/index.js';
import type { SceneText } from '../../scene/scene.js';
import { missingGlyphs, openFont } from './glyphs.js';
import { VectorFontError } from './errors.js';
import { fontkit } from './peers.js';

type FontDef = NonNullable<Product['fonts']>[number];

const isRegular = (f: FontDef) => (f.style ?? 'normal') === 'normal' && [undefined, 400, '400', 'normal'].includes(f.weight as never);

/** The font file of `family` the raster draws with. */
export function fontFileOf(product: Product, family: string): FontDef | undefined {
  const defs = (product.fonts ?? []).filter((f) => f.family === family);
  return defs.find(isRegular) ?? defs[0];
}

/**
 * Loads the fonts `texts` need and answers `outlines(text)` for each of them.
 * `familyOf` is the raster's choice of family for a text's font (undefined: none declared).
 */
export async function outlineFonts(
  product: Product,
  texts: readonly SceneText[],
  familyOf: (font: string | null) => string | undefined,
  load: (src: string) => Promise<Uint8Array>,
): Promise<(text: SceneText) => Font> {
  const { create } = await fontkit();
  const bySrc = new Map<string, Font>();
  const byText = new Map<SceneText, Font>();
  for (const t of texts) {
    const family = familyOf(t.font);
    const def = family === undefined ? undefined : fontFileOf(product, family);
    if (!def) {
      throw new VectorFontError(
        `text "${t.component}": no font file to draw it as outlines (the product declares ${product.fonts?.length ? `no usable file for "${t.font}"` : 'no fonts'}); add the font to the product's "fonts" for PDF and SVG print files`,
        'no-font-file',
        t.component,
        t.font,
      );
    }
    let font = bySrc.get(def.src);
    if (!font) {
      font = openFont(create, await load(def.src), `"${def.family}" (${def.src})`, t.component);
      bySrc.set(def.src, font);
    }
    const missing = missingGlyphs(font, t.lines);
    if (missing.length) {
      throw new VectorFontError(
        `text "${t.component}": font "${def.family}" (${def.src}) has no glyph for ${missing.map((c) => JSON.stringify(c)).join(', ')}`,
        'missing-glyphs',
        t.component,
        def.family,
        missing,
      );
    }
    byText.set(t, font);
  }
  return (text) => {
    const font = byText.get(text);
    if (!font) throw new Error(`vector print: text "${text.component}" was not prepared`);
    return font;
  };
}
