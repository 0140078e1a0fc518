/** Registers `<product-customizer>`, once: importing this twice (two bundles on a page) is harmless. */
import { ProductCustomizer } from './product-customizer/product-customizer.js';

if (!customElements.get('product-customizer')) customElements.define('product-customizer', ProductCustomizer);

declare global {
  interface HTMLElementTagNameMap {
    'product-customizer': ProductCustomizer;
  }
}
export { ProductCustomizer };
