/**
 * fontkit and pdf-lib are optional peer dependencies of `product-customizer/server` (SPEC §1): a
 * PNG-only server needs neither. They are imported on the first PDF or SVG request, and a missing
 * one is named in the error.
 */
/**
 * Runs `load` (an import that needs the package `name`); when `name` itself is missing, the error
 * names it, what needs it and its install command. Any other failure passes through unchanged.
 */
export async function optional<T>(name: string, need: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String((e as Error).message).includes(`'${name}'`)) {
      throw new Error(`${need} need the optional peer dependency ${name} (npm install ${name})`, { cause: e });
    }
    throw e;
  }
}

export const fontkit = () => optional('fontkit', 'PDF and SVG print files', () => import('fontkit'));
export const pdfLib = () => optional('pdf-lib', 'PDF and SVG print files', () => import('pdf-lib'));
export type PdfLib = Awaited<ReturnType<typeof pdfLib>>;
