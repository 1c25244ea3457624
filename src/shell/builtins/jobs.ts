// Job-control builtins (jobs.def, kill.def, wait.def, fg_bg.def): `jobs [-l|-p]`, `fg`, `bg`,
// `wait [%n|pid]`, `kill [-s SIG|-SIG|-l] %n|pid` over the session's job table and the host's
// process table, with bash 5.1's messages.

import { signalNumber } from '../../host/procs.ts'
import { builtinOptions } from './options.ts'
import { realSignalName, signalByName, signalTable } from './signals.ts'
import { race, wait as waitFor, type Proc } from '../../sim/task.ts'
import type { Io } from '../exec/io.ts'
import { stateText, type Job } from '../exec/jobs.ts'
import type { Shell } from '../interp.ts'

export function* jobs(sh: Shell, argv: string[], io: Io): Proc<number> {
  const table = sh.session.jobs
  const pids = argv.includes('-p')
  const long = argv.includes('-l')
  const specs = argv.slice(1).filter((a) => !a.startsWith('-'))
  const list: Job[] = []
  for (const spec of specs) {
    const j = table.find(spec)
    if (typeof j === 'string') {
      sh.error(io, `jobs: ${spec}: ${j}`)
      return 1
    }
    list.push(j)
  }
  for (const job of specs.length ? list : [...table.jobs]) {
    if (pids) io.out(`${job.pgid}\n`)
    else io.out(`${table.line(job, long)}\n`)
    if (job.state.kind === 'done') table.remove(job)
    else job.notify = false
  }
  return 0
}

function pick(sh: Shell, name: string, spec: string | undefined, io: Io): Job | null {
  const table = sh.session.jobs
  const j = spec === undefined ? (table.current() ?? 'current') : table.find(spec)
  if (typeof j === 'string') {
    sh.error(io, j === 'current' ? `${name}: current: no such job` : `${name}: ${spec}: ${j}`)
    return null
  }
  if (j.state.kind === 'done') {
    sh.error(io, `${name}: job has terminated`)
    table.remove(j)
    return null
  }
  return j
}

export function* fg(sh: Shell, argv: string[], io: Io): Proc<number> {
  const job = pick(sh, 'fg', argv[1], io)
  if (!job) return 1
  io.out(`${job.text}\n`)
  job.background = false
  job.notify = false
  sh.session.jobs.touch(job)
  job.signal(18)
  job.state = { kind: 'running' }
  return yield* sh.waitJob(job, io)
}

export function* bg(sh: Shell, argv: string[], io: Io): Proc<number> {
  const job = pick(sh, 'bg', argv[1], io)
  if (!job) return 1
  if (job.state.kind === 'running') {
    sh.error(io, `bg: job ${job.id} already in background`)
    return 0
  }
  job.background = true
  job.signal(18)
  job.state = { kind: 'running' }
  job.notify = false
  io.out(`[${job.id}]${sh.session.jobs.marker(job)} ${job.text} &\n`)
  return 0
}

/** A finished job's exit status: its own, or 128 plus the signal that ended or stopped it. */
function jobStatus(job: Job): number {
  return job.state.kind === 'done' ? (job.state.sig !== null ? 128 + job.state.sig : job.state.status) : job.state.kind === 'stopped' ? 128 + job.state.sig : 0
}

export function* wait(sh: Shell, argv: string[], io: Io): Proc<number> {
  const table = sh.session.jobs
  const parsed = builtinOptions(sh, io, argv, 'fnp:', 'wait [-fn] [-p var] [id ...]')
  if (typeof parsed === 'number') return parsed
  const specs = parsed.operands
  const pvar = parsed.seen.find((o) => o.letter === 'p')?.arg
  if (parsed.seen.some((o) => o.letter === 'n') && !specs.length) {
    // wait -n: the next job to end (one already ended and not yet waited for first); 127 if none.
    for (;;) {
      const done = table.jobs.find((j) => j.state.kind === 'done')
      if (done) {
        table.remove(done)
        if (pvar) sh.assign(pvar, String(done.pgid), io)
        return jobStatus(done)
      }
      const running = table.jobs.filter((j) => j.state.kind === 'running')
      if (!running.length) return 127
      yield* waitFor(race(running.map((j) => j.changed)))
    }
  }
  if (!specs.length) {
    for (;;) {
      const running = table.jobs.filter((j) => j.state.kind === 'running')
      if (!running.length) break
      yield* waitFor(race(running.map((j) => j.changed)))
    }
    for (const j of [...table.jobs]) if (j.state.kind === 'done') table.remove(j)
    return 0
  }
  let status = 0
  for (const spec of specs) {
    let job: Job | string
    if (/^\d+$/.test(spec)) {
      job = table.jobs.find((j) => j.pids.includes(Number(spec))) ?? 'not a child'
      if (typeof job === 'string') {
        sh.error(io, `wait: pid ${spec} is not a child of this shell`)
        status = 127
        continue
      }
    } else {
      job = table.find(spec)
      if (typeof job === 'string') {
        sh.error(io, `wait: ${spec}: ${job}`)
        status = 127
        continue
      }
    }
    while (job.state.kind === 'running') yield* waitFor(job.changed)
    status = jobStatus(job)
    if (job.state.kind === 'done') table.remove(job)
  }
  return status
}

