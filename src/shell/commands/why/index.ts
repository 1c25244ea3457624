// why: not a Linux command. LVS Lab's explainer: the last packets this host (or any host with -a)
// dropped or had rewritten, each with the rule that decided, read from the trace.

import { formatFrame } from '../../../net/format.ts'
import type { CommandDef } from '../types.ts'

export const why: CommandDef = {
  name: 'why',
  path: '/usr/local/bin/why',
  summary: 'LVS Lab: explain the last drops and rewrites (-a: every host)',
  completions: ['-a'],
  run(ctx) {
    const all = ctx.argv.includes('-a')
    const n = Number(ctx.argv.find((a) => /^\d+$/.test(a)) ?? 10)
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
