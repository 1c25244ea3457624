// One locale's message catalogue, written by the Vite plugin in vite.config.ts.
declare module 'virtual:lvs-catalogue/*' {
  const messages: import('./catalogue.ts').Messages
  export default messages
}
