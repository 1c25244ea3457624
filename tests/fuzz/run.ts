// `npm run fuzz`: the fuzz properties of property.ts over 100,000 generated cases (FUZZ_RUNS to
// change, FUZZ_SEED to reproduce): most are command lines run in a lab, one in five are
// keystrokes typed into the worker's terminals and replayed, one in fifty a session of
// file-changing commands ending in df, du, ls -l, stat or free, replayed (replay-files.ts). Every case runs (a finding does not
// stop the run); prints progress, the slowest case, and each distinct finding once with its
// first example and how often it came; exits 1 if there was one.

import fc from 'fast-check'
import { check, checkTerminal, fuzzCase, terminalCase } from './property.ts'
import { checkFilesReplay, filesCase } from './replay-files.ts'

const runs = Number(process.env.FUZZ_RUNS ?? 100_000)
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
/** A case slower than this counts as a hang, whatever its budget says. */
const HANG_MS = 10_000

/** What a finding is about, without the line that happened to trigger it. */
function kind(problem: string): string {
  const m = /(printed "[^"]*"|showed "[^"]*"|threw [^\n]*|internal record: [^(]*\([^)]*\)|replay \w+|took)/.exec(problem)
  return (m ? m[1] : problem).replace(/\d+/g, 'N').slice(0, 160)
}

const findings = new Map<string, { count: number; problem: string; c: unknown }>()
let done = 0
let slowest = { ms: 0, c: null as unknown }
const started = performance.now()
console.log(`fuzz: ${runs} cases, seed ${seed}`)

function fuzz<T>(arbitrary: fc.Arbitrary<T>, property: (c: T) => string | null, numRuns: number): void {
  fc.check(
    fc.property(arbitrary, (c) => {
      const t0 = performance.now()
      let problem = property(c)
      const ms = performance.now() - t0
      if (ms > slowest.ms) slowest = { ms, c }
      if (!problem && ms > HANG_MS) problem = `took ${ms.toFixed(0)} ms`
      if (problem) {
        const k = kind(problem)
        const f = findings.get(k)
        if (f) f.count++
        else {
          findings.set(k, { count: 1, problem, c })
          console.log(`fuzz: new finding at case ${done + 1}: ${problem.slice(0, 300)}`)
        }
      }
      if (++done % 5000 === 0) console.log(`fuzz: ${done} cases, ${((performance.now() - started) / 1000).toFixed(0)} s, ${findings.size} distinct findings`)
      return true
    }),
    { numRuns, seed },
  )
}

const typedRuns = Math.round(runs / 5)
const filesRuns = Math.round(runs / 50)
fuzz(fuzzCase, check, runs - typedRuns - filesRuns)
fuzz(terminalCase, checkTerminal, typedRuns)
fuzz(filesCase, checkFilesReplay, filesRuns)
console.log(`fuzz: ${done} cases in ${((performance.now() - started) / 1000).toFixed(0)} s; slowest ${slowest.ms.toFixed(0)} ms: ${JSON.stringify(slowest.c)}`)
for (const [k, f] of findings) console.log(`\nFINDING (${f.count}x) ${k}\n  ${f.problem.slice(0, 600)}\n  case: ${JSON.stringify(f.c)}`)
console.log(findings.size ? `\nfuzz: ${findings.size} distinct findings` : 'fuzz: 0 failures')
process.exit(findings.size ? 1 : 0)
