// Bundles the CLI into one ESM file so start-up on a 1-CPU edge node stays light:
// esbuild tree-shakes mathjs down to the functions used, and @kubernetes/client-node is
// only loaded (dynamic import, split chunk) by the commands that talk to a cluster.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

// yargs, cliui and wrap-ansi import string-width (7 and 8), whose module body builds an
// Intl.Segmenter and Unicode-property regular expressions: ~30 ms at every start, though widths
// are only measured to lay out help text. Their `import stringWidth from 'string-width'` gets
// a stand-in that loads the real module on the first call (esbuild bundles a require() of an ES
// module as a lazily initialised one). cli-table3's require() of string-width 4 is left alone.
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.kind !== 'import-statement' || args.pluginData === 'real') return undefined;
      const real = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'real' });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      contents: `let w;\nexport default function stringWidth(s, o) {\n  w ??= require(${JSON.stringify(args.path)}).default;\n  return w(s, o);\n}\n`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { 'edge-profile': 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  // Minified: less source for V8 to parse at every start (measured: report on the sample −18% wall).
  // EP_NO_MINIFY=1 keeps the names, for readable CPU profiles (docs/performance.md).
  minify: process.env.EP_NO_MINIFY !== '1',
  legalComments: 'linked',
  banner: {
    // Some CommonJS dependencies call require(); give the ESM bundle one.
    js: "#!/usr/bin/env node\nimport { createRequire as __epCreateRequire } from 'node:module';\nconst require = __epCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
  plugins: [lazyStringWidth],
});
