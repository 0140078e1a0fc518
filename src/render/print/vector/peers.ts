/**
 * fontkit and pdf-lib are optional peer dependencies of `product-customizer/server` (SPEC §1): a
 * PNG-only server needs neither. They are imported on the first PDF or SVG request, and a missing
 * one is named in the error.
 */
/** Runs `load` (an import of the package `name`); a missing package becomes an error that names it and its install command. */
export async function optional<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new Error(`PDF and SVG print files need the optional peer dependency ${name} (npm install ${name})`, { cause: e });
    }
    throw e;
  }
}

export const fontkit = () => optional('fontkit', () => import('fontkit'));
export const pdfLib = () => optional('pdf-lib', () => import('pdf-lib'));
export type PdfLib = Awaited<ReturnType<typeof pdfLib>>;
