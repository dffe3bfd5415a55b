// `node --import ./scripts/test-support/server-only-hooks.mjs`: lets a script outside Next import
// the app's server modules, which start with `import "server-only"` (that package throws unless
// bundled for the server). It resolves to an empty module, as vitest.config.ts's alias does.
import { register } from "node:module";

const empty = new URL("./empty.js", import.meta.url).href;
const source = `export async function resolve(specifier, context, next) {
  return specifier === "server-only" ? { url: ${JSON.stringify(empty)}, shortCircuit: true } : next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(source)}`);
