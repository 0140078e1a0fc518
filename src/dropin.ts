/**
 * Entry of `dist/product-customizer.js`, the no-build drop-in: registers the element and exports
 * only it and its events, so what the element does not use of the core (JSON Schema generation,
 * verifyOrder) is left out of the one file shops load. Bundlers use `product-customizer` instead.
 */
import { config } from 'zod/mini';

// This copy of zod is ours alone: never try `new Function` (strict CSPs forbid it; the probe itself is reported).
config({ jitless: true });

export { ProductCustomizer } from './element/define.js';
export { CustomizationChangeEvent, OrderCustomizationEvent, CustomizerErrorEvent, CustomizerLoadEvent } from './element/events/events.js';
