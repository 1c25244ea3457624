// The request loops the speed figures time, each a setup (a lab ready to serve, warmed up by
// WARMUP requests) and the loop itself, so `npm run bench` times them and bench/instructions.ts
// counts their instructions on exactly the same work: a learner's curl loop as `lvs-lab run`
// runs it, the same loop typed into a shell (`> /dev/null`), and requests at the socket level.

import { readFileSync } from 'node:fs'
import { runTranscript } from '../src/cli/transcript.ts'
import { Lab } from '../src/lab/lab.ts'
import { workingNat } from '../tests/unit/helpers.ts'
import { httpRate, WARMUP } from './http.ts'

export interface Loop {
  /** Runs `n` requests; the check it returns (called after any timing) throws if one failed. */
  run(n: number): () => void
}

const VIP = '172.25.254.200'

/**
 * What `lvs-lab run` does with a learner's loop: the lab booted with the trace off, the NAT
 * solution typed, and the loop's session text (every response body) built as the CLI prints it.
 */
export function cliLoop(): Loop {
  const lab = Lab.create('nat', { trace: false })
  runTranscript(lab, readFileSync('lessons/nat/solution.script', 'utf8') + '[root@RS1 ~]# systemctl start httpd\n[root@RS2 ~]# systemctl start httpd\n')
  runTranscript(lab, `[root@client ~]# for i in {1..${WARMUP}}; do curl -s ${VIP}; done\n`)
  return {
    run(n) {
      const { text } = runTranscript(lab, `[root@client ~]# for i in {1..${n}}; do curl -s ${VIP}; done\n`)
      return () => {
        if (text.split('\n').filter((l) => /^RS[12] - /.test(l)).length !== n) throw new Error('bench: the lvs-lab run loop did not get every response')
      }
    },
  }
}

/** `curl -s VIP > /dev/null` in a bash loop, as a learner would type it, with the trace off. */
export function shellLoop(): Loop {
  const lab = workingNat()
  lab.engine.trace.enabled = false
  lab.run('client', `for i in {1..${WARMUP}}; do curl -s ${VIP} > /dev/null; done`)
  return {
    run(n) {
      const r = lab.run('client', `for i in {1..${n}}; do curl -s ${VIP} > /dev/null; done`)
      return () => {
        if (r.exitCode !== 0) throw new Error(`bench requests failed: ${r.output}`)
      }
    },
  }
}

/** Connect, GET, read, close at the socket level (bench/http.ts), trace off; httpRate warms up and checks each response itself. */
export function socketLoop(): Loop {
  const lab = workingNat()
  return {
    run(n) {
      httpRate(false, lab, VIP, n)
      return () => {}
    },
  }
}
