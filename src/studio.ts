/** `product-customizer/studio`: registers `<product-customizer-studio>`, the merchant's editor. */
export { ProductCustomizerStudio } from './studio/define.js';
export { BLANK_PRODUCT } from './studio/studio.js';
