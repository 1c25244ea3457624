// Each lab's hosts and first terminal, written by Vite at build time from the labs' table (vite.config.ts).
declare module 'virtual:lvs-labs' {
  export const LAB_HOSTS: Readonly<Record<string, { start: string; hosts: import('../present/panes.ts').PaneHost[] }>>
}
