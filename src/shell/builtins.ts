// Shell builtins: the commands bash runs itself, with bash 5.1's messages and statuses.

import { FS_ERROR_TEXT, normalizePath } from '../host/fs.ts'
import type { Proc } from '../sim/task.ts'
import { ERR, ExitShell, type Io, type Shell } from './interp.ts'

export type Builtin = (sh: Shell, argv: string[], io: Io) => Proc<number>

function* done(status: number): Proc<number> {
  return status
}

/** echo's -e escapes. */
function unescape(s: string): { text: string; stop: boolean } {
  let out = ''
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\' || i === s.length - 1) {
      out += s[i]
      continue
    }
    const c = s[++i]
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', '\\': '\\' }
    if (c === 'c') return { text: out, stop: true }
    if (map[c] !== undefined) out += map[c]
    else if (c === '0') {
      const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0]
      out += String.fromCharCode(parseInt(m || '0', 8))
      i += m.length
    } else out += '\\' + c
  }
  return { text: out, stop: false }
}

const echo: Builtin = (_sh, argv, io) => {
  let newline = true
  let escapes = false
  let i = 1
  for (; i < argv.length; i++) {
    if (!/^-[neE]+$/.test(argv[i])) break
    for (const f of argv[i].slice(1)) {
      if (f === 'n') newline = false
      if (f === 'e') escapes = true
      if (f === 'E') escapes = false
    }
  }
  let text = argv.slice(i).join(' ')
  if (escapes) {
    const r = unescape(text)
    text = r.text
    if (r.stop) newline = false
  }
  io.out(newline ? text + '\n' : text)
  return done(0)
}

const printf: Builtin = (_sh, argv, io) => {
  if (argv.length < 2) {
    io.err(`${ERR}printf: usage: printf [-v var] format [arguments]\n`)
    return done(2)
  }
  const format = argv[1]
  const args = argv.slice(2)
  let out = ''
  let ai = 0
  do {
    out += unescape(format.replace(/%(-?\d*)([sdi%])/g, (_m, width: string, conv: string) => {
      if (conv === '%') return '%'
      const v = args[ai++] ?? ''
      const text = conv === 's' ? v : String(parseInt(v, 10) || 0)
      const w = Number(width.replace('-', '')) || 0
      return width.startsWith('-') ? text.padEnd(w) : text.padStart(w)
    })).text
  } while (ai < args.length && ai > 0)
  io.out(out)
  return done(0)
}

const cd: Builtin = (sh, argv, io) => {
  const s = sh.session
  const arg = argv[1] ?? s.vars.get('HOME') ?? '/root'
  const target = arg === '-' ? (s.vars.get('OLDPWD') ?? s.cwd) : arg
  const path = normalizePath(s.cwd, target)
  const node = sh.host.fs.stat(path)
  if (!node) {
    io.err(`${ERR}cd: ${arg}: ${FS_ERROR_TEXT.ENOENT}\n`)
    return done(1)
  }
  if (node.type !== 'dir') {
    io.err(`${ERR}cd: ${arg}: ${FS_ERROR_TEXT.ENOTDIR}\n`)
    return done(1)
  }
  s.vars.set('OLDPWD', s.cwd)
  s.cwd = path
  s.vars.set('PWD', path)
  if (arg === '-') io.out(path + '\n')
  return done(0)
}

const pwd: Builtin = (sh, _argv, io) => {
  io.out(sh.session.cwd + '\n')
  return done(0)
}

const exit: Builtin = (sh, argv) => {
  const code = argv[1] !== undefined ? Number(argv[1]) & 255 : sh.session.status
  throw new ExitShell(code)
}

const exportB: Builtin = (sh, argv, io) => {
  if (argv.length === 1) {
    for (const k of [...sh.session.exported].sort()) {
      const v = sh.session.vars.get(k)
      if (v !== undefined) io.out(`declare -x ${k}="${v}"\n`)
    }
    return done(0)
  }
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=')
    const name = eq < 0 ? a : a.slice(0, eq)
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      io.err(`${ERR}export: \`${a}': not a valid identifier\n`)
      return done(1)
    }
    if (eq >= 0) sh.session.vars.set(name, a.slice(eq + 1))
    sh.session.exported.add(name)
  }
  return done(0)
}

const unset: Builtin = (sh, argv) => {
  for (const a of argv.slice(1)) sh.session.vars.delete(a)
  return done(0)
}

const history: Builtin = (sh, argv, io) => {
  if (argv[1] === '-c') {
    sh.session.history.length = 0
    return done(0)
  }
  const h = sh.session.history
  const n = argv[1] && /^\d+$/.test(argv[1]) ? Number(argv[1]) : h.length
  const start = Math.max(0, h.length - n)
  for (let i = start; i < h.length; i++) io.out(`${String(i + 1).padStart(5)}  ${h[i]}\n`)
  return done(0)
}

