// The fuzz property shared by `npm test` (a small sample) and `npm run fuzz` (100,000 cases): a
// fresh lab, a few generated command lines typed on its hosts, and then no exception out of the
// lab, no `internal` record, every command back within its budget, and no JavaScript value
// (`undefined`, `NaN`, `[object Object]`, a function's text) in what the terminal shows unless the
// learner typed that word. Lines are random bytes, bash syntax soup, or real command names from
// the registry with options drawn from their completions and from hostile values. A second kind
// of case types keystrokes into the worker's terminals (line editing, Tab completion, Ctrl-C,
// Ctrl-D among the lines) and then reloads the saved session: the replay must give back the
// very same screens.

import fc from 'fast-check'
import { Lab } from '../../src/lab/lab.ts'
import { LIMITS } from '../../src/sim/budget.ts'
import { LABS } from '../../src/lab/labs/index.ts'
import { BUILTINS } from '../../src/shell/builtins/index.ts'
import { COMMANDS } from '../../src/shell/commands/index.ts'
import { createApi } from '../../src/worker/api.ts'
import type { SavedSession, WorkerEvent } from '../../src/worker/protocol.ts'

/** Tight budgets keep a generated flood or loop short: the property is that they end, not how late. */
export const FUZZ_LIMITS = { ...LIMITS, events: 200_000, output: 1 << 20 }

const NAMES = [...Object.keys(COMMANDS), ...BUILTINS.keys()]
const PROTO_KEYS = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']
// `internal error:` is the engine's error boundary (`-bash: internal error: …`); firewalld's own
// INVALID_RULE text says `internal error in _lexer()`, which is the real tool's wording.
const LEAKS = ['undefined', 'NaN', '[object ', 'native code', 'internal error:', '=> {', 'function (']

const HOSTILE = [
  ...PROTO_KEYS,
  '', '-', '--', '-1', '0', '1e999', '0x10', '4294967296', '99999999999999999999', '1.5', 'NaN', 'Infinity',
  '172.25.254.200', '172.25.254.200:80', '192.168.0.10', '192.168.0.10:80', '10.0.0.1', '255.255.255.255', '0.0.0.0', '::1',
  'eth0', 'eth1', 'lo', 'lo:0', 'tunl0', 'public', 'http', 'tcp', 'udp', 'rr', 'wrr', 'sh', 'INPUT', 'PREROUTING', 'mangle',
  '/', '/etc/hosts', '/proc/sys/net/ipv4/ip_forward', '/dev/null', '/root', '..', '~', '*', '%zz', 'http://172.25.254.200/%zz',
  '$x', '"$@"', "'a b'", '\\', '\u00e9', '\u4e2d\u6587', '\u0000',
]

const SOUP = [
  ';', '&&', '||', '|', '&', '(', ')', '{', '}', '[[', ']]', '[', ']', '$(', '`', '"', "'", '$', '${', '}', '<', '>', '>>',
  '2>&1', '>&2', '2>/dev/null', '<<', '<<<', 'EOF', '*', '?', '~', '!', '#', '=', '$((', '))', 'for', 'in', 'do', 'done',
  'if', 'then', 'else', 'fi', 'while', 'until', 'case', 'esac', ';;', 'function', 'local', 'return', 'break', '$?', '$@',
  '$#', '$$', '$!', '{1..3}', '{a,b}', 'x=1', 'echo', 'cat', 'true', 'false', '\n', '\\', ' ', '\t', '-', '--', '0', '1',
]

const bytes = fc.string({ unit: 'binary', maxLength: 48 })
const soup = fc.array(fc.constantFrom(...SOUP, ...PROTO_KEYS, ...NAMES), { maxLength: 14 }).chain((parts) =>
  fc.array(fc.constantFrom(' ', '', ' ', ';'), { minLength: parts.length, maxLength: parts.length }).map((seps) => parts.map((p, i) => p + seps[i]).join('')),
)

function optionsOf(name: string): string[] {
  return Object.hasOwn(COMMANDS, name) ? (COMMANDS[name].completions ?? []) : []
}

