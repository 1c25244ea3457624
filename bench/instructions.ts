// `npm run bench:instructions`: instructions per request of the request loops (bench/loops.ts),
// counted by valgrind's callgrind, which a busy machine cannot skew the way it skews wall-clock
// rates. Each loop runs in two processes, one set up and warmed up only and one that then makes N
// requests; the difference over N is the cost of a request, start-up and warm-up cancelling out
// (the JIT, the garbage collector's threads and all). Slow: valgrind runs node some 50x slower.

import { spawnSync } from 'node:child_process'
import { cliLoop, shellLoop, socketLoop, type Loop } from './loops.ts'

const LOOPS: Record<string, { label: string; make: () => Loop }> = {
  cli: { label: 'lvs-lab run: curl loop through NAT', make: cliLoop },
  shell: { label: 'curl in a bash loop through NAT (> /dev/null)', make: shellLoop },
  socket: { label: 'HTTP requests through NAT at the socket level', make: socketLoop },
}

const USAGE = 'usage: npm run bench:instructions [-- [cli|shell|socket]... [--requests N]]'

/** In a child: set the loop up, and make `n` requests if n > 0 (callgrind counts the whole process). */
function child(name: string, n: number): void {
  const loop = LOOPS[name].make()
  if (n > 0) loop.run(n)()
}

/** Instructions the whole process ran, as callgrind's summary line says. */
function counted(name: string, n: number): number {
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--import', 'tsx', 'bench/instructions.ts', '--child', name, String(n)], { encoding: 'utf8' })
  if (r.error) throw new Error(`valgrind did not start (${r.error.message}): install it (apt-get install -y valgrind)`)
  const m = /Collected : (\d+)/.exec(r.stderr)
  if (r.status !== 0 || !m) throw new Error(`the ${name} loop failed under valgrind:\n${r.stderr.slice(-2000)}`)
  return Number(m[1])
}

const argv = process.argv.slice(2)
if (argv[0] === '--child') child(argv[1], Number(argv[2]))
else {
  const names: string[] = []
  let n = 1000
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--requests' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) n = Number(argv[++i])
    else if (Object.hasOwn(LOOPS, argv[i])) names.push(argv[i])
    else {
      console.error(USAGE)
      process.exit(2)
    }
  }
  for (const name of names.length ? names : Object.keys(LOOPS)) {
    const base = counted(name, 0)
    const per = (counted(name, n) - base) / n
    console.log(`${LOOPS[name].label.padEnd(56)} ${Math.round(per).toLocaleString('en-US').padStart(12)} instructions/request (over ${n})`)
  }
}