const type: Builtin = (sh, argv, io) => {
  let status = 0
  for (const name of argv.slice(1)) {
    if (Object.hasOwn(BUILTINS, name)) io.out(`${name} is a shell builtin\n`)
    else {
      const def = Object.hasOwn(sh.env.commands, name) ? sh.env.commands[name] : undefined
      if (def && (!def.pkg || sh.host.isInstalled(def.pkg))) io.out(`${name} is ${def.path}\n`)
      else {
        io.err(`${ERR}type: ${name}: not found\n`)
        status = 1
      }
    }
  }
  return done(status)
}

const help: Builtin = (sh, _argv, io) => {
  const names = Object.keys(BUILTINS).sort()
  io.out(
    'GNU bash, version 5.1.8(1)-release (x86_64-redhat-linux-gnu)\n' +
      "These shell commands are defined internally.  Type `help' to see this list.\n\n" +
      names.join('  ') +
      '\n\nLVS Lab: the programs this lab provides (try `<command> --help`):\n',
  )
  for (const def of Object.values(sh.env.commands).sort((a, b) => a.name.localeCompare(b.name))) {
    if (def.pkg && !sh.host.isInstalled(def.pkg)) continue
    io.out(`  ${def.name.padEnd(18)} ${def.summary}\n`)
  }
  return done(0)
}

/** test / [: string, integer and file tests with ! and -a/-o, bash's exit statuses (0, 1, 2 on error). */
function evalTest(sh: Shell, args: string[], io: Io, name: string): number {
  const fs = sh.host.fs
  const path = (p: string) => normalizePath(sh.session.cwd, p)
  const int = (v: string): number | null => (/^-?\d+$/.test(v.trim()) ? Number(v) : null)
  const unary: Record<string, (v: string) => boolean> = {
    '-z': (v) => v === '',
    '-n': (v) => v !== '',
    '-e': (v) => fs.exists(path(v)),
    '-f': (v) => fs.stat(path(v))?.type === 'file',
    '-d': (v) => fs.isDir(path(v)),
    '-s': (v) => {
      const n = fs.stat(path(v))
      return n?.type === 'file' && n.content.length > 0
    },
    '-r': (v) => fs.exists(path(v)),
    '-w': (v) => fs.exists(path(v)),
    '-x': (v) => fs.isDir(path(v)),
  }
  const cmp: Record<string, (a: number, b: number) => boolean> = { '-eq': (a, b) => a === b, '-ne': (a, b) => a !== b, '-lt': (a, b) => a < b, '-le': (a, b) => a <= b, '-gt': (a, b) => a > b, '-ge': (a, b) => a >= b }
  let error: string | null = null
  const primary = (a: string[]): boolean => {
    if (a[0] === '!') return !primary(a.slice(1))
    if (a.length === 0) return false
    if (a.length === 1) return a[0] !== ''
    if (a.length === 2) {
      if (unary[a[0]]) return unary[a[0]](a[1])
      error = `${a[0]}: unary operator expected`
      return false
    }
    if (a.length === 3) {
      const [l, op, r] = a
      if (op === '=' || op === '==') return l === r
      if (op === '!=') return l !== r
      if (cmp[op]) {
        const x = int(l)
        const y = int(r)
        if (x === null || y === null) {
          error = `${x === null ? l : r}: integer expression expected`
          return false
        }
        return cmp[op](x, y)
      }
      error = `${op}: binary operator expected`
      return false
    }
    const o = a.indexOf('-o')
    if (o > 0) return primary(a.slice(0, o)) || primary(a.slice(o + 1))
    const n = a.indexOf('-a')
    if (n > 0) return primary(a.slice(0, n)) && primary(a.slice(n + 1))
    error = 'too many arguments'
    return false
  }
  const result = primary(args)
  if (error) {
    io.err(`${ERR}${name}: ${error}\n`)
    return 2
  }
  return result ? 0 : 1
}

const test: Builtin = (sh, argv, io) => done(evalTest(sh, argv.slice(1), io, 'test'))

const bracket: Builtin = (sh, argv, io) => {
  if (argv[argv.length - 1] !== ']') {
    io.err(`${ERR}[: missing \`]'\n`)
    return done(2)
  }
  return done(evalTest(sh, argv.slice(1, -1), io, '['))
}

export const BUILTINS: Record<string, Builtin> = {
  '[': bracket,
  test,
  ':': () => done(0),
  true: () => done(0),
  false: () => done(1),
  cd,
  echo,
  exit,
  export: exportB,
  help,
  history,
  logout: exit,
  printf,
  pwd,
  type,
  unset,
}