/** `disown [%n]`: the shell forgets the job (it runs on, and is not hung up at logout). */
export function* disown(sh: Shell, argv: string[], io: Io): Proc<number> {
  const table = sh.session.jobs
  const specs = argv.slice(1).filter((a) => !a.startsWith('-'))
  if (argv.includes('-a')) {
    for (const j of [...table.jobs]) table.remove(j)
    return 0
  }
  for (const spec of specs.length ? specs : ['%+']) {
    const j = table.find(spec)
    if (typeof j === 'string') {
      sh.error(io, `disown: ${specs.length ? spec : 'current'}: no such job`)
      return 1
    }
    table.remove(j)
  }
  return 0
}

export function* kill(sh: Shell, argv: string[], io: Io): Proc<number> {
  let sig = 15
  let args = argv.slice(1)
  const usage = () => io.err('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n')
  if (!args.length) {
    usage()
    return 2
  }
  if (args[0] === '-l' || args[0] === '-L') {
    if (args.length > 1) {
      for (const a of args.slice(1)) {
        // A number above 128 is an exit status: the signal that ended the process.
        const n = /^\d+$/.test(a) ? (Number(a) > 128 ? Number(a) - 128 : Number(a)) : signalByName(a)
        const name = n === null ? null : realSignalName(n)
        if (n === null || name === null) {
          sh.error(io, `kill: ${a}: invalid signal specification`)
          return 1
        }
        io.out(/^\d+$/.test(a) ? `${name}\n` : `${n}\n`)
      }
      return 0
    }
    io.out(signalTable())
    return 0
  }
  if (args[0] === '-s' || args[0] === '-n') {
    const n = args[1] === undefined ? null : signalNumber(args[1])
    if (n === null) {
      sh.error(io, `kill: ${args[1] ?? ''}: invalid signal specification`)
      return 1
    }
    sig = n
    args = args.slice(2)
  } else if (/^-./.test(args[0]) && args[0] !== '--') {
    const n = signalNumber(args[0].slice(1))
    if (n === null) {
      sh.error(io, `kill: ${args[0].slice(1)}: invalid signal specification`)
      return 1
    }
    sig = n
    args = args.slice(1)
  }
  if (args[0] === '--') args = args.slice(1)
  if (!args.length) {
    usage()
    return 2
  }
  let status = 0
  for (const a of args) {
    if (a.startsWith('%')) {
      const job = sh.session.jobs.find(a)
      if (typeof job === 'string') {
        sh.error(io, `kill: ${a}: ${job}`)
        status = 1
        continue
      }
      if (job.state.kind === 'stopped' && (sig === 15 || sig === 1 || sig === 2)) job.signal(18)
      job.signal(sig)
      continue
    }
    if (!/^-?\d+$/.test(a)) {
      sh.error(io, `kill: ${a}: arguments must be process or job IDs`)
      status = 1
      continue
    }
    const proc = sh.host.procs.get(Number(a))
    if (!proc) {
      sh.error(io, `kill: (${a}) - No such process`)
      status = 1
      continue
    }
    if (proc.pid === 1 || proc.kernel) continue
    proc.signal?.(sig)
  }
  // The signals land at this instant; let them, so the next prompt reports the jobs they ended.
  yield* waitFor(sh.sleep(0))
  return status
}

export { stateText }
