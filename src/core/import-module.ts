// import() of user code: plugins and ES-module configs, which cannot be bundled.
//
// The CLI bundle (scripts/build.mjs) replaces this module: the bundle is compiled through
// node:vm from V8's code cache (see bin/attune.js), and code compiled that way has no module
// loader of its own to import() with. There, importModule calls the import() of bin/attune.js,
// an ordinary ES module; specifiers are absolute file: URLs either way, so nothing else changes.

export function importModule(specifier: string): Promise<Record<string, unknown>> {
  return import(specifier) as Promise<Record<string, unknown>>;
}
