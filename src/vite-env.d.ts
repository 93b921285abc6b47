/// <reference types="svelte" />
/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Set by `npm start` (mode "sample"): open on the built-in sample data. */
  readonly VITE_AUTOLOAD_SAMPLE?: string;
}
