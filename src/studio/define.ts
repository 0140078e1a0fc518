/** Registers `<product-customizer-studio>` (and `<product-customizer>`, which it previews with), once. */
import { ProductCustomizerStudio } from './studio.js';

if (!customElements.get('product-customizer-studio')) customElements.define('product-customizer-studio', ProductCustomizerStudio);

declare global {
  interface HTMLElementTagNameMap {
    'product-customizer-studio': ProductCustomizerStudio;
  }
}
export { ProductCustomizerStudio };
