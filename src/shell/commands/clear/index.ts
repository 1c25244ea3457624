// clear: erase the screen and scrollback (the sequence ncurses' clear writes for xterm).

import type { CommandDef } from '../types.ts'

export const clear: CommandDef = {
  name: 'clear',
  path: '/usr/bin/clear',
  summary: 'clear the terminal screen',
  run(ctx) {
    ctx.out('\x1b[H\x1b[2J\x1b[3J')
    return 0
  },
}
