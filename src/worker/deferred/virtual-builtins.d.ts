// The builtins' names Vite writes at build time from the shell's table (vite.config.ts).
declare module 'virtual:lvs-builtins' {
  export const builtinNames: string[]
  export const specialBuiltins: string[]
}
