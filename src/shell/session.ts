// One shell process's state, as bash keeps it: working directory, variables (scalars, indexed and
// associative arrays, with export/readonly/integer attributes and function-local scopes),
// functions, positional parameters, set -o options, traps, the fds `exec` opened, last status,
// history and jobs. A subshell (pipeline stage, `( )`, `$( )`, `&`) is a fork: a copy that
// shares nothing mutable with its parent, so `echo x | read v` leaves the parent's v alone.

import type { FunctionDef } from './ast.ts'
import type { Host } from '../host/host.ts'
import { charge } from './exec/budget.ts'
import { CommandHash } from './exec/hash.ts'
import { JobTable } from './exec/jobs.ts'
import type { Input, Output } from './stream.ts'
import type { ProcSub } from './exec/procsub.ts'

export interface Var {
  value?: string
  /** Indexed array (sparse, as bash's). */
  array?: Map<number, string>
  /** Associative array (declare -A). */
  assoc?: Map<string, string>
  exported?: boolean
  readonly?: boolean
  integer?: boolean
  /** declare -l / -u: each value assigned is converted to lower / upper case. */
  letterCase?: 'lower' | 'upper'
}

export type Fd = Input | Output

export const OPTION_LETTERS: Record<string, string> = { e: 'errexit', u: 'nounset', x: 'xtrace', f: 'noglob', C: 'noclobber', v: 'verbose', n: 'noexec', a: 'allexport', h: 'hashall', m: 'monitor', B: 'braceexpand', H: 'histexpand', E: 'errtrace', T: 'functrace' }

/**
 * bash 5.1's `shopt` options and which are on in an interactive shell (5.2's globskipdots,
 * noexpand_translation, patsub_replacement and varredir_close do not exist in 5.1).
 */
export const SHOPT_NAMES = ['autocd', 'assoc_expand_once', 'cdable_vars', 'cdspell', 'checkhash', 'checkjobs', 'checkwinsize', 'cmdhist', 'compat31', 'compat32', 'compat40', 'compat41', 'compat42', 'compat43', 'compat44', 'complete_fullquote', 'direxpand', 'dirspell', 'dotglob', 'execfail', 'expand_aliases', 'extdebug', 'extglob', 'extquote', 'failglob', 'force_fignore', 'globasciiranges', 'globstar', 'gnu_errfmt', 'histappend', 'histreedit', 'histverify', 'hostcomplete', 'huponexit', 'inherit_errexit', 'interactive_comments', 'lastpipe', 'lithist', 'localvar_inherit', 'localvar_unset', 'login_shell', 'mailwarn', 'no_empty_cmd_completion', 'nocaseglob', 'nocasematch', 'nullglob', 'progcomp', 'progcomp_alias', 'promptvars', 'restricted_shell', 'shift_verbose', 'sourcepath', 'xpg_echo']

export const SHOPT_DEFAULTS = ['checkwinsize', 'cmdhist', 'complete_fullquote', 'expand_aliases', 'extquote', 'force_fignore', 'globasciiranges', 'hostcomplete', 'interactive_comments', 'progcomp', 'promptvars', 'sourcepath']

/**
 * The aliases root's login shell has on RHEL 9: /etc/profile.d/colorls.sh (coreutils),
 * colorgrep.sh (grep) and which2.sh (which). ~/.bashrc's rm/cp/mv -i are left out: the lab's rm,
 * cp and mv do not prompt. xzgrep and zgrep's colour aliases come with xz and gzip, not modelled.
 */
export const ROOT_ALIASES: [string, string][] = [
  ['egrep', 'egrep --color=auto'],
  ['fgrep', 'fgrep --color=auto'],
  ['grep', 'grep --color=auto'],
  ['l.', 'ls -d .* --color=auto'],
  ['ll', 'ls -l --color=auto'],
  ['ls', 'ls --color=auto'],
  ['which', '(alias; declare -f) | /usr/bin/which --tty-only --read-alias --read-functions --show-tilde --show-dot'],
]

