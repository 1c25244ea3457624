/// <reference types="svelte" />
/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The one lesson of a `lvs-lab build --lesson ID` build, which the page opens. */
  readonly VITE_LVS_LESSON?: string
}
