// The page's layout: wide (the lesson, the terminals and the picture side by side) or narrow
// (phones and portrait tablets up to NARROW_MAX px: one view at a time behind tabs), and the view
// in front when narrow.

export const NARROW_MAX = 900
export const VIEWS = ['terminal', 'picture', 'lesson', 'log'] as const
export type View = (typeof VIEWS)[number]

function query(q: string, onchange: (matches: boolean) => void): boolean {
  const m = globalThis.matchMedia?.(q)
  m?.addEventListener('change', (e) => onchange(e.matches))
  return m?.matches ?? false
}

export class Layout {
  narrow = $state(false)
  view = $state<View>('terminal')

  constructor() {
    this.narrow = query(`(max-width: ${NARROW_MAX}px)`, (m) => (this.narrow = m))
  }
}
