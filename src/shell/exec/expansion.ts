// The expansion context (expand.ts's ExpandEnv) a shell gives the commands writing to one fd
// table: variables, arrays, positional and special parameters, command substitution run by the
// shell, and the options (nounset, noglob) that change what expansion does. One small object per
// fd table, so a fork or a redirection costs no closures.

import type { List } from '../ast.ts'
import { ExpandError, type ExpandEnv } from '../expand.ts'
import type { Shell } from '../interp.ts'
import type { Proc } from '../../sim/task.ts'
import { ArithError, type ArithVars } from '../syntax/arith.ts'
import { globRegex, hasExtglob } from '../text/glob.ts'
import type { Matcher } from '../text/extglob.ts'
import { extglobPattern } from '../builtins/index.ts'
import type { Io } from './io.ts'
import type { Var } from '../session.ts'
import { assocEntries } from '../syntax/declaration.ts'

/** What expansion asks of the shell, for commands writing to one fd table. */
export class Expansion implements ExpandEnv {
  private readonly vars: ArithVars

  constructor(
    private readonly sh: Shell,
    private readonly io: Io,
  ) {
    this.vars = sh.arithVars(io)
  }

  get(name: string): string | undefined {
    return this.sh.variable(name)
  }

  /** `${v:=x}` and arithmetic's assignments; a readonly variable's is bash's error, abandoning the command. */
  set(name: string, value: string): void {
    if (this.sh.session.vars.get(name)?.readonly) throw new ExpandError(`${name}: readonly variable`)
    this.sh.session.set(name, value)
  }

  getIndex(name: string, i: bigint): string | undefined {
    return this.vars.getIndex!(name, i)
  }

  setIndex(name: string, i: bigint, value: string): void {
    this.vars.setIndex!(name, i, value)
  }

  values(name: string): string[] | null {
    const v = this.sh.session.vars.get(name)
    if (!v) return null
    if (v.array) return [...v.array.values()]
    if (v.assoc) return assocEntries(v.assoc).map(([, x]) => x)
    return v.value === undefined ? null : [v.value]
  }

  keys(name: string): string[] {
    const v = this.sh.session.vars.get(name)
    if (!v) return []
    if (v.array) return [...v.array.keys()].map(String)
    if (v.assoc) return assocEntries(v.assoc).map(([k]) => k)
    return v.value === undefined ? [] : ['0']
  }

  positional(): string[] {
    return this.sh.session.positional
  }

  special(name: string): string | undefined {
    return this.sh.special(name)
  }

  element(name: string, key: string): string | undefined {
    try {
      return this.sh.element(name, key, this.io)
    } catch (e) {
      if (e instanceof ArithError) throw new ExpandError(e.message)
      throw e
    }
  }

  setElement(name: string, key: string, value: string): void {
    this.sh.setElement(name, key, value, this.io)
  }

  substitute(list: List): Proc<string> {
    return this.sh.substitute(list, this.io)
  }

  procsub(list: List, dir: '<' | '>'): Proc<string> {
    return this.sh.procsub(list, dir, this.io)
  }

  get nounset(): boolean {
    return this.sh.session.options.has('nounset')
  }

  declared(name: string): Var | undefined {
    return this.sh.session.vars.get(name)
  }

  names(prefix: string): string[] {
    const out: string[] = []
    for (const [name, v] of this.sh.session.vars) if (name.startsWith(prefix) && (v.value !== undefined || v.array || v.assoc)) out.push(name)
    return out.sort()
  }

  prompt(text: string): string {
    return this.sh.session.decodePrompt(text)
  }

  shopt(name: string): boolean {
    return this.sh.session.shopts.has(name)
  }

  *pattern(src: string, extended: boolean, nocase: boolean): Proc<Matcher> {
    if (extended && hasExtglob(src)) return yield* extglobPattern(this.sh, src, nocase)
    return globRegex(src, nocase ? 'i' : '')
  }

  get noglob(): boolean {
    return this.sh.session.options.has('noglob')
  }

  get fs() {
    return this.sh.host.fs
  }

  get cwd(): string {
    return this.sh.session.cwd
  }

  get home(): string {
    return this.sh.session.get('HOME') ?? '/root'
  }
}

