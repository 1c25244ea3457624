// Presenter mode's settings: on or off (a toggle, or `?present=1` in the address), the terminal
// type size the presenter chose, the high-contrast theme, slow motion, "freeze and ask", the
// spotlight, and which hosts the side-by-side terminal panes show. Kept in localStorage so a
// teacher sets the room up once; the address only turns the mode on.

/** The terminal's type size outside presenter mode (xterm's fontSize, px). */
export const NORMAL_FONT = 14
/** Presenter sizes the presenter may pick: from twice the normal size up. */
export const PRESENT_FONT = { min: 28, max: 56, step: 4, initial: 28 } as const
/** Slow motion: the picture's speed while it is on (a fraction of the normal pace). */
export const SLOW_SPEED = 0.25
export const MAX_PANES = 3

type Store = Pick<Storage, 'getItem' | 'setItem'>
type Toggle = 'contrast' | 'slow' | 'freeze' | 'spotlight' | 'panels'

const KEY = 'lvs-lab.present'

interface Saved {
  font: number
  contrast: boolean
  slow: boolean
  freeze: boolean
  spotlight: boolean
  panes: number
  /** The packet inspector and the event log stand beside the picture (off: the picture takes the width). */
  panels: boolean
}

const DEFAULTS: Saved = { font: PRESENT_FONT.initial, contrast: true, slow: false, freeze: false, spotlight: true, panes: 2, panels: false }

function clampFont(n: number): number {
  if (!Number.isFinite(n)) return PRESENT_FONT.initial
  return Math.min(PRESENT_FONT.max, Math.max(PRESENT_FONT.min, Math.round(n)))
}

function read(store: Store | null): Saved {
  try {
    const raw: unknown = JSON.parse(store?.getItem(KEY) ?? 'null')
    if (!raw || typeof raw !== 'object') return { ...DEFAULTS }
    const r = raw as Partial<Record<keyof Saved, unknown>>
    const bool = (k: Toggle): boolean => (typeof r[k] === 'boolean' ? r[k] : DEFAULTS[k])
    const panes = typeof r.panes === 'number' && r.panes >= 1 && r.panes <= MAX_PANES ? Math.round(r.panes) : DEFAULTS.panes
    return { font: typeof r.font === 'number' ? clampFont(r.font) : DEFAULTS.font, contrast: bool('contrast'), slow: bool('slow'), freeze: bool('freeze'), spotlight: bool('spotlight'), panes, panels: bool('panels') }
  } catch {
    return { ...DEFAULTS }
  }
}

export class Presenter {
  on = $state(false)
  font = $state<number>(PRESENT_FONT.initial)
  contrast = $state(true)
  slow = $state(false)
  freeze = $state(false)
  spotlight = $state(true)
  /** How many terminals stand side by side. */
  panes = $state(2)
  panels = $state(false)
  /** The shortcut list is open. */
  help = $state(false)

  constructor(
    private readonly store: Store | null = globalThis.localStorage ?? null,
    search: string = globalThis.location?.search ?? '',
  ) {
    const s = read(store)
    this.font = s.font
    this.contrast = s.contrast
    this.slow = s.slow
    this.freeze = s.freeze
    this.spotlight = s.spotlight
    this.panes = s.panes
    this.panels = s.panels
    this.on = new URLSearchParams(search).get('present') === '1'
  }

  /** The terminal's type size now. */
  get fontSize(): number {
    return this.on ? this.font : NORMAL_FONT
  }

  toggle(): void {
    this.on = !this.on
  }

  setFont(n: number): void {
    this.font = clampFont(n)
    this.save()
  }

  bigger(): void {
    this.setFont(this.font + PRESENT_FONT.step)
  }

  smaller(): void {
    this.setFont(this.font - PRESENT_FONT.step)
  }

  /** How much the picture is enlarged: as much as the terminal type (twice at the first presenter size). */
  get pictureScale(): number {
    return this.on ? this.font / NORMAL_FONT : 1
  }

  set(key: Toggle, value: boolean): void {
    this[key] = value
    this.save()
  }

  setPanes(n: number): void {
    this.panes = Math.min(MAX_PANES, Math.max(1, Math.round(n)))
    this.save()
  }

  private save(): void {
    const s: Saved = { font: this.font, contrast: this.contrast, slow: this.slow, freeze: this.freeze, spotlight: this.spotlight, panes: this.panes, panels: this.panels }
    try {
      this.store?.setItem(KEY, JSON.stringify(s))
    } catch {
      // A full or blocked storage keeps the settings for this page only.
    }
  }
}
