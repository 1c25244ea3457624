// The declaration a command makes of its options: one entry per option (short letter, long names,
// argument, how its value is read), from which the parser, the usage errors, `--help` and tab
// completion are all derived (args/index.ts, args/help.ts). The typed result `Values<O>` is
// computed from the declaration, so a command can only read the options it declared.

import type { GetoptError } from './getopt.ts'

/** A value that cannot be used: the message follows `prog: `; `tryHelp` adds the tool's Try line. */
export interface Fail {
  fail: string
  status?: number
  tryHelp?: boolean
}

export function isFail(v: unknown): v is Fail {
  return typeof v === 'object' && v !== null && 'fail' in v
}

interface OptCommon {
  /** One letter: `-n`. */
  short?: string
  /** Long names, the first the canonical one: sed's `--quiet` and `--silent`. */
  long?: string | readonly string[]
  /** The `--help` line's description; `\n` starts a continuation line at the help column. */
  help?: string
  /** The help line's left column where the tool writes it otherwise than `-x, --long=ARG`. */
  label?: string
  /** A line (or paragraph) the help prints before this option's: a group heading, a note. */
  before?: string
  /** Listed after the `--help`/`--version` lines, as od lists its traditional options. */
  afterStandard?: true
  /** Spaces after a label that reaches the help column: 2, or 1 where the tool's text has one
   *  (util-linux dmesg's `--console-level <level>`). */
  gap?: number
  /** Where this option's help column starts, where the tool aligns it apart from the rest. */
  column?: number
  /** The real tool has it and its help lists it, but the lab does not model what it does: the
   *  parser knows it (abbreviations stay as ambiguous as the real tool's) and the command is
   *  refused with a message saying so, never run as if the option were not there. */
  unsimulated?: true
}

export interface FlagDef extends OptCommon {
  arg?: undefined
}

export interface ValueDef<T = unknown> extends OptCommon {
  /** getopt's required_argument (`-n 5`, `-n5`, `--lines 5`, `--lines=5`) or optional_argument
   *  (only glued: `-cVAL`, `--color=VAL`). */
  arg: 'required' | 'optional'
  /** The argument's name in `--help` (`NUM`, `WHEN`). */
  argName?: string
  /** Read while parsing, in command-line order, as the GNU tools do in their getopt loop. */
  parse?: (value: string) => T | Fail
  /** For an optional argument given bare (`--color`): the text read in its place. */
  bare?: string
  /** Keep every occurrence (`grep -e a -e b`) instead of the last. */
  list?: boolean
}

export type OptDef = FlagDef | ValueDef<any>

export type Options = Record<string, OptDef>

type ValueOf<D> = D extends { parse: (v: string) => infer R } ? Exclude<R, Fail> : string

/** Flags are booleans; valued options the parsed value (the last one) or, with `list`, all of them. */
export type Values<O extends Options> = {
  [K in keyof O]: O[K] extends { arg: 'required' | 'optional' } ? (O[K] extends { list: true } ? ValueOf<O[K]>[] : ValueOf<O[K]> | undefined) : boolean
}

export interface HelpText {
  /** `Usage:` lines, `%s` standing for the program name as invoked. */
  usage: readonly string[]
  /** The whole text as the tool prints it, for tools whose help is not an aligned option list
   *  (sed, gawk); `%s` is the program name. */
  raw?: string
  /** Paragraphs between the usage and the option list. */
  intro?: string
  /** Spaces before each option's label: 2 for GNU tools, 1 for procps-ng's. */
  indent?: number
  /** The `--help`/`--version` lines where the tool writes its own (procps-ng: `-V, --version`). */
  standard?: string
  /** `--help` and `--version` aligned with the options at the help column (findutils, diffutils);
   *  coreutils 8.32 prints them at a fixed width. */
  standardAligned?: true
  /** Lines between the option list and the `--help`/`--version` lines. */
  beforeStandard?: string
  /** Paragraphs after the option list; a text holding a literal `%s` (date's FORMAT list) is
   *  given as a function of the program name instead. */
  outro?: string | ((prog: string) => string)
  /** Column where option descriptions start (GNU tools align by hand; most use 27 or 29). */
  column?: number
}

export interface ArgSpec<O extends Options = Options> {
  /** `gnu`: getopt_long (permutation, abbreviations). `popt`: exact long names, leftovers. */
  flavour?: 'gnu' | 'popt'
  options: O
  /** getopt() without longopts (iputils, ncurses' clear): `--help` is the short option `-` and
   *  then `h`..., so it fails as `invalid option -- '-'`; only a bare `--` ends the options. */
  shortOnly?: boolean
  /** The tool's getopt loop has no case for '?' (GNU which 2.21): glibc's message is printed for
   *  each bad option and the parse goes on without it. */
  ignoresErrors?: boolean
  /** getopt's leading `+`: the first operand ends the options (env, xargs, timeout, nice). */
  stopAtOperand?: boolean
  /** Exit status of a usage error (1 for most coreutils, 2 for ls/grep/sort/diff, 125 for env). */
  usageStatus: number
  /** The tool's own wording of a getopt error, for the tools that set `opterr = 0` (gawk); no line
   *  at all where it gives undefined. The default is glibc's. */
  message?: (e: GetoptError, spec: ArgSpec) => string | undefined
  /** The lines after a usage error's message; the default is `Try 'PROG --help' for more information.`. */
  tryHelp?: (prog: string, help: () => string) => string
  /** Long option names in the C source's longopts order, where it differs from the declaration
   *  order: getopt lists an ambiguous abbreviation's possibilities in that order. */
  longOrder?: readonly string[]
  help?: HelpText
  /** The `--version` text; with `help`, the tool takes `--help` and `--version` as getopt_long tools do. */
  version?: string
}

/** Declares a spec with its option types kept (an identity at run time). */
export function defineArgs<O extends Options>(spec: ArgSpec<O>): ArgSpec<O> {
  return spec
}

export function longNames(def: OptDef): readonly string[] {
  return def.long === undefined ? [] : typeof def.long === 'string' ? [def.long] : def.long
}
