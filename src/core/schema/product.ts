/**
 * The product definition (SPEC §2) as zod/mini schemas. zod/mini rather than classic zod
 * because the core ships inside the shopper's drop-in bundle (≈8 KB gzip instead of ≈28).
 *
 * The schemas describe shape only; `parse.ts` adds the cross-checks a merchant gets wrong
 * (unknown areas, duplicate ids, rules naming what does not exist) and the lint warnings.
 * `productJsonSchema` (for merchants' editors) is generated from these, never hand-written.
 */
import * as z from 'zod/mini';

declare const __PC_LEAN__: boolean | undefined;
// The shopper's drop-in (built with __PC_LEAN__) never writes the JSON Schema: it carries no descriptions,
// and no describe() checks at all (spread as `...d(…)`), so zod's registry is left out of it too.
const d = (description: string) => (typeof __PC_LEAN__ === 'undefined' ? [z.describe(description)] : []);

export const LocalizedText = z
  .union([z.string(), z.record(z.string(), z.string())])
  .check(...d('A text, or a map of locale to text: {"en": "Colour", "zh-CN": "颜色"}.'));

const Money = z.int().check(z.minimum(0, 'must be 0 or more'), ...d('Money in the currency’s minor units: 1999 = 19.99.'));
const Positive = z.number().check(z.positive('must be greater than 0'));
const Count = z.int().check(z.minimum(0, 'must be 0 or more'));
const Degrees = z.number().check(z.minimum(-360, 'must be -360 or more'), z.maximum(360, 'must be 360 or less'));

export const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const Id = z
  .string()
  .check(
    z.regex(ID_RE, 'ids use letters, digits, "-" and "_", and start with a letter or digit'),
    z.maxLength(100, 'ids are at most 100 characters'),
  );

export const COLOR_RE = /^#[0-9a-fA-F]{6}$/;
export const Color = z.string().check(z.regex(COLOR_RE, 'colours are written #rrggbb, e.g. "#1f2a44"'), ...d('A colour, #rrggbb.'));

const Editable = z.strictObject({
  move: z.optional(z.boolean()),
  rotate: z.optional(z.boolean()),
  resize: z.optional(z.boolean()),
}).check(...d('What the shopper may do with the placed item; each flag defaults to true.'));

export const FontDef = z.strictObject({
  family: z.string().check(z.minLength(1, 'must not be empty')),
  src: z.string().check(z.minLength(1, 'must not be empty'), ...d('URL of a woff2, woff or ttf file.')),
  weight: z.optional(z.union([z.number(), z.string()])),
  style: z.optional(z.enum(['normal', 'italic'])),
});

export const Layer = z.strictObject({
  id: Id,
  src: z.string().check(z.minLength(1, 'must not be empty')),
  tint: z.optional(Color),
});

export const Area = z.strictObject({
  id: Id,
  label: z.optional(LocalizedText),
  x: z.number(),
  y: z.number(),
  width: Positive,
  height: Positive,
  shape: z.optional(z.enum(['rect', 'ellipse'])),
  blend: z.optional(z.enum(['normal', 'multiply'])),
  print: z.strictObject({
    width: Positive,
    height: Positive,
    unit: z.enum(['mm', 'in']),
    dpi: z.int().check(z.positive('must be greater than 0')),
  }).check(...d('The physical print size of the area and the resolution it is printed at.')),
});

export const View = z.strictObject({
  id: Id,
  label: LocalizedText,
  width: Positive,
  height: Positive,
  layers: z.array(Layer),
  areas: z.array(Area),
});

export const Effect = z.strictObject({
  layer: z.string().check(...d('"view.layer", e.g. "front.garment".')),
  tint: z.optional(Color),
  src: z.optional(z.string()),
});

export const Option = z.strictObject({
  value: z.string().check(z.minLength(1, 'must not be empty')),
  label: LocalizedText,
  swatch: z.optional(Color),
  price: z.optional(Money),
  disabled: z.optional(z.boolean()),
  effects: z.optional(z.array(Effect)),
});

const common = {
  id: Id,
  label: LocalizedText,
  required: z.optional(z.boolean()),
};

export const ChoiceComponent = z.strictObject({
  ...common,
  type: z.literal('choice'),
  price: z.optional(Money),
  options: z.array(Option).check(z.minLength(1, 'a choice needs at least one option')),
  default: z.optional(z.union([z.string(), z.array(z.string())])),
  min: z.optional(Count),
  max: z.optional(z.int().check(z.minimum(1, 'must be 1 or more'))),
  display: z.optional(z.enum(['swatch', 'button', 'dropdown']).check(...d('How the options show: swatches (the default when every option has one), buttons (else), or a dropdown for long lists.'))),
});