export class Session {
  cwd = '/root'
  vars = new Map<string, Var>()
  /** The Vars this session may change in place (see own()). */
  private owned = new WeakSet<Var>()
  functions = new Map<string, FunctionDef>()
  positional: string[] = []
  argv0 = '-bash'
  options = new Set<string>()
  traps = new Map<string, string>()
  /** A subshell's view of its parent's traps, which trap -p shows until it sets one of its own. */
  parentTraps: Map<string, string> | null = null
  /** Fds beyond 0-2 opened with `exec 3>file`, and 0-2 when exec redirected them. */
  fds = new Map<number, Fd | null>()
  /** The process substitutions open in this process: its own and those open in its parent when it forked. */
  subs: ProcSub[] = []
  status = 0
  pipestatus: number[] = [0]
  history: string[] = []
  jobs = new JobTable()
  /** Remembered command paths (`hash`). */
  hash = new CommandHash()
  /** `alias` definitions, by name. */
  aliases = new Map<string, string>()
  /** Lines an interactive shell has read from its terminal (bash's line number counts on across them). */
  linesRead = 0
  /** The `shopt` options that are on. */
  shopts = new Set<string>()
  /** Local-variable frames of the functions being run: the saved outer Var of each local name. */
  frames: Map<string, Var | undefined>[] = []
  /** This shell's PID ($$ is the login shell's even in a subshell; BASHPID is this one). */
  pid = 0
  loginPid = 0
  lastBackground: number | null = null
  /** `exit` has said "There are stopped jobs." once; the next exit leaves. */
  warnedStoppedJobs = false
  /** sshd's two session processes and the login bash. */
  private loginPids: number[] = []
  interactive = true
  subshell = 0
  tty: string | null = null

  /** `login`: a terminal's session, with its sshd and bash in the process table (not a unit's ExecStart). */
  constructor(
    readonly host: Host,
    private readonly loginSession = true,
    /** Whether the login read RHEL's startup files (false: `bash --norc`, as fixtures are recorded). */
    private readonly rc = loginSession,
  ) {
    this.reset()
  }

  reset(): void {
    // Logging out hangs up the session's jobs (SIGHUP), stopped ones included.
    for (const job of this.jobs?.jobs ?? []) job.signal(1)
    this.cwd = '/root'
    this.vars = new Map()
    const env: [string, string][] = [
      ['PATH', '/root/.local/bin:/root/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin'],
      ['HOME', '/root'],
      ['USER', 'root'],
      ['LOGNAME', 'root'],
      ['SHELL', '/bin/bash'],
      ['TERM', 'xterm-256color'],
      ['LANG', 'en_US.UTF-8'],
      ['HOSTNAME', this.host.hostname.toLowerCase()],
      ['PWD', '/root'],
      ['SHLVL', '1'],
      ['HISTSIZE', '1000'],
    ]
    for (const [k, v] of env) this.vars.set(k, { value: v, exported: k !== 'HISTSIZE' })
    this.vars.set('PS1', { value: '[\\u@\\h \\W]\\$ ' })
    this.vars.set('PS2', { value: '> ' })
    this.vars.set('PS4', { value: '+ ' })
    this.vars.set('OPTIND', { value: '1' })
    this.functions = new Map()
    this.positional = []
    this.options = new Set(['braceexpand', 'hashall', 'histexpand', 'monitor', 'interactive-comments', 'emacs'])
    this.traps = new Map()
    this.fds = new Map()
    this.status = 0
    this.pipestatus = [0]
    this.jobs = new JobTable()
    this.hash = new CommandHash()
    this.aliases = new Map(this.rc ? ROOT_ALIASES : [])
    this.shopts = new Set(SHOPT_DEFAULTS)
    if (this.loginSession) this.shopts.add('login_shell')
    // /etc/bashrc turns on histappend for interactive shells.
    if (this.rc) this.shopts.add('histappend')
    this.frames = []
    this.lastBackground = null
    this.warnedStoppedJobs = false
    if (this.loginSession) this.login()
  }

  /** trap is about to change a trap: from now on trap -p shows this shell's own. */
  ownTraps(): void {
    if (!this.parentTraps) return
    this.parentTraps = null
  }

  /** The login ends: its sshd processes and login bash leave the host's process table. */
  logout(): void {
    for (const pid of this.loginPids.splice(0)) this.host.procs.exit(pid)
  }

  /** A new login: sshd's session processes and the login bash in the host's process table. */
  private login(): void {
    const procs = this.host.procs
    for (const pid of this.loginPids) procs.exit(pid)
    this.tty = procs.openPty()
    const sshd = procs.list().find((p) => p.comm === 'sshd' && p.ppid === 1)
    const priv = procs.spawn({ ppid: sshd?.pid ?? 1, comm: 'sshd', args: 'sshd: root [priv]', tty: null, stat: 'Ss' })
    const user = procs.spawn({ ppid: priv.pid, comm: 'sshd', args: `sshd: root@${this.tty}`, tty: null, stat: 'S' })
    const bash = procs.spawn({ ppid: user.pid, comm: 'bash', args: '-bash', tty: this.tty, stat: 'Ss' })
    this.pid = this.loginPid = bash.pid
    this.loginPids = [priv.pid, user.pid, bash.pid]
  }

