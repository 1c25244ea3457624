// rpm 4.16's command line as popt reads it (rpmqv.c, lib/poptQV.c, lib/poptALL.c and the rpmpopt
// aliases): short options bundle (`-qil`), a long option matches its whole name only, `--opt=VALUE`
// or `--opt VALUE` for those that take one. Errors end with status 1: `rpm: -Z: unknown option`
// (naming the whole bundle), `rpm: --qf: missing argument`. Options rpm has but the lab does not
// model say so instead of being ignored.

export type Mode = 'query' | 'verify' | 'install' | 'erase' | 'querytags' | 'version' | 'help'

export interface RpmArgs {
  mode: Mode | null
  all: boolean
  file: boolean
  list: boolean
  config: boolean
  doc: boolean
  state: boolean
  info: boolean
  last: boolean
  queryformat: string | null
  operands: string[]
}

type Effect = (a: RpmArgs, value: string) => void

interface Opt {
  long?: string
  short?: string
  takesValue?: boolean
  run?: Effect
}

const set = (key: 'all' | 'file' | 'list' | 'config' | 'doc' | 'state' | 'info' | 'last'): Effect => (a) => void (a[key] = true)
const mode = (m: Mode): Effect => (a) => void (a.mode = m)

/** The options the lab carries out. */
const MODELLED: Opt[] = [
  { long: 'query', short: 'q', run: mode('query') },
  { long: 'verify', short: 'V', run: mode('verify') },
  { long: 'install', short: 'i', run: (a) => void (a.mode === 'query' ? (a.info = true) : (a.mode = 'install')) },
  { long: 'upgrade', short: 'U', run: mode('install') },
  { long: 'freshen', short: 'F', run: mode('install') },
  { long: 'reinstall', run: mode('install') },
  { long: 'erase', short: 'e', run: mode('erase') },
  { long: 'querytags', run: mode('querytags') },
  { long: 'version', run: mode('version') },
  { long: 'help', short: '?', run: mode('help') },
  { long: 'all', short: 'a', run: set('all') },
  { long: 'file', short: 'f', run: set('file') },
  { long: 'list', short: 'l', run: set('list') },
  { long: 'configfiles', short: 'c', run: set('config') },
  { long: 'docfiles', short: 'd', run: set('doc') },
  { long: 'state', short: 's', run: set('state') },
  { long: 'info', run: set('info') },
  { long: 'last', run: set('last') },
  { long: 'queryformat', takesValue: true, run: (a, v) => void (a.queryformat = v) },
  { long: 'qf', takesValue: true, run: (a, v) => void (a.queryformat = v) },
  // Output verbosity, and progress marks for the installs rpm refuses here, change nothing printed.
  { long: 'verbose', short: 'v', run: () => {} },
  { long: 'hash', short: 'h', run: () => {} },
  { long: 'percent', run: () => {} },
  { long: 'quiet', run: () => {} },
  { long: 'nodigest', run: () => {} },
  { long: 'nosignature', run: () => {} },
]

/** What `rpm --help` lists that the lab does not do: each says so when used. */
const UNMODELLED: Opt[] = [
  ...'group:g package:p pkgid hdrid triggeredby whatconflicts whatrequires whatobsoletes whatprovides whatrecommends whatsuggests whatsupplements whatenhances nomanifest licensefiles:L artifactfiles:A noghost noconfig noartifact dump nofiledigest nofiles nodeps noscript allfiles allmatches badreloc excludedocs force ignorearch ignoreos ignoresize noverify justdb nocontexts nocaps noorder noscripts notriggers oldpackage replacefiles replacepkgs test undefine noplugins showrc usage scripts setperms setugids setcaps restore conflicts obsoletes provides requires:R recommends suggests supplements enhances changelog changes xml triggers filetriggers dupes filesbypkg fileclass filecolor fileprovide filerequire filecaps import checksig:K initdb rebuilddb'
    .split(' ')
    .map((w) => {
      const [long, short] = w.split(':')
      return { long, short }
    }),
  ...'excludepath prefix relocate define:D eval:E target macros load rcfile root:r dbpath'.split(' ').map((w) => {
    const [long, short] = w.split(':')
    return { long, short, takesValue: true }
  }),
]

const ALL = [...MODELLED, ...UNMODELLED]

export type Parsed = { ok: true; args: RpmArgs } | { ok: false; text: string }

export function parseRpm(argv: string[]): Parsed {
  const a: RpmArgs = { mode: null, all: false, file: false, list: false, config: false, doc: false, state: false, info: false, last: false, queryformat: null, operands: [] }
  const apply = (o: Opt, shown: string, value: string): string | null => {
    if (!o.run) return `rpm: option '${shown}' is not modelled in this lab\n`
    o.run(a, value)
    return null
  }
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i]
    if (w === '--') {
      a.operands.push(...argv.slice(i + 1))
      break
    }
    if (w.startsWith('--')) {
      const eq = w.indexOf('=')
      const name = w.slice(2, eq < 0 ? undefined : eq)
      const o = ALL.find((x) => x.long === name)
      if (!o) return { ok: false, text: `rpm: ${w}: unknown option\n` }
      let value = ''
      if (o.takesValue) {
        if (eq >= 0) value = w.slice(eq + 1)
        else if (i + 1 < argv.length) value = argv[++i]
        else return { ok: false, text: `rpm: --${name}: missing argument\n` }
      }
      const err = apply(o, `--${name}`, value)
      if (err) return { ok: false, text: err }
    } else if (w.startsWith('-') && w.length > 1) {
      for (let j = 1; j < w.length; j++) {
        const o = ALL.find((x) => x.short === w[j])
        if (!o) return { ok: false, text: `rpm: ${w}: unknown option\n` }
        let value = ''
        if (o.takesValue) {
          if (j + 1 < w.length) value = w.slice(j + 1)
          else if (i + 1 < argv.length) value = argv[++i]
          else return { ok: false, text: `rpm: -${w[j]}: missing argument\n` }
          j = w.length
        }
        const err = apply(o, `-${w[j] ?? o.short}`, value)
        if (err) return { ok: false, text: err }
      }
    } else a.operands.push(w)
  }
  // `-i` before `-q` (rpm -iq) is still --info once the mode is a query.
  if (a.mode === 'query' && argv.some((w) => /^-[^-]*i/.test(w))) a.info = true
  return { ok: true, args: a }
}