export const TextComponent = z.strictObject({
  ...common,
  type: z.literal('text'),
  area: z.string().check(...d('The print area, "view.area".')),
  minLength: z.optional(Count),
  maxLength: z.optional(z.int().check(z.minimum(1, 'must be 1 or more'))),
  maxLines: z.optional(z.int().check(z.minimum(1, 'must be 1 or more'))),
  pattern: z.optional(z.string().check(...d('A Unicode regular expression each line must match.'))),
  patternMessage: z.optional(LocalizedText),
  fonts: z.optional(z.array(z.string()).check(z.minLength(1, 'list at least one font, or leave fonts out'))),
  colors: z.optional(z.array(Color).check(z.minLength(1, 'list at least one colour, or leave colors out'))),
  fontSize: z.optional(z.strictObject({ min: Positive, max: Positive, default: Positive })),
  align: z.optional(z.enum(['left', 'center', 'right'])),
  curve: z.optional(
    z.strictObject({ min: Degrees, max: Degrees, default: Degrees }).check(
      ...d('The shopper may bend the text along a circular arc: degrees the baseline sweeps, -360..360; 0 straight, positive arches upward.'),
    ),
  ),
  editable: z.optional(Editable),
  price: z.optional(
    z.union([
      Money,
      z.strictObject({ perCharacter: Money, free: z.optional(Count) }),
    ]),
  ),
});

export const ImageComponent = z.strictObject({
  ...common,
  type: z.literal('image'),
  area: z.string(),
  accept: z.optional(z.array(z.string()).check(z.minLength(1, 'list at least one type, or leave accept out'))),
  maxBytes: z.optional(z.int().check(z.positive('must be greater than 0'))),
  maxPixels: z.optional(z.int().check(z.positive('must be greater than 0'))),
  minDpi: z.optional(Positive),
  warnDpi: z.optional(Positive),
  editable: z.optional(Editable),
  price: z.optional(Money),
});

export const ToggleComponent = z.strictObject({
  ...common,
  type: z.literal('toggle'),
  default: z.optional(z.boolean()),
  price: z.optional(Money),
});

export const Component = z.discriminatedUnion('type', [ChoiceComponent, TextComponent, ImageComponent, ToggleComponent]);

export const Rule = z.strictObject({
  id: z.optional(Id),
  when: z.unknown().check(...d('A JSON Logic expression over the selection data.')),
  then: z.strictObject({
    hide: z.optional(z.array(z.string())),
    require: z.optional(z.array(z.string())),
    restrict: z.optional(z.record(z.string(), z.array(z.string()))),
    price: z.optional(z.strictObject({ amount: z.int(), label: LocalizedText })),
    error: z.optional(LocalizedText),
  }),
});

export const SUPPORTED_SCHEMA_VERSIONS = [1] as const;

export const Product = z.strictObject({
  $schema: z.optional(z.string()),
  schemaVersion: z.number(),
  id: Id,
  revision: z.union([z.string().check(z.minLength(1, 'must not be empty')), z.int()]),
  name: LocalizedText,
  currency: z.string().check(...d('ISO 4217 code, e.g. "USD".')),
  basePrice: Money,
  locales: z.optional(z.array(z.string())),
  assetsBase: z.optional(z.string()),
  fonts: z.optional(z.array(FontDef)),
  views: z.array(View).check(z.minLength(1, 'a product needs at least one view')),
  components: z.array(Component),
  rules: z.optional(z.array(Rule)),
});

export type LocalizedText = z.infer<typeof LocalizedText>;
export type FontDef = z.infer<typeof FontDef>;
export type Layer = z.infer<typeof Layer>;
export type Area = z.infer<typeof Area>;
export type View = z.infer<typeof View>;
export type Effect = z.infer<typeof Effect>;
export type Option = z.infer<typeof Option>;
export type ChoiceComponent = z.infer<typeof ChoiceComponent>;
export type TextComponent = z.infer<typeof TextComponent>;
export type ImageComponent = z.infer<typeof ImageComponent>;
export type ToggleComponent = z.infer<typeof ToggleComponent>;
export type Component = z.infer<typeof Component>;
export type Rule = z.infer<typeof Rule>;
export type Product = z.infer<typeof Product>;
export type ComponentType = Component['type'];
