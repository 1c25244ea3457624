// The page's keyboard shortcuts, for a presenter at the front of a room: Space plays or pauses
// the picture, ←/→ step it, F turns presenter mode on or off, ? lists the shortcuts, + and −
// size the terminal type. None of them fires where a key means something else: in a terminal
// (Space is a space there), in a text field or a select, with Ctrl/Alt/Meta held, and Space
// and the arrows leave a focused button, range or link to do their own job.

export type Shortcut = 'playPause' | 'back' | 'forward' | 'present' | 'help' | 'bigger' | 'smaller'

export interface ShortcutKey {
  key: string
  ctrlKey: boolean
  altKey: boolean
  metaKey: boolean
}

/** What the focused element is, as far as shortcuts care. */
export type FocusKind = 'terminal' | 'text' | 'control' | 'none'

export function focusKind(el: Element | null): FocusKind {
  if (!el || el === document.body || el === document.documentElement) return 'none'
  if (el.closest('.xterm')) return 'terminal'
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el as HTMLElement).isContentEditable) return 'text'
  if (el instanceof HTMLInputElement) return el.type === 'range' || el.type === 'checkbox' || el.type === 'radio' || el.type === 'button' ? 'control' : 'text'
  if (el.closest('button, a[href], summary, [role="button"], [role="tab"], [role="slider"]')) return 'control'
  return 'none'
}

export function shortcutFor(e: ShortcutKey, focus: FocusKind): Shortcut | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null
  if (focus === 'terminal' || focus === 'text') return null
  switch (e.key) {
    case 'f':
    case 'F':
      return 'present'
    case '?':
      return 'help'
    case '+':
    case '=':
      return 'bigger'
    case '-':
    case '_':
      return 'smaller'
  }
  if (focus === 'control') return null
  switch (e.key) {
    case ' ':
      return 'playPause'
    case 'ArrowLeft':
      return 'back'
    case 'ArrowRight':
      return 'forward'
  }
  return null
}

/** The list the ? key opens: keys and what they do, as message keys. */
export const SHORTCUT_LIST = [
  { keys: ['Space'], what: 'shortcuts.space' },
  { keys: ['←'], what: 'shortcuts.left' },
  { keys: ['→'], what: 'shortcuts.right' },
  { keys: ['F'], what: 'shortcuts.f' },
  { keys: ['+', '−'], what: 'shortcuts.plusminus' },
  { keys: ['?'], what: 'shortcuts.help' },
] as const
