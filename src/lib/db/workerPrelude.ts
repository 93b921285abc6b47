// The first line of DuckDB's worker script, which the page starts from a blob: URL (db/browser.ts).

/**
 * Runs in the worker before DuckDB's own script. Where TransformStream exists, DuckDB pipes the wasm
 * download through one to report its progress and compiles a Response built from that stream. Such a
 * Response has no URL, so the browser never caches the compiled code: every visit compiled the 34 MB
 * again and ran it unoptimised at first. Without TransformStream, DuckDB compiles the fetch's own
 * Response, and a second visit takes the code the first optimised from the browser's cache (Chromium:
 * the engine ready 3.2-3.6 s after the page opened instead of 4.2-4.7 s, its warm-up done 4.7-6.5 s
 * instead of 7.6-8.5 s). The page asks for no progress; nothing else in the worker uses TransformStream
 * (DuckDB then warns once in the console that it instantiates without a progress handler). DuckDB's
 * script starts with "use strict", which holds only as a script's first statement: the prelude says
 * it first, on the same line, so that the script stays strict and its line numbers stay the same.
 */
export const WORKER_PRELUDE = '"use strict";try{delete self.TransformStream}catch{}';
