/** `product-customizer/studio`: registers `<product-customizer-studio>`, the merchant's editor. */
export { ProductCustomizerStudio } from './studio/define.js';
export { BLANK_PRODUCT } from './studio/store.js';
export { ProductChangeEvent, AssetUploadEvent } from './studio/events.js';
export type { ProductChangeDetail, AssetUploadDetail } from './studio/events.js';
