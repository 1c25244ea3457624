// What the terminal itself sends, as opposed to what the learner types. Output can ask the terminal
// questions (a served page that holds ESC [ c, ESC [ 6 n …): xterm.js answers through the same
// onData stream as the keyboard, so the answer would be typed into the shell, saved with the keys,
// printed again on replay and answered again, doubling at every reload. Two guards: the queries are
// swallowed by parser hooks, so xterm never answers them (its answers are the only source of
// these sequences), and an onData chunk made only of answers or reports (device attributes,
// status and cursor reports, mode reports, window reports, colour and status-string answers, focus
// and mouse reports) is not passed on.

/** The xterm.js parser identifiers of every query it would answer (InputHandler.ts). */
export const CSI_QUERIES: { prefix?: string; intermediates?: string; final: string }[] = [
  { final: 'c' }, // DA1
  { prefix: '>', final: 'c' }, // DA2
  { final: 'n' }, // DSR: status, cursor position
  { prefix: '?', final: 'n' }, // DECDSR
  { intermediates: '$', final: 'p' }, // DECRQM
  { prefix: '?', intermediates: '$', final: 'p' },
]
/** OSC colour numbers whose `?` argument asks for a report. */
export const OSC_COLOUR_QUERIES = [4, 10, 11, 12]
/** CSI t (window operations): these parameters ask for a report. */
export const WINDOW_REPORTS = new Set([11, 13, 14, 16, 18, 19, 20, 21])

const ESC = '\x1b'
const ANSWER = new RegExp(
  [
    `${ESC}\\[[?>]?[\\d;]*c`, // device attributes
    `${ESC}\\[\\??\\d*n`, // status report
    `${ESC}\\[\\??\\d+;\\d+R`, // cursor position report
    `${ESC}\\[\\??\\d+;\\d+\\$y`, // mode report
    `${ESC}\\[\\d+(;\\d+)*t`, // window report
    `${ESC}\\][^\\x07\\x1b]*(\\x07|${ESC}\\\\)`, // OSC answer (colours)
    `${ESC}P[^\\x1b]*${ESC}\\\\`, // DCS answer (status strings)
    `${ESC}\\[[IO]`, // focus in / out
    `${ESC}\\[M[\\s\\S]{3}`, // X10 / normal mouse report
    `${ESC}\\[<\\d+;\\d+;\\d+[Mm]`, // SGR mouse report
  ].join('|'),
  'y',
)

/**
 * True when `data` is made only of terminal answers and reports, which no key produces. A key
 * that happens to look like one (Shift+F3 is ESC [ 1 ; 2 R) is the one loss, and the shell binds no
 * such key.
 */
export function isTerminalReply(data: string): boolean {
  if (!data.startsWith(ESC)) return false
  ANSWER.lastIndex = 0
  while (ANSWER.lastIndex < data.length) {
    const at = ANSWER.lastIndex
    if (!ANSWER.test(data) || ANSWER.lastIndex === at) return false
  }
  return true
}

/** What registerReplyGuards needs of an xterm.js Terminal. */
export interface ParserHost {
  parser: {
    registerCsiHandler(id: { prefix?: string; intermediates?: string; final: string }, callback: (params: (number | number[])[]) => boolean): { dispose(): void }
    registerOscHandler(ident: number, callback: (data: string) => boolean): { dispose(): void }
    registerDcsHandler(id: { intermediates?: string; final: string }, callback: (data: string, params: (number | number[])[]) => boolean): { dispose(): void }
  }
}

/** Swallows the queries, so the terminal never answers; returns the hooks' disposer. */
export function registerReplyGuards(term: ParserHost): () => void {
  const p = term.parser
  const hooks = [
    ...CSI_QUERIES.map((id) => p.registerCsiHandler(id, () => true)),
    // A window operation that is not a report (resize, title stack) goes on to xterm.
    p.registerCsiHandler({ final: 't' }, (params) => WINDOW_REPORTS.has(Number(params[0]))),
    // Setting a colour goes on to xterm; asking for it (`?`) is swallowed.
    ...OSC_COLOUR_QUERIES.map((n) => p.registerOscHandler(n, (data) => data.split(';').includes('?'))),
    p.registerDcsHandler({ intermediates: '$', final: 'q' }, () => true),
  ]
  return () => hooks.forEach((h) => h.dispose())
}
