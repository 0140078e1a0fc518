/**
 * Every word the element shows, as one typed interface. English is the fallback for anything a
 * locale leaves out; Simplified Chinese is built in; `ProductCustomizer.addLocale()` adds more at
 * runtime without a rebuild. Issue messages come from the core's catalogs (same words on server).
 */
import type { IssueMessages } from '../../core/index.js';

export interface Translation {
  addToOrder: string;
  adding: string;
  total: string;
  priceDetails: string;
  basePrice: string;
  totalAnnounce: (total: string) => string;
  upload: string;
  replace: string;
  remove: string;
  dropHere: string;
  reading: string;
  uploadRefused: (reason: string) => string;
  uploadNotImage: string;
  uploadUnreadable: string;
  characters: (count: number, max: number) => string;
  font: string;
  color: string;
  size: string;
  /** A text's bend along an arc (slider), and its number field. */
  curve: string;
  curveDegrees: string;
  optional: string;
  unavailable: string;
  unavailableRestricted: string;
  chooseUpTo: (max: number) => string;
  loading: string;
  loadFailed: (reason: string) => string;
  invalidProduct: string;
  draftRestored: string;
  draftOutdated: string;
  undo: string;
  redo: string;
  startOver: string;
  fixProblems: (count: number) => string;
  orderReady: string;
  views: string;
  dpiNow: (dpi: number) => string;
  placedItem: string;
  placementState: (x: string, y: string, scale: string, rotation: number) => string;
  placementMove: string;
  placementResize: string;
  placementRotate: string;
  placementReset: string;
  /** A text whose drawn box reaches outside its print area (measured in the preview). */
  textCut: string;
  /** A product picture (layer image) that could not be loaded; the preview shows the design without it. */
  imageFailed: (name: string) => string;
  /** A merchant font that could not be loaded; texts are shown (and previewed) in a fallback font. */
  fontFailed: (family: string) => string;
  /** The shop's form would send the uploads as file names only (a GET form): the design is not sent. */
  formCannotCarryFiles: string;
  /** The preview is drawn when it comes into view. */
  previewLoading: string;
  issues: IssueMessages;
  yes: string;
}
export type PartialTranslation = Partial<Omit<Translation, 'issues'>> & { issues?: IssueMessages };
