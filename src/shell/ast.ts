// The shell's syntax tree, shaped after bash's grammar (parse.y): lists of and-or chains of
// pipelines of commands; words keep their quoting so expansion can decide what splits and globs.

export type Part =
  | { t: 'lit'; v: string; quoted: boolean }
  | { t: 'param'; name: string; quoted: boolean; op?: { kind: ':-' | '-' | ':=' | ':+' | '#'; word?: Word } }
  | { t: 'cmd'; list: List; quoted: boolean }
  | { t: 'arith'; expr: string; quoted: boolean }
  | { t: 'tilde'; user: string }

export interface Word {
  parts: Part[]
}

export interface Redirect {
  fd: number
  op: '>' | '>>' | '<' | '<<' | '<<-' | '>&' | '<&' | '&>' | '>|'
  target: Word
  heredoc?: { body: string; expand: boolean }
}

export interface Simple {
  kind: 'simple'
  assigns: { name: string; value: Word }[]
  words: Word[]
  redirects: Redirect[]
}

export interface For {
  kind: 'for'
  name: string
  items: Word[] | null
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

export type Command = Simple | For | While | If | Group

export interface Pipeline {
  negate: boolean
  commands: Command[]
}

export interface AndOr {
  first: Pipeline
  rest: { op: '&&' | '||'; pipeline: Pipeline }[]
}

export interface List {
  items: AndOr[]
}
