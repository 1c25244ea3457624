// date: the virtual wall clock in `date`'s default format (CST, the lab's time zone).

import type { CommandDef } from '../types.ts'

export const date: CommandDef = {
  name: 'date',
  path: '/usr/bin/date',
  summary: 'print the system date and time',
  run(ctx) {
    const d = new Date((ctx.host.wall() + 8 * 3600) * 1000)
    const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
    const p = (n: number) => String(n).padStart(2, '0')
    ctx.out(`${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} CST ${d.getUTCFullYear()}\n`)
    return 0
  },
}
