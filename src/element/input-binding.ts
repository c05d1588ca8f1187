import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

/** One entry of `inputs`: the Python name it sets (undefined: the control's name or id) and its selector. */
interface Binding {
  name: string | undefined;
  selector: string;
}

const IDENTIFIER = /^[A-Za-z_]\w*$/;

/**
 * The `inputs` attribute: form controls (found by selector in the element's document or shadow
 * root) whose values become Python globals, and whose changes ask for a new run. It listens where
 * the controls live rather than on them, so controls a framework re-renders are followed and removed
 * ones are not.
 */
export class InputBinding implements ReactiveController {
  #bindings: Binding[] = [];
  #roots: Array<Document | ShadowRoot> = [];
  readonly #host: Host;
  readonly #onChange: () => void;
  readonly #listener = (event: Event) => {
    const path = event.composedPath();
    if (this.#bindings.some(({ selector }) => path.some((node) => node instanceof Element && safeMatches(node, selector)))) this.#onChange();
  };

  constructor(host: Host, onChange: () => void) {
    this.#host = host;
    this.#onChange = onChange;
    host.addController(this);
  }

  /** Sets the attribute's text: `"#n #name"` or `name=selector` pairs, separated by spaces. */
  set(text: string | undefined): void {
    this.#bindings = (text ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((entry) => {
        const pair = /^([A-Za-z_]\w*)=(.+)$/.exec(entry);
        return pair ? { name: pair[1], selector: pair[2]! } : { name: undefined, selector: entry };
      });
    this.#listen();
  }

  get active(): boolean {
    return this.#bindings.length > 0;
  }

  hostConnected(): void {
    this.#listen();
  }

  hostDisconnected(): void {
    this.#unlisten();
  }

  /** Each control's value by its Python name; throws an Error naming a selector it cannot use. */
  values(): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const { name, selector } of this.#bindings) {
      const controls = this.#find(selector);
      const first = controls[0]!;
      const variable = name ?? (first.getAttribute('name') || first.id).replaceAll('-', '_');
      if (!IDENTIFIER.test(variable)) {
        throw inputError(`"${selector}" finds a control named "${variable}", which is not a Python name: write inputs="a_name=${selector}".`);
      }
      values[variable] = controlValue(controls);
    }
    return values;
  }

  #find(selector: string): Element[] {
    for (const root of this.#lookupRoots()) {
      let found: Element[];
      try {
        found = [...root.querySelectorAll(selector)];
      } catch {
        throw inputError(`"${selector}" is not a CSS selector. Write selectors such as "#count" or "input[name=size]", separated by spaces.`);
      }
      const controls = found.filter((node) => 'value' in node || 'checked' in node);
      if (controls.length) return controls;
      if (found.length) throw inputError(`"${selector}" finds a <${found[0]!.localName}>, not a form control: point it at an <input>, <select> or <textarea>.`);
    }
    throw inputError(`"${selector}" matches no element in this page. Check the selector, and that the control exists when the cell runs.`);
  }

  /** The element's own root (a framework component's shadow root, or the document), then the document. */
  #lookupRoots(): Array<Document | ShadowRoot> {
    const root = this.#host.getRootNode();
    return root instanceof ShadowRoot ? [root, document] : [document];
  }

  #listen(): void {
    this.#unlisten();
    if (!this.active || !this.#host.isConnected) return;
    this.#roots = this.#lookupRoots();
    for (const root of this.#roots) {
      root.addEventListener('input', this.#listener, true);
      root.addEventListener('change', this.#listener, true);
    }
  }

  #unlisten(): void {
    for (const root of this.#roots) {
      root.removeEventListener('input', this.#listener, true);
      root.removeEventListener('change', this.#listener, true);
    }
    this.#roots = [];
  }
}

// Plain errors: this chunk imports nothing from the bundle (a module both import would be a chunk of its own).
function inputError(message: string): Error {
  return new Error(`The inputs attribute: ${message}`);
}

function safeMatches(node: Element, selector: string): boolean {
  try {
    return node.matches(selector);
  } catch {
    return false; // reported when the run reads the values
  }
}

/** A control's value as Python should see it: numbers for number and range, booleans for checkboxes, lists for multiple selects. */
function controlValue(controls: Element[]): unknown {
  const first = controls[0] as HTMLInputElement;
  if (first instanceof HTMLInputElement && first.type === 'radio') {
    return (controls.find((radio) => (radio as HTMLInputElement).checked) as HTMLInputElement | undefined)?.value ?? null;
  }
  if (first instanceof HTMLInputElement && first.type === 'checkbox') return first.checked;
  if (first instanceof HTMLInputElement && (first.type === 'number' || first.type === 'range')) {
    return Number.isNaN(first.valueAsNumber) ? null : first.valueAsNumber;
  }
  if (first instanceof HTMLSelectElement && first.multiple) return [...first.selectedOptions].map((option) => option.value);
  return (first as { value?: unknown }).value ?? null;
}
