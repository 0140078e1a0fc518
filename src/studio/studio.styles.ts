import { css } from 'lit';

/** The studio's look: a canvas-first editor — toolbar on top, panels left, the view workspace in the middle, selection and issues right. */
export const studioStyles = css`
  :host { display: block; font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1c1d1f; background: #eef0f3; border: 1px solid #d9dce1; border-radius: 12px; overflow: hidden;
    --_b: #c4c8cf; --_a: #1f4fd1; --_panel: #fff; --_muted: #50555c; }
  * { box-sizing: border-box; }
  h2, h3, h4 { margin: 0; font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--_muted); }
  .topbar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 8px 12px; background: #1b1e24; color: #fff; }
  .topbar .title { font-weight: 700; margin-right: 12px; }
  .topbar button, .topbar .filebtn { background: #2c313a; color: #fff; border-color: #3c424d; }
  .topbar button.primary { background: var(--_a); border-color: var(--_a); }
  .topbar .status { margin-left: auto; font-size: 13px; color: #d6dae0; min-height: 1em; }
  .layout { display: grid; grid-template-columns: 320px minmax(0, 1fr) 300px; min-height: 640px; }
  @media (max-width: 1100px) { .layout { grid-template-columns: 280px minmax(0, 1fr); } .right { grid-column: 1 / -1; } }
  .left, .right { background: var(--_panel); overflow: auto; max-height: 86vh; }
  .left { border-right: 1px solid #dfe2e6; }
  .right { border-left: 1px solid #dfe2e6; }
  .tabs { display: flex; border-bottom: 1px solid #dfe2e6; position: sticky; top: 0; background: var(--_panel); z-index: 1; }
  .tabs button { flex: 1; border: 0; border-radius: 0; background: none; padding: 10px 4px; font-weight: 600; color: var(--_muted); border-bottom: 3px solid transparent; min-height: 40px; }
  .tabs button[aria-selected='true'] { color: var(--_a); border-bottom-color: var(--_a); }
  .tabpanel, .right section { padding: 12px; }
  .right section + section { border-top: 1px solid #eceef1; }
  .center { display: flex; flex-direction: column; min-width: 0; }
  .viewbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 8px 12px; background: #f8f9fa; border-bottom: 1px solid #dfe2e6; }
  .viewbar .sep { width: 1px; align-self: stretch; background: #dfe2e6; margin: 0 4px; }
  .canvas { flex: 1; display: flex; align-items: flex-start; justify-content: center; padding: 18px; overflow: auto; }
  .stage { width: 100%; max-width: 900px; display: flex; justify-content: center; }
  .stage:focus-visible { outline: 3px solid color-mix(in srgb, var(--_a) 55%, transparent); outline-offset: 4px; }
  .stage > div { box-shadow: 0 2px 16px rgba(0,0,0,.12); background: #fff; }
  .empty { margin: 40px auto; max-width: 420px; text-align: center; color: var(--_muted); display: grid; gap: 12px; justify-items: center; }
  button, .filebtn { font: inherit; font-size: 13px; min-height: 32px; padding: 5px 10px; border: 1px solid var(--_b); border-radius: 7px; background: #fff; color: inherit; cursor: pointer; display: inline-flex; align-items: center; gap: 4px; }
  button:disabled { opacity: .45; cursor: default; }
  button[aria-pressed='true'] { background: color-mix(in srgb, var(--_a) 14%, #fff); border-color: var(--_a); color: #123a9c; }
  button.small { min-height: 28px; padding: 3px 8px; }
  button.icon { min-width: 28px; min-height: 28px; padding: 2px 6px; justify-content: center; }
  button.danger { color: #a21c14; border-color: #e5b5b1; }
  button.primary { background: var(--_a); color: #fff; border-color: var(--_a); }
  .filebtn:focus-within, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid color-mix(in srgb, var(--_a) 55%, transparent); outline-offset: 1px; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .stack { display: grid; gap: 10px; }
  .row { display: flex; gap: 6px; align-items: center; }
  .row.wrap { flex-wrap: wrap; }
  .grid2, .grid3, .grid4 { display: grid; gap: 8px; align-items: end; }
  .grid2 { grid-template-columns: 1fr 1fr; } .grid3 { grid-template-columns: repeat(3, 1fr); } .grid4 { grid-template-columns: repeat(2, 1fr); }
  .field { display: grid; gap: 3px; font-size: 12px; color: var(--_muted); min-width: 0; }
  .field > span { font-weight: 600; }
  .check { display: inline-flex; align-items: center; gap: 6px; font-size: 13px; }
  input, select, textarea { font: inherit; font-size: 13px; color: #1c1d1f; padding: 5px 7px; border: 1px solid var(--_b); border-radius: 6px; min-height: 32px; background: #fff; width: 100%; min-width: 0; }
  .check input { width: auto; min-height: 0; }
  input[type='color'] { padding: 2px; width: 44px; height: 32px; }
  .field.color { grid-template-columns: auto; }
  textarea { font: 12px/1.35 ui-monospace, 'SFMono-Regular', monospace; min-height: 120px; resize: vertical; }
  fieldset { border: 1px solid #e3e5e9; border-radius: 8px; padding: 8px 10px; margin: 0; display: grid; gap: 8px; min-width: 0; }
  fieldset.inline { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; }
  legend { font-size: 12px; font-weight: 700; color: var(--_muted); padding: 0 4px; }
  .localized { background: #fafbfc; }
  .missing { color: #8a4b00; font-size: 11px; font-weight: 600; }
  .list { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
  .list li { display: flex; gap: 4px; align-items: center; padding: 2px; border-radius: 8px; }
  .list li.selected { background: color-mix(in srgb, var(--_a) 8%, #fff); }
  .list .item-name { flex: 1; justify-content: flex-start; text-align: left; border-color: transparent; background: transparent; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .editor-card { border: 1px solid #e3e5e9; border-radius: 10px; padding: 10px; display: grid; gap: 10px; background: #fff; }
  .option { background: #fafbfc; }
  .effects { display: grid; gap: 6px; }
  .rule-split { display: grid; gap: 8px; }
  .group { border-left: 3px solid color-mix(in srgb, var(--_a) 40%, #fff); padding-left: 8px; display: grid; gap: 6px; }
  .issues { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; font-size: 12px; }
  .issues button { all: unset; cursor: pointer; display: block; padding: 6px 8px; border-radius: 6px; }
  .issues button:focus-visible { outline: 2px solid var(--_a); }
  .issues .error, .issues .error button { color: #8f1d15; background: #fdecea; border-radius: 6px; }
  .issues .warning, .issues .warning button { color: #6b4500; background: #fff4e0; border-radius: 6px; }
  .issue.error { background: #fdecea; color: #8f1d15; padding: 8px; border-radius: 8px; display: grid; gap: 6px; }
  .issue.error p { margin: 0; font-size: 12px; }
  .muted { color: var(--_muted); font-size: 12px; margin: 0; }
  code { font-size: 11px; }
  product-customizer { display: block; }
`;
