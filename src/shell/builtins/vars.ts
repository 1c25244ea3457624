// Builtins that change variables and options (declare.def, set.def, shift.def, let.def):
// declare/typeset/local with -a -A -i -x -r -p, export, readonly, unset (-v -f), set with its
// letters, -o names and `--`, shift, and let. Messages and statuses are bash 5.1's.

import type { Proc } from '../../sim/task.ts'
import type { Io } from '../exec/io.ts'
import { Abort, type Shell } from '../interp.ts'
import { OPTION_LETTERS } from '../session.ts'
import { ArithError, evalArith } from '../syntax/arith.ts'
import { declaration, doubleQuote } from '../syntax/declaration.ts'
import { builtinOptions } from './options.ts'

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Each declaration builtin's letters (bash 5.1's internal_getopt specs) and usage line. */
const DECLARATION_OPTIONS: Record<string, { spec: string; usage: string }> = {
  declare: { spec: '+aAfFgiIlnprtux', usage: 'declare [-aAfFgiIlnrtux] [-p] [name[=value] ...]' },
  typeset: { spec: '+aAfFgiIlnprtux', usage: 'typeset [-aAfFgiIlnrtux] [-p] name[=value] ...' },
  local: { spec: '+aAfFgiIlnprtux', usage: 'local [option] name[=value] ...' },
  export: { spec: 'fnp', usage: 'export [-fn] [name[=value] ...] or export -p' },
  readonly: { spec: 'aAfnp', usage: 'readonly [-aAf] [name[=value] ...] or readonly -p' },
}

