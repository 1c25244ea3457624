// The command manifest Vite writes at build time from the registry (vite.config.ts).
declare module 'virtual:lvs-commands' {
  export const manifest: [string, import('../../shell/commands/manifest.ts').CommandMeta][]
}
