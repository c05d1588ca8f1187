/**
 * A copy of `value` that structured clone accepts where only proxies were in the way (Vue's
 * `reactive`, MobX, Svelte state, Immer drafts): plain objects, arrays, Maps and Sets are copied
 * by reading through them; everything else (typed arrays, dates, functions…) is kept as it is,
 * for structured clone to send or refuse.
 */
export function unwrapProxies(value: unknown, copies = new Map<object, unknown>()): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (copies.has(value)) return copies.get(value);
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    copies.set(value, copy);
    for (const item of value) copy.push(unwrapProxies(item, copies));
    return copy;
  }
  if (value instanceof Map) {
    const copy = new Map<unknown, unknown>();
    copies.set(value, copy);
    for (const [key, item] of value) copy.set(unwrapProxies(key, copies), unwrapProxies(item, copies));
    return copy;
  }
  if (value instanceof Set) {
    const copy = new Set<unknown>();
    copies.set(value, copy);
    for (const item of value) copy.add(unwrapProxies(item, copies));
    return copy;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  copies.set(value, copy);
  for (const [key, item] of Object.entries(value)) copy[key] = unwrapProxies(item, copies);
  return copy;
}
