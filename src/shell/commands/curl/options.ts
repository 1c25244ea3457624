// curl 7.76.1's command line (tool_getparam.c): short letters bundle (`-sSo FILE`; a letter that
// takes a value takes the rest of the word or the next one), long names match exactly or by a
// unique prefix, `--no-` negates a boolean, anything else is an operand (a URL). Errors print
// `curl: option X: is unknown` (or `is ambiguous`, `requires parameter`) and the try line, exit 2.

export interface CurlOptions {
  urls: string[]
  silent: boolean
  showError: boolean
  verbose: boolean
  head: boolean
  include: boolean
  insecure: boolean
  fail: boolean
  location: boolean
  output: string[]
  remoteName: number
  writeOut: string | null
  headers: string[]
  request: string | null
  userAgent: string | null
  iface: string | null
  maxTime?: number
  connectTimeout?: number
  maxRedirs: number
}

type Kind = 'bool' | 'value'
interface Def {
  long: string
  short?: string
  kind: Kind
  apply(o: CurlOptions, value: string | boolean): string | null
}

const num = (v: string, set: (n: number) => void): string | null => {
  if (!/^\d+(\.\d+)?$/.test(v)) return 'expected a proper numerical parameter'
  set(Number(v))
  return null
}

const DEFS: Def[] = [
  { long: 'silent', short: 's', kind: 'bool', apply: (o, v) => ((o.silent = v as boolean), null) },
  { long: 'show-error', short: 'S', kind: 'bool', apply: (o, v) => ((o.showError = v as boolean), null) },
  { long: 'verbose', short: 'v', kind: 'bool', apply: (o, v) => ((o.verbose = v as boolean), null) },
  { long: 'head', short: 'I', kind: 'bool', apply: (o, v) => ((o.head = v as boolean), null) },
  { long: 'include', short: 'i', kind: 'bool', apply: (o, v) => ((o.include = v as boolean), null) },
  { long: 'insecure', short: 'k', kind: 'bool', apply: (o, v) => ((o.insecure = v as boolean), null) },
  { long: 'fail', short: 'f', kind: 'bool', apply: (o, v) => ((o.fail = v as boolean), null) },
  { long: 'location', short: 'L', kind: 'bool', apply: (o, v) => ((o.location = v as boolean), null) },
  { long: 'ipv4', short: '4', kind: 'bool', apply: () => null },
  { long: 'remote-name', short: 'O', kind: 'bool', apply: (o) => (o.remoteName++, null) },
  { long: 'output', short: 'o', kind: 'value', apply: (o, v) => (o.output.push(v as string), null) },
  { long: 'write-out', short: 'w', kind: 'value', apply: (o, v) => ((o.writeOut = v as string), null) },
  { long: 'header', short: 'H', kind: 'value', apply: (o, v) => (o.headers.push(v as string), null) },
  { long: 'request', short: 'X', kind: 'value', apply: (o, v) => ((o.request = v as string), null) },
  { long: 'user-agent', short: 'A', kind: 'value', apply: (o, v) => ((o.userAgent = v as string), null) },
  { long: 'interface', kind: 'value', apply: (o, v) => ((o.iface = v as string), null) },
  { long: 'max-time', short: 'm', kind: 'value', apply: (o, v) => num(v as string, (n) => (o.maxTime = n)) },
  { long: 'connect-timeout', kind: 'value', apply: (o, v) => num(v as string, (n) => (o.connectTimeout = n)) },
  { long: 'max-redirs', kind: 'value', apply: (o, v) => num(v as string, (n) => (o.maxRedirs = n)) },
  { long: 'url', kind: 'value', apply: (o, v) => (o.urls.push(v as string), null) },
]

/** `show`: -h/--help or -V/--version came first; curl stops reading its arguments there. A help
 *  category (the word after --help) is not modelled and is reported as such. */
export type Parsed = { ok: true; opts: CurlOptions; show?: 'help' | 'version' } | { ok: false; message: string }

export function parseCurl(argv: string[]): Parsed {
  const o: CurlOptions = { urls: [], silent: false, showError: false, verbose: false, head: false, include: false, insecure: false, fail: false, location: false, output: [], remoteName: 0, writeOut: null, headers: [], request: null, userAgent: null, iface: null, maxRedirs: 50 }
  const bad = (word: string, why: string): Parsed => ({ ok: false, message: `option ${word}: ${why}` })
  const help = (category: string | undefined, word: string): Parsed => (category === undefined ? { ok: true, opts: o, show: 'help' } : bad(word, `help category '${category}' is not simulated in LVS Lab`))
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]
    if (a.startsWith('--') && a.length > 2) {
      let name = a.slice(2)
      let negate = false
      let hits = DEFS.filter((d) => d.long.startsWith(name))
      if (!hits.length && name.startsWith('no-')) {
        negate = true
        name = name.slice(3)
        hits = DEFS.filter((d) => d.long.startsWith(name) && d.kind === 'bool')
      }
      if (!negate && name.length && 'help'.startsWith(name) && hits.length === 0) return help(argv[i + 1], a)
      if (!negate && name.length && 'version'.startsWith(name) && hits.length === 0) return { ok: true, opts: o, show: 'version' }
      const exact = hits.find((d) => d.long === name)
      if (!exact && hits.length > 1) return bad(a, 'is ambiguous')
      const def = exact ?? hits[0]
      if (!def) return bad(a, 'is unknown')
      if (def.kind === 'bool') {
        def.apply(o, !negate)
        continue
      }
      const value = argv[++i]
      if (value === undefined) return bad(a, 'requires parameter')
      const e = def.apply(o, value)
      if (e) return bad(a, e)
      continue
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        if (a[j] === 'h') return help(j + 1 < a.length ? a.slice(j + 1) : argv[i + 1], '-h')
        if (a[j] === 'V') return { ok: true, opts: o, show: 'version' }
        const def = DEFS.find((d) => d.short === a[j])
        if (!def) return bad(`-${a[j]}`, 'is unknown')
        if (def.kind === 'bool') {
          def.apply(o, true)
          continue
        }
        const value = j + 1 < a.length ? a.slice(j + 1) : argv[++i]
        if (value === undefined) return bad(`-${a[j]}`, 'requires parameter')
        const e = def.apply(o, value)
        if (e) return bad(`-${a[j]}`, e)
        break
      }
      continue
    }
    o.urls.push(a)
  }
  return { ok: true, opts: o }
}