  /** A copy for a subshell: same values, nothing shared that either side could change. */
  fork(pid: number): Session {
    const s = Object.create(Session.prototype) as Session
    Object.assign(s, this)
    // Copy on write: both sides now share every Var, and copy one the first time they change it.
    s.vars = new Map(this.vars)
    s.owned = new WeakSet()
    this.owned = new WeakSet()
    s.functions = new Map(this.functions)
    s.positional = [...this.positional]
    s.options = new Set(this.options)
    // A subshell keeps ignored signals ignored; every other trap, EXIT's included, is reset.
    s.parentTraps = this.parentTraps ?? (this.traps.size ? new Map(this.traps) : null)
    // With set -T (functrace) DEBUG and RETURN are inherited, with set -E (errtrace) ERR.
    const kept = (k: string, v: string) => v === '' || ((k === 'DEBUG' || k === 'RETURN') && this.options.has('functrace')) || (k === 'ERR' && this.options.has('errtrace'))
    s.traps = new Map([...this.traps].filter(([k, v]) => kept(k, v)))
    s.fds = new Map(this.fds)
    s.subs = this.subs.filter((sub) => !sub.closed)
    s.pipestatus = [...this.pipestatus]
    s.jobs = new JobTable()
    s.hash = this.hash.copy()
    s.aliases = new Map(this.aliases)
    s.shopts = new Set(this.shopts)
    s.frames = []
    s.pid = pid
    s.subshell = this.subshell + 1
    return s
  }

  /** The variable's Var, made this session's own (copied if a fork still shares it) so it may change. */
  own(name: string): Var | undefined {
    const v = this.vars.get(name)
    if (!v || this.owned.has(v)) return v
    const copy: Var = { ...v, array: v.array && new Map(v.array), assoc: v.assoc && new Map(v.assoc) }
    this.vars.set(name, copy)
    this.owned.add(copy)
    return copy
  }

  get(name: string): string | undefined {
    const v = this.vars.get(name)
    if (!v) return undefined
    if (v.value !== undefined) return v.value
    if (v.array) return v.array.get(0)
    if (v.assoc) return v.assoc.get('0')
    return undefined
  }

  set(name: string, value: string): void {
    charge(this.host.engine, value.length)
    // Assigning PATH empties the command hash even when the value is the same (sv_path).
    if (name === 'PATH') this.hash.flush()
    const v = this.own(name)
    if (v?.letterCase) value = v.letterCase === 'lower' ? value.toLowerCase() : value.toUpperCase()
    if (v) {
      if (v.array) v.array.set(0, value)
      else if (v.assoc) v.assoc.set('0', value)
      else v.value = value
      if (this.options.has('allexport')) v.exported = true
    } else this.vars.set(name, { value, exported: this.options.has('allexport') || undefined })
  }

  /** What a child process inherits: the exported variables with a value, as `env` lists them. */
  environment(): [string, string][] {
    const out: [string, string][] = []
    for (const [k, v] of this.vars) {
      const value = v.value ?? v.array?.get(0)
      if (v.exported && value !== undefined) out.push([k, value])
    }
    return out
  }

  /** Names of the exported variables (read-only view; `export` changes them). */
  get exported(): ReadonlySet<string> {
    return new Set(this.environment().map(([k]) => k))
  }

  isExported(name: string): boolean {
    return !!this.vars.get(name)?.exported
  }

  /** PS1 decoded as bash's prompt string: `[root@lvs ~]# ` with RHEL's default `[\u@\h \W]\$ `. */
  prompt(): string {
    return this.decodePrompt(this.get('PS1') ?? '')
  }

  ps2(): string {
    return this.decodePrompt(this.get('PS2') ?? '')
  }

  /** The backslash escapes of PROMPTING in bash(1) that a lab terminal can show. */
  decodePrompt(ps: string): string {
    const home = this.get('HOME') ?? '/root'
    const w = this.cwd === home ? '~' : this.cwd.startsWith(`${home}/`) ? `~${this.cwd.slice(home.length)}` : this.cwd
    const base = this.cwd === home ? '~' : this.cwd === '/' ? '/' : this.cwd.slice(this.cwd.lastIndexOf('/') + 1)
    const host = this.host.hostname
    const codes: Record<string, string> = { u: 'root', h: host.split('.')[0], H: host, w, W: base, $: '#', s: this.argv0.slice(this.argv0.lastIndexOf('/') + 1), v: '5.1', V: '5.1.8', n: '\n', '\\': '\\', '[': '', ']': '', e: '\x1b', a: '\x07', l: this.tty?.replace('pts/', '') ?? '0', j: String(this.jobs.jobs.length) }
    return ps.replace(/\\(.)/g, (m, c: string) => (Object.hasOwn(codes, c) ? codes[c] : m))
  }

  addHistory(line: string): void {
    const trimmed = line.replace(/\n+$/, '')
    if (!trimmed.trim() || trimmed.startsWith(' ')) return
    if (this.history[this.history.length - 1] === trimmed) return
    this.history.push(trimmed)
    if (this.history.length > 1000) this.history.shift()
  }
}
