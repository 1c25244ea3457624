// wc: newline, word and byte counts, right-aligned to the widest as GNU prints them.

import { byteLength } from '../../../net/packet.ts'
import type { CommandDef } from '../types.ts'
import { flagsAndOperands, readInputs } from '../files.ts'

export const wc: CommandDef = {
  name: 'wc',
  path: '/usr/bin/wc',
  summary: 'print newline, word, and byte counts',
  *run(ctx) {
    const { flags, operands } = flagsAndOperands(ctx.argv.slice(1))
    const pick = ['l', 'w', 'c'].filter((f) => flags.has(f) || flags.has({ l: 'lines', w: 'words', c: 'bytes' }[f]!))
    const show = pick.length ? pick : ['l', 'w', 'c']
    const { texts, status } = yield* readInputs(ctx, 'wc', operands)
    const rows = texts.map((t) => ({ name: t.name === '-' ? '' : t.name, l: (t.text.match(/\n/g) ?? []).length, w: t.text.split(/\s+/).filter(Boolean).length, c: byteLength(t.text) }))
    if (rows.length > 1) rows.push({ name: 'total', l: rows.reduce((s, r) => s + r.l, 0), w: rows.reduce((s, r) => s + r.w, 0), c: rows.reduce((s, r) => s + r.c, 0) })
    const width = show.length === 1 && rows.length === 1 ? 0 : Math.max(...rows.flatMap((r) => show.map((k) => String(r[k as 'l']).length)))
    for (const r of rows) ctx.out(show.map((k) => String(r[k as 'l']).padStart(width)).join(' ') + (r.name ? ` ${r.name}` : '') + '\n')
    return status
  },
}
