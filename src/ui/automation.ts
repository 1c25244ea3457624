// window.lvsLab: the page's automation surface for teachers' scripts and tests.

import type { LabState } from './state/lab.svelte.ts'

export interface LvsLabAutomation {
  labs(): Promise<{ id: string; title: string }[]>
  load(id: string): Promise<void>
  run(host: string, command: string): Promise<{ stdout: string; exitCode: number }>
  trace(): Promise<unknown[]>
  /** The visible text of a host's terminal (scrollback included). */
  terminal(host: string): string
}

export function installAutomation(lab: LabState): void {
  const api: LvsLabAutomation = {
    labs: () => lab.api.labs(),
    load: (id) => lab.load(id),
    run: (host, command) => lab.api.run(host, command),
    trace: () => lab.api.trace(0),
    terminal: (host) => (window as unknown as { __lvsTerminals?: Record<string, () => string> }).__lvsTerminals?.[host]?.() ?? '',
  }
  ;(window as unknown as { lvsLab: LvsLabAutomation }).lvsLab = api
}
