/**
 * `product-customizer`: registers `<product-customizer>` and exports its class, its events and all
 * of the core's types and functions.
 */
export { ProductCustomizer } from './element/define.js';
export { CustomizationChangeEvent, OrderCustomizationEvent, CustomizerErrorEvent, CustomizerLoadEvent } from './element/events/events.js';
export type { CustomizationChangeDetail, OrderCustomizationDetail, CustomizerErrorDetail, CustomizerErrorCode } from './element/events/events.js';
export type { Translation, PartialTranslation } from './element/i18n/translation.js';
export * from './core/index.js';
