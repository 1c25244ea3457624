// Whether the terminals run in xterm.js's screen-reader mode (an accessible text tree of the
// screen, announced as output arrives). Off by default, as xterm has it, since it costs speed;
// kept in localStorage once a reader turns it on.

const KEY = 'lvs-lab.screen-reader'

export class ScreenReaderSetting {
  on = $state(false)

  constructor(private readonly store: Pick<Storage, 'getItem' | 'setItem'> | null = globalThis.localStorage ?? null) {
    this.on = store?.getItem(KEY) === '1'
  }

  set(on: boolean): void {
    this.on = on
    try {
      this.store?.setItem(KEY, on ? '1' : '0')
    } catch {
      // A blocked storage keeps the choice for this page only.
    }
  }
}
