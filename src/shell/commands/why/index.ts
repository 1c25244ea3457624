// why: not a Linux command. LVS Lab's explainer: the last packets this host (or any host with -a)
// dropped or had rewritten, each with the rule that decided, read from the trace. Its options are
// declared as a GNU tool's are, so --help, --version and the usage errors read like one.

import { formatFrame } from '../../../net/format.ts'
import { defineArgs, parseArgs, usageError } from '../../args/index.ts'
import type { CommandDef } from '../types.ts'

const ARGS = defineArgs({
  usageStatus: 1,
  options: {
    all: { short: 'a', long: 'all', help: "every host's records, not only this host's" },
  },
  help: {
    usage: ['Usage: %s [OPTION]... [N]'],
    intro:
      "Explain the last N (default 10) packets this host dropped or had rewritten,\nand the scheduling choices its IPVS made, each with the rule that decided, as\nthe lab's packet trace recorded them.\n\n",
    column: 17,
    standardAligned: true,
    outro: "\nwhy is LVS Lab's own command; a real Linux host does not have it.\n",
  },
  version: 'why (LVS Lab) 0.1.0\n',
})

export const why: CommandDef = {
  name: 'why',
  path: '/usr/local/bin/why',
  summary: 'LVS Lab: explain the last drops and rewrites (-a: every host)',
  args: ARGS,
  run(ctx) {
    const a = parseArgs(ctx, ARGS)
    if (typeof a === 'number') return a
    if (a.operands.length > 1) return usageError(ctx, ARGS, `extra operand '${a.operands[1]}'`)
    const count = a.operands[0] ?? '10'
    if (!/^\d+$/.test(count)) return usageError(ctx, ARGS, `invalid number of records: '${count}'`)
    const all = a.opts.all
    const n = Number(count)
    const trace = ctx.engine.trace
    if (!trace.enabled) {
      ctx.out('why: packet tracing is off (turn it on in the lab to record reasons)\n')
      return 1
    }
    const records = trace.since(0).filter((r) => (r.type === 'drop' || r.type === 'note' || r.type === 'internal' || r.type === 'rewrite' || r.type === 'sched') && (all || r.host === ctx.host.hostname))
    if (!records.length) {
      ctx.out(`why: nothing was dropped or rewritten${all ? '' : ` on ${ctx.host.hostname}`} so far\n`)
      return 0
    }
    for (const r of records.slice(-n)) {
      const t = (r.t / 1e6).toFixed(6)
      if (r.type === 'drop') {
        const what = r.packet.kind === 'eth' ? formatFrame(r.packet) : formatFrame({ kind: 'eth', src: '', dst: '', payload: r.packet })
        ctx.out(`${t} DROP    ${r.reason.text}\n         ${what}\n`)
      } else if (r.type === 'rewrite') ctx.out(`${t} REWRITE ${r.reason.text}\n`)
      else if (r.type === 'sched') ctx.out(`${t} SCHED   ${r.decision.svc} -> ${r.decision.chosen ?? 'none'}: ${r.decision.rule.text}\n`)
      else if (r.type === 'note') ctx.out(`${t} NOTE    ${r.reason.text}\n`)
      else if (r.type === 'internal') ctx.out(`${t} INTERNAL ${r.reason.text}\n`)
    }
    return 0
  },
}
