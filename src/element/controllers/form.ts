/**
 * Form participation (STYLE 13, SPEC §6), after Shoelace's FormControlController and material-web's
 * form-associated mixin: ElementInternals submits the order's entries and mirrors the first error
 * into validity, anchored on a focusable control of the shadow root once it is rendered (the
 * browser focuses it on an invalid submit; the host itself is not focusable). Also:
 *
 * - Theme scripts that submit with `novalidate` and their own fetch never ask for validity: a
 *   capture listener on the window stops an invalid design's submission before theirs run.
 * - Files need `multipart/form-data`. A POST form with another encoding would send each upload as
 *   its file name only: the form (or the submitter's `formenctype`) is switched to multipart when
 *   the design has files. A GET form cannot carry files at all: the submission is refused loudly
 *   (`customizer-error` code `form-encoding`, a console warning naming `enctype`, a visible alert).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface FormHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface FormCallbacks {
  /** Whether the design may be submitted now. */
  valid(): boolean;
  /** Whether the design carries uploaded files. */
  hasFiles(): boolean;
  /** Show, focus and announce the problems (an invalid submission). */
  showProblems(): void;
  /** The form cannot carry the files. */
  refuseEncoding(message: string): void;
  disabled(): boolean;
}

const MULTIPART = 'multipart/form-data';

export class FormController implements ReactiveController {
  readonly internals: ElementInternals;
  /** A disabled fieldset or form around the element. */
  formDisabled = false;
  private bound: HTMLFormElement | null = null;
  private validity: { message: string; component: string | undefined } | null = null;

  constructor(private readonly host: FormHost, private readonly cb: FormCallbacks) {
    this.internals = host.attachInternals();
    host.addController(this);
  }

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  hostConnected(): void {
    this.host.addEventListener('invalid', this.onInvalid);
    this.bind();
  }
  hostDisconnected(): void {
    this.host.removeEventListener('invalid', this.onInvalid);
    this.unbind();
  }
  hostUpdated(): void {
    // The form can change under us (the `form` attribute, or the element moved).
    if (this.internals.form !== this.bound) {
      this.unbind();
      this.bind();
    }
    this.applyValidity();
  }

  /** The first error (null: valid); applied after the next render, when its control exists. */
  setValidity(error: { message: string; component: string | undefined } | null): void {
    this.validity = error;
    this.applyValidity();
    this.host.requestUpdate();
  }

  setValue(value: FormData | null, state: string): void {
    this.internals.setFormValue(value, state);
  }

  private applyValidity(): void {
    const v = this.validity;
    if (!v) return this.internals.setValidity({});
    const anchor = this.anchorFor(v.component);
    // Without a rendered control yet, no validity is claimed: the next update (right after this render) sets it.
    if (anchor) this.internals.setValidity({ customError: true }, v.message, anchor);
    else this.internals.setValidity({ customError: true }, v.message, this.fallbackAnchor() ?? undefined);
  }

  /** The control the browser focuses for `component`'s problem: its checked option or first enabled control. */
  anchorFor(component: string | undefined): HTMLElement | null {
    const root = this.host.renderRoot as ShadowRoot | undefined;
    if (!root?.querySelector) return null;
    const focusable = 'input:not([disabled]):not([type="file"]), textarea:not([disabled]), select:not([disabled]), button:not([disabled]), [tabindex="0"]';
    const scope = component ? root.querySelector(`[data-component="${CSS.escape(component)}"]`) : null;
    return scope?.querySelector<HTMLElement>(`input:checked:not([disabled]), ${focusable}`) ?? root.querySelector<HTMLElement>(`.controls :is(${focusable})`);
  }

  /** Before the controls render (or when all are disabled): a focusable status box of the shadow root. */
  private fallbackAnchor(): HTMLElement | null {
    return (this.host.renderRoot as ShadowRoot | undefined)?.querySelector?.<HTMLElement>('[data-validity-anchor]') ?? null;
  }

  /**
   * Makes the owning form able to carry files: multipart for POST (switched, once, with a console
   * note); refused for GET. Returns false when the submission must not go ahead.
   */
  ensureEncoding(submitter?: HTMLElement | null): boolean {
    const form = this.internals.form;
    if (!form || !this.cb.hasFiles()) return true;
    const button = submitter instanceof HTMLButtonElement || submitter instanceof HTMLInputElement ? submitter : null;
    const method = (button?.hasAttribute('formmethod') ? button.formMethod : form.method).toLowerCase();
    if (method === 'dialog') return true;
    if (method !== 'post') {
      const msg = `product-customizer: the design has uploaded images but its form (${describe(form)}) submits with method="${method}", which sends files as their names only. Use <form method="post" enctype="multipart/form-data">.`;
      console.warn(msg);
      this.cb.refuseEncoding(msg);
      return false;
    }
    if (button?.hasAttribute('formenctype') && button.formEnctype !== MULTIPART) button.formEnctype = MULTIPART;
    if (form.enctype !== MULTIPART) {
      console.info(`product-customizer: set enctype="multipart/form-data" on ${describe(form)} so that the uploaded images are sent as files (it was "${form.enctype}").`);
      form.enctype = MULTIPART;
    }
    return true;
  }

  private readonly onSubmitCapture = (e: Event) => {
    if (e.target !== this.internals.form || this.cb.disabled() || this.formDisabled) return;
    if (!this.cb.valid()) {
      e.preventDefault();
      e.stopImmediatePropagation();
      this.cb.showProblems();
      return;
    }
    if (!this.ensureEncoding((e as SubmitEvent).submitter)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  };

  private bind(): void {
    this.bound = this.internals.form;
    if (this.bound) window.addEventListener('submit', this.onSubmitCapture, true);
  }
  private unbind(): void {
    if (this.bound) window.removeEventListener('submit', this.onSubmitCapture, true);
    this.bound = null;
  }

  private readonly onInvalid = () => this.cb.showProblems();
}

function describe(form: HTMLFormElement): string {
  return `<form${form.id ? ` id="${form.id}"` : ''}${form.getAttribute('action') ? ` action="${form.getAttribute('action')}"` : ''}>`;
}
