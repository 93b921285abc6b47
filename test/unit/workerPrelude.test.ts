// The line put before DuckDB's worker script (db/workerPrelude.ts), run in a fresh V8 context in
// front of a script shaped as DuckDB's begins: it takes TransformStream away and leaves the script strict.
import { readFileSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { WORKER_PRELUDE } from '../../src/lib/db/workerPrelude';

/** Runs `script` after the prelude in a context whose global has a TransformStream, as a worker's has. */
function runAfterPrelude(script: string): { result: unknown } {
  const global: Record<string, unknown> = { TransformStream: class {} };
  global.self = global;
  return { result: runInContext(WORKER_PRELUDE + script, createContext(global)) };
}

describe('the DuckDB worker prelude', () => {
  test('TransformStream is gone before the script runs, as DuckDB tests it', () => {
    const { result } = runAfterPrelude('"use strict";typeof TransformStream');
    expect(result).toBe('undefined');
    // Without the prelude the same test finds it (the context is a fair stand-in).
    const global = createContext({ TransformStream: class {} });
    expect(runInContext('"use strict";typeof TransformStream', global)).toBe('function');
  });

  test('the script after it stays strict: a function called bare has no this', () => {
    expect(runAfterPrelude('"use strict";(function () { return this; })()').result).toBeUndefined();
    // A prelude without its own directive would have turned the script sloppy.
    const sloppy = createContext({});
    expect(runInContext('void 0;"use strict";(function () { return this; })()', sloppy)).toBeDefined();
  });

  test('it is one line, so the worker script keeps its line numbers', () => {
    expect(WORKER_PRELUDE).not.toMatch(/\n/);
  });

  test('DuckDB workers begin with "use strict" and test TransformStream once, where they compile the wasm', () => {
    for (const bundle of ['eh', 'mvp']) {
      const script = readFileSync(`node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser-${bundle}.worker.js`, 'utf8');
      expect(script.startsWith('"use strict";')).toBe(true);
      expect(script.match(/typeof TransformStream/g)).toHaveLength(1);
      expect(script.match(/TransformStream/g)).toHaveLength(2);
      expect(script.indexOf('typeof TransformStream')).toBeGreaterThan(script.indexOf('instantiateStreaming'));
    }
  });
});