export function* declare(sh: Shell, argv: string[], io: Io): Proc<number> {
  const cmd = argv[0]
  // bash checks the function context before it reads local's options.
  if (cmd === 'local' && !sh.inFunction) {
    sh.error(io, 'local: can only be used in a function')
    return 1
  }
  const { spec, usage } = DECLARATION_OPTIONS[cmd] ?? DECLARATION_OPTIONS.declare
  const parsed = builtinOptions(sh, io, argv, spec, usage)
  if (typeof parsed === 'number') return parsed
  const on = new Set<string>()
  const off = new Set<string>()
  for (const o of parsed.seen) (o.plus ? off : on).add(o.letter)
  const local = cmd === 'local' || (sh.inFunction && !on.has('g') && cmd !== 'export' && cmd !== 'readonly')
  const names = parsed.operands
  const s = sh.session
  if (!names.length) {
    if (on.has('f') || on.has('F')) {
      for (const [k, fn] of [...s.functions].sort(([a], [b]) => (a < b ? -1 : 1))) io.out(on.has('F') ? `declare -f ${k}\n` : `${sh.functionText(fn)}\n`)
      return 0
    }
    for (const [k, v] of [...s.vars].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if ((on.has('x') || cmd === 'export') && !v.exported) continue
      if ((on.has('r') || cmd === 'readonly') && !v.readonly) continue
      if (on.has('a') && !v.array) continue
      if (on.has('A') && !v.assoc) continue
      if (on.has('i') && !v.integer) continue
      io.out(`${declaration(k, v)}\n`)
    }
    return 0
  }
  let status = 0
  for (const arg of names) {
    const eq = arg.indexOf('=')
    const plus = eq > 0 && arg[eq - 1] === '+'
    const name = eq < 0 ? arg : arg.slice(0, plus ? eq - 1 : eq)
    const bare = name.replace(/\[.*\]$/, '')
    if (!NAME.test(bare)) {
      sh.error(io, `${cmd}: \`${arg}': not a valid identifier`)
      status = 1
      continue
    }
    if (on.has('p')) {
      const v = s.vars.get(name)
      if (!v) {
        sh.error(io, `${cmd}: ${name}: not found`)
        status = 1
      } else io.out(`${declaration(name, v)}\n`)
      continue
    }
    if (on.has('f') || on.has('F')) {
      const fn = s.functions.get(name)
      if (!fn) status = 1
      else if (cmd === 'export' || on.has('x') || off.has('x')) s.functions.set(name, { ...fn, exported: !off.has('x') && !on.has('n') })
      else io.out(on.has('F') ? `${name}\n` : `${sh.functionText(fn)}\n`)
      continue
    }
    if (local && cmd !== 'export' && cmd !== 'readonly') sh.makeLocal(bare)
    let v = s.own(bare)
    if (v?.readonly && (eq >= 0 || off.has('r'))) {
      sh.error(io, `${cmd}: ${bare}: readonly variable`)
      status = 1
      continue
    }
    if (!v) s.vars.set(bare, (v = {}))
    if (on.has('a') && !v.array && !v.assoc) {
      v.array = new Map(v.value !== undefined ? [[0, v.value]] : [])
      v.value = undefined
    }
    if (on.has('A') && !v.assoc) {
      v.assoc = new Map()
      v.value = undefined
    }
    if (on.has('i')) v.integer = true
    if (off.has('i')) v.integer = false
    if (on.has('l') || on.has('u')) v.letterCase = on.has('u') ? 'upper' : 'lower'
    if (off.has('l') || off.has('u')) v.letterCase = undefined
    if (on.has('x') || cmd === 'export') v.exported = true
    if (off.has('x') || (cmd === 'export' && on.has('n'))) v.exported = false
    if (eq >= 0) {
      let value = arg.slice(eq + 1)
      const arrayLiteral = /^\((.*)\)$/s.exec(value)
      if (arrayLiteral && !v.integer) {
        yield* sh.evalText(`${bare}${plus ? '+' : ''}=(${arrayLiteral[1]})`, io)
        // The assignment made a new Var: the attributes still to set go on that one.
        v = s.own(bare) ?? v
      } else {
        if (v.integer) {
          try {
            value = String(evalArith(plus ? `${v.value ?? 0}+(${value || 0})` : value || '0', { get: (n) => s.get(n), set: (n, x) => s.set(n, x) }))
          } catch (e) {
            if (!(e instanceof ArithError)) throw e
            sh.error(io, e.message)
            status = 1
            continue
          }
        } else if (plus) value = (s.get(bare) ?? '') + value
        if (v.letterCase) value = v.letterCase === 'lower' ? value.toLowerCase() : value.toUpperCase()
        if (name !== bare) sh.setElement(bare, name.slice(bare.length + 1, -1), value, io)
        else if (v.array) v.array.set(0, value)
        else if (v.assoc) v.assoc.set('0', value)
        else v.value = value
      }
    }
    if (on.has('r') || cmd === 'readonly') v.readonly = true
  }
  return status
}

export function* unset(sh: Shell, argv: string[], io: Io): Proc<number> {
  const parsed = builtinOptions(sh, io, argv, 'fnv', 'unset [-f] [-v] [-n] [name ...]')
  if (typeof parsed === 'number') return parsed
  // The last of -f and -v given wins, as in unset.def.
  let mode: 'v' | 'f' | null = null
  for (const o of parsed.seen) if (o.letter !== 'n') mode = o.letter as 'v' | 'f'
  let status = 0
  for (const a of parsed.operands) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(.*)\])?$/.exec(a)
    if (!m && mode !== 'v' && !/[=$'"\s]/.test(a)) {
      sh.session.functions.delete(a)
      continue
    }
    if (!m) {
      sh.error(io, `unset: \`${a}': not a valid identifier`)
      status = 1
      continue
    }
    if (mode === 'f') {
      sh.session.functions.delete(a)
      continue
    }
    const v = sh.session.vars.get(m[1])
    if (v?.readonly) {
      sh.error(io, `unset: ${m[1]}: cannot unset: readonly variable`)
      status = 1
      continue
    }
    if (m[2] !== undefined && v) {
      // The session's own copy: a forked shell (or a shared PIPESTATUS) may still hold this Var.
      const own = sh.session.own(m[1])!
      if (own.assoc) own.assoc.delete(m[2])
      else if (own.array) own.array.delete(Number(evalArith(m[2], { get: (n) => sh.session.get(n), set: () => {} })))
      continue
    }
    if (v || mode === 'v') sh.session.vars.delete(m[1])
    else sh.session.functions.delete(m[1])
  }
  return status
}

