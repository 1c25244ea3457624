// The fuzz property shared by `npm test` (a small sample) and `npm run fuzz` (100,000 cases): a
// fresh lab, a few generated command lines typed on its hosts, and then no exception out of the
// lab, no `internal` record, every command back within its budget, and no JavaScript value
// (`undefined`, `NaN`, `[object Object]`, a function's text) in what the terminal shows unless the
// learner typed that word. Lines are random bytes, bash syntax soup, or real command names from
// the registry with options drawn from their completions and from hostile values.

import fc from 'fast-check'
import { Lab } from '../../src/lab/lab.ts'
import { LABS } from '../../src/lab/labs/index.ts'
import { BUILTINS } from '../../src/shell/builtins/index.ts'
import { COMMANDS } from '../../src/shell/commands/index.ts'

/** Tight budgets keep a generated flood or loop short: the property is that they end, not how late. */
export const FUZZ_LIMITS = { events: 200_000, output: 1 << 20 }

const NAMES = [...Object.keys(COMMANDS), ...BUILTINS.keys()]
const PROTO_KEYS = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']
const LEAKS = ['undefined', 'NaN', '[object ', 'native code', 'internal error', '=> {', 'function (']

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
