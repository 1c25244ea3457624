// The keyboard around the terminals. A terminal takes every key, Tab included (bash completes
// with it), so a keyboard user needs a way out: Esc, then Tab or Shift+Tab, moves focus on as
// the browser would, as VS Code's tab-trapping toggle does. The Esc itself still reaches the
// shell (vim needs it at once); any other key after it cancels the way out.
// Also the on-screen key row's keys as a terminal sends them, and where each host's terminal
// takes keys typed for it.

export interface KeyLike {
  type: string
  key: string
  shiftKey?: boolean
  ctrlKey?: boolean
  altKey?: boolean
  metaKey?: boolean
}

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock'])

export class TerminalEscape {
  /** Esc was the last key: a Tab now leaves the terminal. */
  armed = false

  /**
   * xterm's custom key handler: true lets the terminal take the event, false leaves it to the
   * browser (the Tab after an Esc then moves focus to the next control).
   */
  handle(e: KeyLike): boolean {
    if (e.type !== 'keydown') return true
    if (MODIFIERS.has(e.key)) return true
    if (e.key === 'Tab' && this.armed && !e.ctrlKey && !e.altKey && !e.metaKey) {
      this.armed = false
      return false
    }
    this.armed = e.key === 'Escape' && !e.ctrlKey && !e.altKey && !e.metaKey
    return true
  }
}

export const ROW_KEYS = ['Tab', 'Ctrl-C', 'Esc', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Ctrl-D'] as const
export type RowKey = (typeof ROW_KEYS)[number]

/** The bytes a terminal sends for a key; arrows follow the application cursor mode (vim, less set it). */
export function keySequence(key: RowKey, applicationCursor: boolean): string {
  const arrow = (c: string): string => (applicationCursor ? `\x1bO${c}` : `\x1b[${c}`)
  switch (key) {
    case 'Tab':
      return '\t'
    case 'Ctrl-C':
      return '\x03'
    case 'Ctrl-D':
      return '\x04'
    case 'Esc':
      return '\x1b'
    case 'ArrowUp':
      return arrow('A')
    case 'ArrowDown':
      return arrow('B')
    case 'ArrowRight':
      return arrow('C')
    case 'ArrowLeft':
      return arrow('D')
  }
}

/** Each mounted terminal's way to take a key as if typed on it. */
const targets = new Map<string, (key: RowKey) => void>()

export function keyTarget(host: string, press: (key: RowKey) => void): () => void {
  targets.set(host, press)
  return () => {
    if (targets.get(host) === press) targets.delete(host)
  }
}

export function pressKey(host: string, key: RowKey): boolean {
  const press = targets.get(host)
  press?.(key)
  return press !== undefined
}