export const O_NAMES = ['allexport', 'braceexpand', 'emacs', 'errexit', 'errtrace', 'functrace', 'hashall', 'histexpand', 'history', 'ignoreeof', 'interactive-comments', 'keyword', 'monitor', 'noclobber', 'noexec', 'noglob', 'nolog', 'notify', 'nounset', 'onecmd', 'physical', 'pipefail', 'posix', 'privileged', 'verbose', 'vi', 'xtrace']

export function* set(sh: Shell, argv: string[], io: Io): Proc<number> {
  const s = sh.session
  if (argv.length === 1) {
    for (const [k, v] of [...s.vars].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (v.array) io.out(`${k}=(${[...v.array].map(([i, x]) => `[${i}]=${doubleQuote(x)}`).join(' ')})\n`)
      else if (v.value !== undefined) io.out(`${k}=${/^[A-Za-z0-9_./:@%+,-]*$/.test(v.value) ? v.value : `'${v.value.replace(/'/g, "'\\''")}'`}\n`)
    }
    for (const [, fn] of s.functions) io.out(`${sh.functionText(fn)}\n`)
    return 0
  }
  /** `-o NAME` / `+o NAME`, alone or bundled: false (after bash's message) for a name it does not know. */
  const setNamed = (name: string, on: boolean): boolean => {
    if (!O_NAMES.includes(name)) {
      sh.error(io, `set: ${name}: invalid option name`)
      return false
    }
    if (on) s.options.add(name)
    else s.options.delete(name)
    return true
  }
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--' || a === '-') {
      s.positional = argv.slice(i + 1)
      return 0
    }
    if (a === '-o' || a === '+o') {
      const name = argv[++i]
      if (name === undefined) {
        for (const o of O_NAMES) io.out(a === '-o' ? `${o.padEnd(15)}\t${s.options.has(o) ? 'on' : 'off'}\n` : `set ${s.options.has(o) ? '-' : '+'}o ${o}\n`)
        continue
      }
      if (!setNamed(name, a[0] === '-')) return 2
      continue
    }
    if (/^[-+][a-zA-Z]+$/.test(a)) {
      for (const l of a.slice(1)) {
        // A bundled `o` (`set -eo pipefail`) takes the next argument as its option name.
        if (l === 'o' && argv[i + 1] !== undefined) {
          if (!setNamed(argv[++i], a[0] === '-')) return 2
          continue
        }
        const name = OPTION_LETTERS[l]
        if (!name) {
          sh.error(io, `set: ${a[0]}${l}: invalid option`)
          io.err('set: usage: set [-abefhkmnptuvxBCHP] [-o option-name] [--] [arg ...]\n')
          return 2
        }
        if (a[0] === '-') s.options.add(name)
        else s.options.delete(name)
      }
      continue
    }
    s.positional = argv.slice(i)
    return 0
  }
  return 0
}

export function* shift(sh: Shell, argv: string[], io: Io): Proc<number> {
  const arg = argv[1] ?? '1'
  if (!/^\d+$/.test(arg)) {
    sh.error(io, `shift: ${arg}: numeric argument required`)
    return 1
  }
  const n = Number(arg)
  if (n > sh.session.positional.length) return 1
  sh.session.positional = sh.session.positional.slice(n)
  return 0
}

export function* letB(sh: Shell, argv: string[], io: Io): Proc<number> {
  if (argv.length === 1) {
    sh.error(io, 'let: expression expected')
    return 1
  }
  let last = 0n
  for (const expr of argv.slice(1)) {
    try {
      last = sh.evalArithText(expr, io, 'let')
    } catch (e) {
      if (e instanceof Abort) return 1
      throw e
    }
  }
  return last === 0n ? 1 : 0
}
