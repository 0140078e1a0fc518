/**
 * The studio's tests reach its controls the way a merchant (or a screen reader) does: by role and
 * accessible name, inside its open shadow root. Names are computed as the browser does for the
 * studio's markup: aria-label, else the wrapping <label>'s text, else the element's text.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LitElement } from 'lit';

/** Keys as web-test-runner sends them (typed loosely for the tests' tables of keys). */
export const keys = (p: object) => sendKeys(p as Parameters<typeof sendKeys>[0]);
/** The studio rendered its last change and the stage drew it (the next animation frame). */
export async function settle(el: LitElement): Promise<void> {
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(r));
}
/** The Classic Tee example, as served by the test runner. */
export const tee = async () => (await fetch('/examples/classic-tee.json')).json();

type Role = 'button' | 'textbox' | 'spinbutton' | 'combobox' | 'checkbox' | 'tab' | 'application' | 'alert' | 'status' | 'group';
const SELECTORS: Record<Role, string> = {
  button: 'button, [role="button"]',
  textbox: 'input[type="text"], input:not([type]), textarea',
  spinbutton: 'input[type="number"]',
  combobox: 'select',
  checkbox: 'input[type="checkbox"]',
  tab: '[role="tab"]',
  application: '[role="application"]',
  alert: '[role="alert"]',
  status: '[role="status"]',
  group: 'fieldset, [role="group"]',
};

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

export function accessibleName(el: Element): string {
  const aria = el.getAttribute('aria-label');
  if (aria) return clean(aria);
  if (el instanceof HTMLFieldSetElement) return clean(el.querySelector(':scope > legend')?.textContent);
  const label = (el as HTMLInputElement).labels?.[0];
  if (label) {
    const copy = label.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('input, select, textarea, small').forEach((x) => x.remove());
    return clean(copy.textContent);
  }
  return clean(el.textContent);
}

export function all(host: Element, role: Role, name?: string | RegExp): HTMLElement[] {
  const root = host.shadowRoot ?? host;
  return [...root.querySelectorAll<HTMLElement>(SELECTORS[role])].filter((el) => {
    if (name === undefined) return true;
    const n = accessibleName(el);
    return typeof name === 'string' ? n === name : name.test(n);
  });
}

export function get<T extends HTMLElement = HTMLElement>(host: Element, role: Role, name: string | RegExp): T {
  const found = all(host, role, name);
  expect(found.length, `one ${role} named ${name} (found ${found.length}: ${all(host, role).map(accessibleName).join(' | ')})`).to.equal(1);
  return found[0] as T;
}

/** Types into a text field as a user would: focus, select all, type, then change. */
export async function fill(input: HTMLInputElement | HTMLTextAreaElement, value: string, sendKeys: (p: object) => Promise<void>): Promise<void> {
  input.focus();
  input.select();
  await sendKeys({ press: 'Backspace' });
  if (value) await sendKeys({ type: value });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

export function choose(select: HTMLSelectElement, optionText: string): void {
  const opt = [...select.options].find((o) => clean(o.textContent) === optionText || o.value === optionText);
  expect(opt, `option ${optionText} in ${accessibleName(select)}: ${[...select.options].map((o) => o.textContent).join(' | ')}`).to.exist;
  select.value = opt!.value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Picks a file in a file input (the real bytes, as the file chooser would). */
export function pickFile(input: HTMLInputElement, file: File): void {
  const dt = new DataTransfer();
  dt.items.add(file);
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The file input a labelled file button opens. */
export function fileInput(host: Element, name: string | RegExp): HTMLInputElement {
  const labels = [...(host.shadowRoot ?? host).querySelectorAll<HTMLLabelElement>('label.filebtn')].filter((l) => (typeof name === 'string' ? clean(l.textContent) === name : name.test(clean(l.textContent))));
  expect(labels.length, `one file button named ${name}`).to.equal(1);
  return labels[0]!.querySelector('input')!;
}
