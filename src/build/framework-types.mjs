// Generates the props of <py-worker-run> for JSX, Svelte and Vue templates from custom-elements.json,
// with custom-element-jsx-integration, and for Solid's JSX (on:event, prop:name) with
// custom-element-solidjs-integration. Only what a template can set goes in (attributes, writable
// properties, events with their detail types); src/frameworks/*.ts give it to each framework.
// Usage: node src/build/framework-types.mjs MANIFEST OUTDIR...
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { generateSolidJsTypes } from 'custom-element-solidjs-integration';

export const PROPS_FILE = 'element-props.d.ts';
export const SOLID_PROPS_FILE = 'solid-props.d.ts';

/** The element's declaration in the manifest, keeping only what a template may set, with types that stand alone. */
export function settableManifest(manifest) {
  const copy = structuredClone(manifest);
  for (const module of copy.modules) {
    for (const element of module.declarations ?? []) {
      if (!element.customElement) continue;
      // Members with an attribute are written once, under the attribute's name.
      element.members = element.members.filter(
        (m) => m.kind === 'field' && !m.attribute && !m.readonly && !m.static && m.privacy === undefined && !m.name.startsWith('_'),
      );
      for (const attribute of element.attributes ?? []) {
        // The context property also takes JSON text, as the attribute does.
        if (attribute.name === 'context') attribute.type = { text: 'Record<string, unknown> | string' };
        if (attribute.name === 'defer-hydration') attribute.type = { text: 'boolean' };
      }
      for (const event of element.events ?? []) {
        if (event.type) event.type = { text: `import("../index.js").${event.type.text}` }; // relative to src/frameworks/ and dist/npm/frameworks/
      }
    }
  }
  return copy;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [manifestFile, outdir, ...copies] = process.argv.slice(2);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const log = console.log;
  console.log = () => undefined; // the generator announces itself even with hideLogs
  generateJsxTypes(settableManifest(manifest), { outdir, fileName: PROPS_FILE, hideLogs: true });
  generateSolidJsTypes(settableManifest(manifest), { outdir, fileName: SOLID_PROPS_FILE, hideLogs: true, globalTypePath: '../index.js' });
  console.log = log;
  for (const dir of copies) {
    mkdirSync(dir, { recursive: true });
    for (const file of [PROPS_FILE, SOLID_PROPS_FILE]) copyFileSync(join(outdir, file), join(dir, file));
  }
}
