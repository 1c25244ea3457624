// `lvs-lab`: the engine headless. `lvs-lab run --lab nat [--script FILE] [--seed N]` reads commands
// (stdin by default) and prints the session; `lvs-lab labs` lists the labs; `lvs-lab trace` prints
// the packet trace of a script's run as tcpdump-style lines.

import { readFileSync } from 'node:fs'
import { Lab } from '../lab/lab.ts'
import { LABS } from '../lab/labs/index.ts'
import { formatFrame } from '../net/format.ts'
import { runGrade } from './grade.ts'
import { runLessons, runLessonValidate } from './lessons.ts'
import { runTranscript } from './transcript.ts'

function usage(): never {
  process.stderr.write('usage: lvs-lab run --lab ID [--script FILE] [--seed N]\n       lvs-lab trace --lab ID [--script FILE]\n       lvs-lab labs\n       lvs-lab lessons [--lang L]\n       lvs-lab lesson validate [DIR]\n       lvs-lab grade --lesson ID [--json | --csv] [--junit FILE] [--lang L] FILE|DIR...\n')
  process.exit(2)
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

const [verb, ...args] = process.argv.slice(2)
const io = { out: (t: string) => process.stdout.write(t), err: (t: string) => process.stderr.write(t) }
if (verb === 'grade') process.exit(runGrade(args, io))
if (verb === 'lessons') process.exit(runLessons(args, io))
if (verb === 'lesson' && args[0] === 'validate') process.exit(runLessonValidate(args.slice(1), io))
if (verb === 'labs') {
  for (const l of Object.values(LABS)) process.stdout.write(`${l.id.padEnd(12)}${l.title}\n`)
  process.exit(0)
}
if (verb !== 'run' && verb !== 'trace') usage()
const id = option(args, '--lab') ?? usage()
if (!LABS[id]) {
  process.stderr.write(`lvs-lab: unknown lab '${id}' (try: ${Object.keys(LABS).join(', ')})\n`)
  process.exit(2)
}
const file = option(args, '--script')
const script = readFileSync(file && file !== '-' ? file : 0, 'utf8')
const lab = Lab.create(id, Number(option(args, '--seed') ?? 1))
const { text, failures } = runTranscript(lab, script)
if (verb === 'run') process.stdout.write(text)
else {
  for (const r of lab.engine.trace.since(0)) {
    const t = (r.t / 1e6).toFixed(6)
    if (r.type === 'wire') process.stdout.write(`${t} ${r.segment} ${r.fromHost}.${r.fromIface} ${formatFrame(r.frame, true)}\n`)
    else if (r.type === 'sched') process.stdout.write(`${t} ${r.host} SCHED ${r.decision.svc} -> ${r.decision.chosen ?? 'none'}: ${r.decision.rule.text}\n`)
    else if (r.type !== 'deliver') process.stdout.write(`${t} ${r.host} ${r.type.toUpperCase()} ${r.reason.text}\n`)
  }
}
process.exit(failures ? 1 : 0)
