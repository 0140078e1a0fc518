/** Errors of the vector writer, importable without loading it (no fontkit, no pdf-lib). */

/** Why a text cannot be written as glyph outlines; raised instead of drawing nothing. */
export class VectorFontError extends Error {
  constructor(
    message: string,
    readonly code: 'no-font-file' | 'unreadable-font' | 'missing-glyphs',
    /** The text component. */
    readonly component: string,
    readonly font: string | null,
    /** For `missing-glyphs`: the characters the font lacks. */
    readonly characters: string[] = [],
  ) {
    super(message);
    this.name = 'VectorFontError';
  }
}