const commandLine = fc.constantFrom(...NAMES).chain((name) =>
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: optionsOf(name).length ? fc.constantFrom(...optionsOf(name)) : fc.constant('-h') },
        { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
        { weight: 1, arbitrary: fc.constantFrom(...optionsOf(name), '-x', '--frob', '--help', '-v').chain((o) => fc.constantFrom(...HOSTILE).map((v) => (o.endsWith('=') ? o + v : `${o}=${v}`))) },
        { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
      ),
      { maxLength: 6 },
    )
    .map((args) => [name, ...args].map((a) => (/^[\w./:=,@%+-]*$/.test(a) && a ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ')),
)

export const line = fc.oneof({ weight: 1, arbitrary: bytes }, { weight: 2, arbitrary: soup }, { weight: 4, arbitrary: commandLine })

export interface FuzzCase {
  lab: string
  steps: { host: number; line: string }[]
}

export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.record({
  lab: fc.constantFrom(...Object.keys(LABS)),
  steps: fc.array(fc.record({ host: fc.nat(7), line }), { minLength: 1, maxLength: 4 }),
})

/** Runs one case; returns what went wrong, or null. Never throws: an exception is a finding. */
export function check(c: FuzzCase): string | null {
  let lab: Lab
  try {
    lab = Lab.create(c.lab, { limits: FUZZ_LIMITS, trace: true })
  } catch (e) {
    return `creating ${c.lab}: ${String(e)}`
  }
  const typed: string[] = []
  for (const step of c.steps) {
    const host = lab.hosts[step.host % lab.hosts.length].hostname
    typed.push(step.line)
    let output: string
    try {
      output = lab.run(host, step.line).output
    } catch (e) {
      return `${host}: ${JSON.stringify(step.line)} threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`
    }
    const leak = LEAKS.find((w) => output.includes(w) && !typed.some((t) => t.includes(w.trim())))
    if (leak) return `${host}: ${JSON.stringify(step.line)} printed ${JSON.stringify(leak)}: ${JSON.stringify(output.slice(0, 400))}`
    lab.idle(1_000_000)
  }
  const internal = lab.engine.trace.since(0).find((r) => r.type === 'internal')
  if (internal?.type === 'internal') return `internal record: ${internal.reason.text}`
  if (lab.engine.faults) return `${lab.engine.faults} internal faults`
  return null
}

/** Keys a learner presses besides letters: editing, history, completion, interrupt, end of file. */
const KEYS = ['\t', '\t\t', '\x7f', '\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D', '\x1b[3~', '\x01', '\x05', '\x0b', '\x15', '\x17', '\x0c', '\x03', '\x04', '\r', '\x1b', ':q!\r', 'q']

export interface TerminalCase {
  lab: string
  steps: { host: number; keys: string }[]
}

export const terminalCase: fc.Arbitrary<TerminalCase> = fc.record({
  lab: fc.constantFrom(...Object.keys(LABS)),
  steps: fc.array(
    fc.record({
      host: fc.nat(7),
      keys: fc.oneof({ weight: 3, arbitrary: line.map((l) => `${l}\r`) }, { weight: 2, arbitrary: fc.array(fc.oneof(fc.constantFrom(...KEYS), fc.constantFrom(...NAMES.map((n) => n.slice(0, 2)))), { maxLength: 6 }).map((k) => k.join('')) }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
})

function screens(events: WorkerEvent[], into: Map<string, string>): void {
  for (const e of events) if (e.type === 'output') into.set(e.host, (into.get(e.host) ?? '') + e.data)
}

/** Types the keys into the worker, then reloads: returns what went wrong, or null. */
export function checkTerminal(c: TerminalCase): string | null {
  const api = createApi()
  const shown = new Map<string, string>()
  let saved: SavedSession | null = null
  api.subscribe((events) => {
    screens(events, shown)
    for (const e of events) if (e.type === 'saved') saved = e.session
  })
  const typed: string[] = []
  try {
    api.load(c.lab)
    const lab = api.current()!
    for (const step of c.steps) {
      typed.push(step.keys)
      api.keys(lab.hosts[step.host % lab.hosts.length].hostname, step.keys)
      lab.engine.advanceTo(lab.engine.now + 2_000_000)
      api.flush()
    }
    const internal = lab.engine.trace.since(0).find((r) => r.type === 'internal')
    if (internal?.type === 'internal') return `internal record: ${internal.reason.text}`
  } catch (e) {
    return `typing threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`
  }
  for (const [host, text] of shown) {
    const leak = LEAKS.find((w) => text.includes(w) && !typed.some((t) => t.includes(w.trim())))
    if (leak) return `${host}'s terminal showed ${JSON.stringify(leak)}: ${JSON.stringify(text.slice(-400))}`
  }
  const again = createApi()
  const replayed = new Map<string, string>()
  let skipped = ''
  again.subscribe((events) => {
    screens(events, replayed)
    for (const e of events) if (e.type === 'skipped') skipped = e.command
  })
  try {
    again.load(c.lab, saved)
    again.flush()
  } catch (e) {
    return `replay threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`
  }
  if (skipped) return `replay skipped ${JSON.stringify(skipped)}`
  // The replay stops at the last key; the live session went on idling for two seconds after it.
  for (const [host, text] of replayed) if (!sameScreen(shown.get(host) ?? '', text)) return `replay of ${host} differs: ${JSON.stringify(text.slice(-300))} vs ${JSON.stringify((shown.get(host) ?? '').slice(-300))}`
  return null
}

/** The worker's cut of more than 4 MiB of output in one flush (worker/api.ts). */
const CUT = '\r\nlvs-lab: output cut:'

/**
 * Is `replayed` what the live screen showed (all of it, or its beginning)? The 4 MiB cut falls
 * where the page's flushes fall, and a replay is one flush: screens are compared up to the first
 * cut, on whichever side it came first.
 */
export function sameScreen(live: string, replayed: string): boolean {
  if (!live.includes(CUT) && !replayed.includes(CUT)) return live.startsWith(replayed)
  const a = live.split(CUT)[0]
  const b = replayed.split(CUT)[0]
  return a.startsWith(b) || b.startsWith(a)
}
