// Bundles the playground (gateway/src/playground/client) with GraphiQL, React and their styles into
// dist/playground/assets, served by the gateway itself (gateway/src/playground/routes.ts). The page's
// Content-Security-Policy allows only its own origin, so the fonts and images GraphiQL's stylesheet
// inlines as data: URLs are written out as files of their own, and the build fails if the bundle
// still points anywhere else.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const out = join(root, 'dist/playground');
const assets = join(out, 'assets');
/** Where the gateway serves the assets (PLAYGROUND_ASSETS_PATH in routes.ts). */
const publicPath = '/playground/assets';

const EXTENSIONS = { 'font/woff2': 'woff2', 'font/woff': 'woff', 'image/png': 'png', 'image/svg+xml': 'svg', 'image/gif': 'gif' };

/** Writes each data: URL of the stylesheet as a file named by its content, and points the stylesheet at it. */
function externaliseDataUrls(css) {
  return css.replace(/url\((["']?)data:([^;,]+)(;base64)?,([^"')]*)\1\)/g, (_match, _quote, mediaType, base64, data) => {
    const extension = EXTENSIONS[mediaType];
    if (!extension) throw new Error(`The playground stylesheet inlines a ${mediaType} the build does not know how to write out.`);
    const bytes = base64 ? Buffer.from(data, 'base64') : Buffer.from(decodeURIComponent(data));
    const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${extension}`;
    writeFileSync(join(assets, name), bytes);
    return `url(${publicPath}/${name})`;
  });
}

/** Fails the build on anything in the bundle that would make the browser ask another origin. */
function assertSelfContained(name, text) {
  const foreign = [
    /@import\s/,
    /url\((["']?)(?!\/playground\/assets\/)/,
    /\/\/(unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|fonts\.googleapis\.com|fonts\.gstatic\.com|[\w.-]*apollographql\.com)/,
  ];
  for (const pattern of foreign) {
    const match = pattern.exec(text);
    if (match) throw new Error(`${name} reaches outside the gateway's origin: ${text.slice(match.index, match.index + 80)}`);
  }
}

// dist/playground also holds the compiled routes.ts: only the bundle is replaced.
rmSync(assets, { recursive: true, force: true });
mkdirSync(assets, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { playground: 'src/playground/client/main.tsx' },
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'linked',
  entryNames: '[name]-[hash]',
  outdir: assets,
  metafile: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});

const manifest = {};
for (const output of Object.keys(result.metafile.outputs)) {
  const file = join(root, output);
  const name = basename(file);
  if (name.endsWith('.css')) {
    const css = externaliseDataUrls(readFileSync(file, 'utf8'));
    assertSelfContained(name, css);
    writeFileSync(file, css);
    manifest.stylesheet = `${publicPath}/${name}`;
  } else if (name.endsWith('.js')) {
    assertSelfContained(name, readFileSync(file, 'utf8').replace(/url\(/g, 'url_('));
    manifest.script = `${publicPath}/${name}`;
  }
}
if (!manifest.script || !manifest.stylesheet) throw new Error('The playground bundle has no script or no stylesheet.');
writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
