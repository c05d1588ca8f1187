import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { pagePreloads, preloadPool } from '../runner/page-runner.js';

type Host = ReactiveControllerHost & HTMLElement & { loading: string };

/**
 * When an element loads Python. An automatic run loads it; a server-rendered element (still
 * `defer-hydration`) starts loading on connect, as every element does on a page that asks to
 * preload; a manual one waits for a reader's intent (pointer over it, focus in it); a
 * `loading="lazy"` one waits, run and load, until it comes within one viewport of being seen, as
 * `<img loading="lazy">` does. Nothing is fetched before.
 */
export class LoadTiming implements ReactiveController {
  readonly #host: Host;
  #near = false;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
    for (const intent of ['pointerover', 'focusin']) host.addEventListener(intent, preloadPool, { once: true, passive: true });
  }

  hostConnected(): void {
    if (this.#host.hasAttribute('defer-hydration') || pagePreloads()) preloadPool();
  }

  hostDisconnected(): void {
    forgetNear(this.#host);
    this.#near = false;
  }

  /** Whether automatic runs may start: not lazy, or near; if not yet, the host is updated once it is. */
  get mayRun(): boolean {
    if (this.#host.loading !== 'lazy' || this.#near) return true;
    whenNear(this.#host, () => {
      this.#near = true;
      this.#host.requestUpdate();
    });
    return false;
  }
}

const waiting = new Map<Element, () => void>();

const observer =
  typeof IntersectionObserver === 'function'
    ? new IntersectionObserver(
        (entries) => {
          for (const { target, isIntersecting } of entries) {
            if (!isIntersecting) continue;
            const near = waiting.get(target);
            forgetNear(target);
            near?.();
          }
        },
        { rootMargin: '100%' },
      )
    : undefined;

/** Calls `near` once `element` is within a viewport of the screen (at once where nothing can tell). */
function whenNear(element: Element, near: () => void): void {
  if (!observer) return near();
  waiting.set(element, near);
  observer.observe(element);
}

/** Stops waiting for `element` (it left the page). */
function forgetNear(element: Element): void {
  waiting.delete(element);
  observer?.unobserve(element);
}
