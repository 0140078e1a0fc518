/**
 * What a control module needs from the element: the component's evaluated state, words, labels and
 * money in the element's one locale, and `set` to write a selection. Controls render; they keep no
 * state of their own (the selections are the truth, STYLE 2).
 */
import type { TemplateResult } from 'lit';
import type { ComponentState, LocalizedText, Selections, Transform } from '../../core/index.js';
import type { Translation } from '../i18n/translation.js';
import type { Placeable } from '../controllers/placement.js';

export interface ControlContext {
  readonly t: Translation;
  readonly selections: Selections;
  readonly disabled: boolean;
  state(id: string): ComponentState;
  label(text: LocalizedText | undefined): string;
  price(amount: number): string;
  /** Writes a component's selection (undefined removes it); `mergeKey` merges a burst into one undo step. */
  set(id: string, value: unknown, mergeKey?: string): void;
  /** The component's issues as the shopper should see them now. */
  issueList(id: string): TemplateResult;
  /** Whether the component shows an error now. */
  invalid(id: string): boolean;
  /** The keyboard handle of a placed text or image. */
  placement(c: Placeable, sel: { transform?: Transform } | undefined): TemplateResult | typeof import('lit').nothing;
}
