import { defineConfig, type Plugin } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * The built page's Content-Security-Policy: everything from the page's own origin, nothing from
 * anywhere else, in the page and in DuckDB's worker. 'wasm-unsafe-eval' lets DuckDB compile its wasm; blob: images serve the PNG export;
 * inline styles are Plot's and Svelte's style attributes. Only in the build: the dev server injects
 * styles and scripts of its own.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  // The DuckDB worker starts from a blob: URL of our own script, so that it inherits this policy.
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

// Relative base: the built site works from any static host and any sub-path.
export default defineConfig({
  base: './',
  // Svelte 5 reads TypeScript in components itself: no preprocessor, runes everywhere.
  plugins: [svelte({ configFile: false, compilerOptions: { runes: true } }), contentSecurityPolicy()],
  build: {
    target: 'es2022',
    // The DuckDB wasm files are ~35 MB; they are fetched on demand, never inlined.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // A non-UTC zone makes date bugs show up (STYLE.md convention 4).
    env: { TZ: 'America/Los_Angeles' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
