// watch (procps-ng): run a command every N seconds full-screen, with the `Every 1.0s: cmd` header
// and `host: date` at the right edge, until Ctrl-C, which leaves silently.

import { ctimeDate } from '../../../host/clock.ts'
import { SECOND } from '../../../sim/engine.ts'
import { Interrupt, wait, type Proc } from '../../../sim/task.ts'
import type { CommandContext, CommandDef } from '../types.ts'

function* run(ctx: CommandContext): Proc<number> {
  let interval = 2
  const args = ctx.argv.slice(1)
  let i = 0
  let noTitle = false
  for (; i < args.length; i++) {
    const a = args[i]
    if (a === '-n' || a === '--interval') interval = Number(args[++i])
    else if (a.startsWith('-n')) interval = Number(a.slice(2))
    else if (a.startsWith('--interval=')) interval = Number(a.slice(11))
    else if (a === '-t' || a === '--no-title') noTitle = true
    else if (a === '-d' || a === '--differences') continue
    else break
  }
  const command = args.slice(i).join(' ')
  if (!command) {
    ctx.err('\nUsage:\n watch [options] command\n')
    return 1
  }
  if (!(interval >= 0.1)) interval = 0.1
  const term = ctx.term
  const cols = term?.cols ?? 80
  if (term) ctx.out('\x1b[?1049h\x1b[?25l')
  try {
    for (;;) {
      let output = ''
      yield* ctx.run(command, { out: (t) => (output += t), err: (t) => (output += t) })
      const left = `Every ${interval.toFixed(1)}s: ${command}`
      const right = `${ctx.host.hostname.toLowerCase()}: ${ctimeDate(ctx.host.wall())}`
      const header = noTitle ? '' : left.length + right.length + 1 > cols ? `${left}\n` : `${left}${' '.repeat(cols - left.length - right.length)}${right}\n\n`
      const lines = output.split('\n').slice(0, (term?.rows ?? 24) - 3)
      ctx.out(`\x1b[H\x1b[2J${header}${lines.join('\r\n')}`)
      if (!term) return 0
      yield* wait(ctx.sleep(Math.round(interval * SECOND)))
    }
  } catch (e) {
    if (!(e instanceof Interrupt)) throw e
    return 0
  } finally {
    if (term) ctx.out('\x1b[?25h\x1b[?1049l')
  }
}

export const watch: CommandDef = {
  name: 'watch',
  path: '/usr/bin/watch',
  summary: 'execute a program periodically, showing output fullscreen',
  completions: ['-n'],
  run,
}
