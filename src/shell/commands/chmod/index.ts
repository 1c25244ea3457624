// chmod: octal modes (and u/g/o=rwx forms for the common cases), GNU messages.

import type { CommandDef } from '../types.ts'
import { abs } from '../files.ts'

export const chmod: CommandDef = {
  name: 'chmod',
  path: '/usr/bin/chmod',
  summary: 'change file mode bits',
  run(ctx) {
    const [mode, ...files] = ctx.argv.slice(1).filter((a) => a !== '-R')
    if (!mode || !files.length) {
      ctx.err(`chmod: missing operand${mode ? ` after '${mode}'` : ''}\nTry 'chmod --help' for more information.\n`)
      return 1
    }
    let status = 0
    for (const f of files) {
      const path = abs(ctx, f)
      const node = ctx.host.fs.stat(path)
      if (!node) {
        ctx.err(`chmod: cannot access '${f}': No such file or directory\n`)
        status = 1
        continue
      }
      let next = node.mode
      if (/^[0-7]{1,4}$/.test(mode)) next = parseInt(mode, 8)
      else {
        for (const clause of mode.split(',')) {
          const m = /^([ugoa]*)([-+=])([rwx]*)$/.exec(clause)
          if (!m) {
            ctx.err(`chmod: invalid mode: '${mode}'\nTry 'chmod --help' for more information.\n`)
            return 1
          }
          const who = m[1] || 'a'
          let bits = 0
          for (const p of m[3]) bits |= p === 'r' ? 4 : p === 'w' ? 2 : 1
          let mask = 0
          if (who.includes('u') || who.includes('a')) mask |= bits << 6
          if (who.includes('g') || who.includes('a')) mask |= bits << 3
          if (who.includes('o') || who.includes('a')) mask |= bits
          if (m[2] === '+') next |= mask
          else if (m[2] === '-') next &= ~mask
          else next = mask
        }
      }
      ctx.host.fs.chmod(path, next)
    }
    return status
  },
}
