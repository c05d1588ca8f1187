/**
 * Which shipped snapshot this engine can restore. A snapshot holds Pyodide's function pointers as
 * slots of its WebAssembly function table. While Pyodide boots, Emscripten's `addFunction` reuses a
 * slot when `table.get(i) === exports.f`; JavaScriptCore (WebKit, Safari) returns another object there,
 * so ~970 more slots are added and a snapshot made in V8 or SpiderMonkey points at the wrong functions
 * (`call_indirect to a signature that does not match`). The build ships one made in WebKit beside it,
 * and the worker picks the one its engine restores.
 */

/** `(module (func $f (export "f")) (table (export "t") 1 funcref) (elem (i32.const 0) $f))` (pure: the page bundle, which does not probe, drops it) */
const TABLE_PROBE = /* @__PURE__ */ new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x04, 0x04, 0x01, 0x70, 0x00, 0x01, 0x07,
  0x09, 0x02, 0x01, 0x66, 0x00, 0x00, 0x01, 0x74, 0x01, 0x00, 0x09, 0x07, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x01, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b,
]);

/** Whether a function read back from a WebAssembly table is the very function exported (false in JavaScriptCore). */
export function tableKeepsFunctionIdentity(): boolean {
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(TABLE_PROBE));
  return (exports.t as WebAssembly.Table).get(0) === exports.f;
}

/**
 * Where the WebKit-made snapshot sits beside `url`: `NAME.snapshot.zst` → `NAME.webkit.snapshot.zst`,
 * or the same with `.gz`, as earlier versions named them (how the build names them, and how
 * `snapshotURL` users name theirs); undefined for a URL of another
 * form, which WebKit then does without rather than download a snapshot it cannot restore.
 */
export function webKitSnapshotURL(url: string): string | undefined {
  if (/\.webkit\.snapshot\.(?:zst|gz)(?=$|[?#])/.test(url)) return url;
  const webKit = url.replace(/\.snapshot\.(zst|gz)(?=$|[?#])/, '.webkit.snapshot.$1');
  return webKit === url ? undefined : webKit;
}
