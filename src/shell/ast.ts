// The shell's syntax tree, shaped after bash's grammar (parse.y): lists of and-or chains of
// pipelines of commands; words keep their quoting so expansion can decide what splits and globs.

/** `${name…}`'s operator: bash's parameter-expansion forms (subst.c parameter_brace_expand). */
export type ParamOp =
  | { kind: ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?'; word: Word }
  | { kind: '#' | '##' | '%' | '%%'; word: Word }
  | { kind: '/' | '//' | '/#' | '/%'; pattern: Word; repl: Word | null }
  | { kind: '^' | '^^' | ',' | ',,' | '~' | '~~'; word: Word | null }
  | { kind: 'substr'; offset: string; length: string | null }
  | { kind: 'len' }
  | { kind: '@Q' | '@U' | '@L' | '@E' | '@A' | '@a' | '@P' }
  /** `${!prefix*}` / `${!prefix@}`: the names of the set variables that start with the name. */
  | { kind: 'names'; at: boolean }

export type Part =
  | { t: 'lit'; v: string; quoted: boolean }
  | { t: 'param'; name: string; quoted: boolean; index?: Word; indirect?: boolean; op?: ParamOp; raw?: string }
  | { t: 'cmd'; list: List; quoted: boolean }
  | { t: 'arith'; expr: Word; quoted: boolean }
  | { t: 'tilde'; user: string }
  /** `<(list)` / `>(list)`: expands to the /dev/fd path of a pipe to or from the list. */
  | { t: 'procsub'; dir: '<' | '>'; list: List; quoted: false }

export interface Word {
  parts: Part[]
  /** The word as written in the source, for `declare -f` (syntax/print.ts). */
  raw?: string
}

export interface Redirect {
  fd: number
  op: '>' | '>>' | '<' | '<<' | '<<-' | '<<<' | '>&' | '<&' | '&>' | '&>>' | '>|' | '<>'
  target: Word
  heredoc?: { body: string; expand: boolean }
  /** A here-document's delimiter with its quotes removed. */
  heredocDelimiter?: string
  /** `{name}>file`: the shell picks a free fd (10 up) and sets the variable to it. */
  varname?: string
}

export interface Assign {
  name: string
  index?: Word
  append: boolean
  value: Word | null
  array?: { index: Word | null; value: Word }[]
  /** The assignment as written. */
  raw?: string
}

export interface Simple {
  kind: 'simple'
  assigns: Assign[]
  words: Word[]
  redirects: Redirect[]
  /** Source text, for `jobs`, `set -x` of compound commands and job notices. */
  text: string
  /** Line in the script where it starts (bash's LINENO, and `script: line N:` in errors). */
  line: number
}

export interface For {
  kind: 'for'
  name: string
  items: Word[] | null
  body: List
  redirects: Redirect[]
}

/** `select name [in words]; do …; done`: a numbered menu on stderr, the choice read from stdin. */
export interface Select {
  kind: 'select'
  name: string
  items: Word[] | null
  body: List
  redirects: Redirect[]
}

export interface ArithFor {
  kind: 'arith-for'
  init: Word
  cond: Word
  step: Word
  body: List
  redirects: Redirect[]
}

export interface While {
  kind: 'while'
  until: boolean
  cond: List
  body: List
  redirects: Redirect[]
}

export interface If {
  kind: 'if'
  clauses: { cond: List; body: List }[]
  otherwise: List | null
  redirects: Redirect[]
}

export interface Group {
  kind: 'group'
  subshell: boolean
  body: List
  redirects: Redirect[]
}

export interface Case {
  kind: 'case'
  word: Word
  items: { patterns: Word[]; body: List; end: ';;' | ';&' | ';;&' }[]
  redirects: Redirect[]
}

export interface FunctionDef {
  kind: 'function'
  name: string
  body: Command
  text: string
  redirects: Redirect[]
  /** export -f: a bash this shell starts defines it too (copied on export, the tree is shared). */
  exported?: boolean
}

export interface ArithCmd {
  kind: 'arith'
  expr: Word
  text: string
  redirects: Redirect[]
}

export type CondExpr =
  | { t: 'and' | 'or'; l: CondExpr; r: CondExpr }
  | { t: 'not'; e: CondExpr }
  | { t: 'group'; e: CondExpr }
  | { t: 'unary'; op: string; arg: Word }
  | { t: 'binary'; op: string; l: Word; r: Word }
  | { t: 'word'; w: Word }

export interface CondCmd {
  kind: 'cond'
  expr: CondExpr
  redirects: Redirect[]
}

export type Command = Simple | For | Select | ArithFor | While | If | Group | Case | FunctionDef | ArithCmd | CondCmd

export interface Pipeline {
  negate: boolean
  commands: Command[]
  /** `|&`: the stage's stderr goes down the pipe too. */
  stderr: boolean[]
  /** `time [-p]`: report the pipeline's elapsed (virtual) time. */
  time?: 'default' | 'posix'
}

export interface AndOr {
  first: Pipeline
  rest: { op: '&&' | '||'; pipeline: Pipeline }[]
  /** Ended with `&`: runs as a background job. */
  background: boolean
  text: string
}

export interface List {
  items: AndOr[]
}
