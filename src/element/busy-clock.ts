/**
 * The elapsed time busy elements show ("Running… 2.3 s"), kept by one timer for the whole page.
 * Only elements in view are re-rendered: a page of a thousand cells waiting for Python re-renders
 * the few on screen ten times a second, not all of them (that alone took the main thread over).
 * An element scrolled into view is rendered at once.
 */
interface Clocked extends Element {
  requestUpdate(): void;
}

const busy = new Set<Clocked>();
const inView = new Set<Clocked>();
let timer: ReturnType<typeof setInterval> | undefined;

const observer =
  typeof IntersectionObserver === 'function'
    ? new IntersectionObserver((entries) => {
        for (const { target, isIntersecting } of entries) {
          const element = target as Clocked;
          if (!isIntersecting) inView.delete(element);
          else if (busy.has(element)) {
            inView.add(element);
            element.requestUpdate();
          }
        }
      })
    : undefined;

export function startClock(element: Clocked): void {
  if (busy.has(element)) return;
  busy.add(element);
  if (observer) observer.observe(element);
  else inView.add(element);
  timer ??= setInterval(() => {
    for (const shown of inView) shown.requestUpdate();
  }, 100);
}

export function stopClock(element: Clocked): void {
  if (!busy.delete(element)) return;
  observer?.unobserve(element);
  inView.delete(element);
  if (busy.size === 0) {
    clearInterval(timer);
    timer = undefined;
  }
}
