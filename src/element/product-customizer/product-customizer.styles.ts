import { css } from 'lit';

/**
 * Sized in px/em from the host, never rem (themes often set `html { font-size: 62.5% }`).
 * Public tokens are `--pc-*` with defaults; private ones are `--_*`.
 */
export const styles = css`
  :host {
    --_font: var(--pc-font-family, inherit);
    --_text: var(--pc-color-text, #1c1d1f);
    --_muted: var(--pc-color-muted, #5d6167);
    --_surface: var(--pc-color-surface, #ffffff);
    --_subtle: var(--pc-color-subtle, #f4f5f6);
    --_border: var(--pc-color-border, #c9ccd1);
    --_accent: var(--pc-color-accent, #1f4fd1);
    --_accent-contrast: var(--pc-color-accent-contrast, #ffffff);
    --_error: var(--pc-color-error, #b3261e);
    --_warning: var(--pc-color-warning, #8a5a00);
    --_radius: var(--pc-radius, 8px);
    --_space: var(--pc-spacing, 16px);
    --_focus: var(--pc-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_accent) 45%, transparent));
    display: block;
    container-type: inline-size;
    font-family: var(--_font);
    font-size: var(--pc-font-size, 16px);
    line-height: 1.45;
    color: var(--_text);
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: border-box; }

  .layout { display: grid; gap: var(--_space); grid-template-columns: minmax(0, 1fr); }
  @container (min-width: 700px) {
    .layout { grid-template-columns: minmax(0, 1.1fr) minmax(280px, 1fr); align-items: start; }
    .layout .preview { top: var(--_space); }
  }

  /*
   * The preview box is reserved before anything draws: from the view's size once the product is
   * known, from --pc-preview-aspect (set by the shop, e.g. 1000 / 1200) before. On narrow screens the
   * preview sticks to the top while the shopper types below it, at most 45 % of the viewport high.
   */
  .preview {
    display: grid; gap: 8px; position: sticky; top: 0; z-index: 1;
    --_ratio: var(--_aspect, var(--pc-preview-aspect, 1));
  }
  .stage {
    position: relative; width: 100%; margin-inline: auto; aspect-ratio: var(--_ratio);
    background: var(--_subtle); border-radius: var(--_radius); overflow: hidden;
  }
  /* On a phone the sticky preview takes at most 45 % of the screen's height, leaving room to type. */
  @media (max-width: 699.98px) {
    /* Sticky over the controls: they scroll beneath it, so it is opaque (the controls' surface). */
    .preview { background: var(--_surface); padding-bottom: 8px; }
    .stage { width: min(100%, calc(45vh * (var(--_ratio)))); }
    /* A field scrolled or focused into view lands below the sticky preview, not under it. */
    .controls :is(input, textarea, select, button, [tabindex]) { scroll-margin-top: calc(45vh + 56px); }
  }
  /* The preview's canvases fill .stage, so the wait text is its pseudo-element (nothing rendered inside). */
  .stage[data-wait]::after { content: attr(data-wait); position: absolute; inset: 0; display: grid; place-items: center; color: var(--_muted); font-size: 0.875em; }
  .stage .canvas-host { position: absolute; inset: 0; }
  .stage canvas { display: block; }
  .view-tabs { display: flex; gap: 6px; flex-wrap: wrap; }
  .view-tabs button {
    min-height: 32px; padding: 4px 14px; border-radius: 999px; border: 1px solid var(--_border);
    background: var(--_surface); color: var(--_text); font: inherit; font-size: 0.875em; cursor: pointer;
  }
  .view-tabs button[aria-selected='true'] { background: var(--_text); color: var(--_surface); border-color: var(--_text); }

  .controls { display: grid; gap: calc(var(--_space) * 1.1); min-width: 0; }
  .component { display: grid; gap: 8px; min-width: 0; }
  fieldset { border: 0; margin: 0; padding: 0; min-width: 0; display: grid; gap: 8px; }
  legend, .label { padding: 0; font-weight: 600; font-size: 0.95em; display: flex; gap: 8px; align-items: baseline; }
  legend .current, .label .current { font-weight: 400; color: var(--_muted); }
  .hint { color: var(--_muted); font-size: 0.85em; font-weight: 400; }

  .options { display: flex; flex-wrap: wrap; gap: 8px; }
  .option { position: relative; display: inline-flex; }
  .option input { position: absolute; opacity: 0; inset: 0; margin: 0; width: 100%; height: 100%; cursor: pointer; }
  .option input:disabled { cursor: not-allowed; }
  .chip {
    display: inline-flex; align-items: center; gap: 6px; min-height: 40px; min-width: 44px; padding: 6px 14px;
    border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); font-size: 0.92em;
    justify-content: center;
  }
  .chip .price { color: var(--_muted); font-size: 0.85em; }
  .option input:checked + .chip { border-color: var(--_text); box-shadow: inset 0 0 0 1px var(--_text); font-weight: 600; }
  .option input:focus-visible + .chip, .option input:focus-visible + .swatch { box-shadow: var(--_focus); }
  .option input:disabled + .chip { color: var(--_muted); background: var(--_subtle); text-decoration: line-through; }
  .swatch {
    width: 40px; height: 40px; border-radius: 50%; border: 1px solid var(--_border);
    box-shadow: inset 0 0 0 3px var(--_surface);
  }
  .option input:checked + .swatch { outline: 2px solid var(--_text); outline-offset: 2px; }
  .option input:disabled + .swatch { opacity: 0.35; background-image: linear-gradient(135deg, transparent 46%, var(--_muted) 46%, var(--_muted) 54%, transparent 54%) !important; }
  .tip {
    position: absolute; bottom: calc(100% + 6px); left: 50%; transform: translateX(-50%); white-space: nowrap;
    background: var(--_text); color: var(--_surface); padding: 3px 8px; border-radius: 4px; font-size: 0.8em;
    pointer-events: none; opacity: 0; transition: opacity 0.12s; z-index: 2;
  }
  .option:hover .tip, .option input:focus-visible ~ .tip { opacity: 1; }

  input[type='text'], input[type='number'], textarea, select {
    font: inherit; color: var(--_text); background: var(--_surface); width: 100%; min-height: 44px;
    border: 1px solid var(--_border); border-radius: var(--_radius); padding: 9px 12px;
  }
  textarea { resize: vertical; }
  input:focus-visible, textarea:focus-visible, select:focus-visible, button:focus-visible { outline: none; box-shadow: var(--_focus); }
  [aria-invalid='true'] { border-color: var(--_error); }
  .text-row { display: flex; justify-content: space-between; gap: 8px; font-size: 0.85em; color: var(--_muted); }
  .counter[data-over] { color: var(--_error); font-weight: 600; }
  .pickers { display: grid; gap: 10px; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); }
  .picker { display: grid; gap: 4px; font-size: 0.9em; }
  .picker .options .swatch { width: 32px; height: 32px; }
  input[type='range'] { width: 100%; min-height: 24px; accent-color: var(--_accent); }
  .pickers .curve { grid-column: 1 / -1; }
  .curve-row { display: flex; gap: 6px; align-items: center; }
  .curve-row input[type='number'] { width: 5.5em; min-height: 36px; padding: 6px 8px; }

  .upload { display: grid; gap: 8px; border: 1.5px dashed var(--_border); border-radius: var(--_radius); padding: 12px; }
  .upload[data-drag] { border-color: var(--_accent); background: color-mix(in srgb, var(--_accent) 6%, transparent); }
  .upload .row { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
  .upload img.thumb { width: 56px; height: 56px; object-fit: cover; border-radius: 6px; border: 1px solid var(--_border); }
  .file-name { font-size: 0.9em; overflow-wrap: anywhere; }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  button.secondary {
    font: inherit; font-size: 0.9em; min-height: 36px; min-width: 44px; padding: 6px 14px; border-radius: var(--_radius);
    border: 1px solid var(--_border); background: var(--_surface); color: var(--_text); cursor: pointer;
  }
  button.secondary:disabled { opacity: 0.5; cursor: not-allowed; }
  .busy { display: inline-flex; align-items: center; gap: 8px; color: var(--_muted); font-size: 0.9em; }
  .busy::before {
    content: ''; width: 14px; height: 14px; border-radius: 50%; border: 2px solid var(--_border); border-top-color: var(--_accent);
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin { to { transform: rotate(360deg); } }

  .switch { display: flex; align-items: center; gap: 12px; cursor: pointer; min-height: 32px; }
  .switch input { appearance: none; margin: 0; width: 44px; height: 26px; border-radius: 13px; background: var(--_border); position: relative; cursor: pointer; flex: none; transition: background 0.15s; }
  .switch input::after { content: ''; position: absolute; top: 3px; left: 3px; width: 20px; height: 20px; border-radius: 50%; background: var(--_surface); transition: transform 0.15s; }
  .switch input:checked { background: var(--_accent); }
  .switch input:checked::after { transform: translateX(18px); }
  .switch .price { color: var(--_muted); font-size: 0.9em; }

  .placement {
    display: grid; gap: 2px; padding: 8px 12px; border: 1px dashed var(--_border); border-radius: var(--_radius);
    background: var(--_subtle); cursor: move; font-size: 0.875em; min-height: 44px;
  }
  .placement:focus-visible { outline: none; box-shadow: var(--_focus); border-style: solid; border-color: var(--_accent); }
  .placement-state { font-variant-numeric: tabular-nums; }
  .issues { display: grid; gap: 2px; font-size: 0.875em; }
  .issue { margin: 0; }
  .issue.error { color: var(--_error); }
  .issue.warning { color: var(--_warning); }
  .issue::before { content: '⚠ '; }

  .price-box { display: grid; gap: 6px; border-top: 1px solid var(--_border); padding-top: var(--_space); }
  .total { display: flex; justify-content: space-between; align-items: baseline; font-size: 1.15em; font-weight: 700; }
  details { font-size: 0.9em; color: var(--_muted); }
  summary { cursor: pointer; min-height: 24px; }
  .lines { list-style: none; margin: 6px 0 0; padding: 0; display: grid; gap: 2px; }
  .lines li { display: flex; justify-content: space-between; gap: 12px; }

  .actions { display: flex; gap: 8px; flex-wrap: wrap; }
  .add-to-cart {
    font: inherit; font-weight: 600; min-height: 48px; width: 100%; border: 0; border-radius: var(--_radius);
    background: var(--_accent); color: var(--_accent-contrast); cursor: pointer; font-size: 1em;
  }
  .add-to-cart:disabled { opacity: 0.6; cursor: progress; }
  .notice.error { color: var(--_error); border: 1px solid var(--_error); }
  .notice { margin: 0; padding: 8px 12px; border-radius: var(--_radius); background: var(--_subtle); font-size: 0.9em; }
  .problem-list { margin: 0; padding: 10px 14px; border-radius: var(--_radius); border: 1px solid var(--_error); color: var(--_error); font-size: 0.9em; }
  .problem-list ul { margin: 4px 0 0; padding-left: 18px; }
  .problem-list a { color: inherit; }

  .error-box { padding: var(--_space); border: 1px solid var(--_error); border-radius: var(--_radius); color: var(--_error); background: var(--_surface); }
  .error-box h2 { margin: 0 0 6px; font-size: 1em; }
  .error-box ul { margin: 6px 0 0; padding-left: 18px; color: var(--_text); font-size: 0.9em; }
  .error-box code { font-size: 0.9em; }
  .loading { padding: var(--_space); color: var(--_muted); }

  :host([disabled]) .controls { opacity: 0.6; pointer-events: none; }
  @media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
`;
