// Only what the learner types reaches the shell: xterm.js's answers to the queries a served page or
// a file can print (device attributes, status and cursor reports, mode, window, colour and status-
// string reports) and its focus and mouse reports are told apart from every key a keyboard or a
// paste sends; and the queries themselves are swallowed before xterm.js can answer them.

import { describe, expect, it } from 'vitest'
import { CSI_QUERIES, isTerminalReply, registerReplyGuards, type ParserHost } from '../../src/ui/terminal/replies.ts'

describe('terminal replies', () => {
  it.each([
    ['DA1', '\x1b[?1;2c'],
    ['DA1 (VT102)', '\x1b[?6c'],
    ['DA2', '\x1b[>0;276;0c'],
    ['DSR status', '\x1b[0n'],
    ['cursor position', '\x1b[24;80R'],
    ['DEC cursor position', '\x1b[?5;1R'],
    ['mode report', '\x1b[?2004;1$y'],
    ['ANSI mode report', '\x1b[4;2$y'],
    ['window size report', '\x1b[8;24;80t'],
    ['OSC colour report', '\x1b]11;rgb:1111/1414/1818\x1b\\'],
    ['OSC colour report (BEL)', '\x1b]10;rgb:d8d8/dede/e9e9\x07'],
    ['DECRQSS answer', '\x1bP1$r0;1r\x1b\\'],
    ['focus in', '\x1b[I'],
    ['focus out', '\x1b[O'],
    ['SGR mouse press', '\x1b[<0;12;5M'],
    ['X10 mouse report', '\x1b[M !!'],
    ['two answers in one chunk', '\x1b[?1;2c\x1b[>0;276;0c'],
  ])('%s is the terminal’s, not the learner’s', (_name, data) => {
    expect(isTerminalReply(data)).toBe(true)
  })

  it.each([
    ['a letter', 'a'],
    ['Enter', '\r'],
    ['Escape', '\x1b'],
    ['arrow up', '\x1b[A'],
    ['arrow up (application mode)', '\x1bOA'],
    ['Ctrl+Right', '\x1b[1;5C'],
    ['Delete', '\x1b[3~'],
    ['F5', '\x1b[15~'],
    ['Alt+b', '\x1bb'],
    ['a bracketed paste', '\x1b[200~ipvsadm -Ln\r\x1b[201~'],
    ['a pasted answer followed by text', '\x1b[?1;2cls\r'],
    ['the answer text typed by hand', '1;2c0;276;0c'],
  ])('%s is typed', (_name, data) => {
    expect(isTerminalReply(data)).toBe(false)
  })

  it('swallows the queries xterm.js would answer, and leaves colour setting and window moves to it', () => {
    const csi: { id: { prefix?: string; intermediates?: string; final: string }; cb: (p: (number | number[])[]) => boolean }[] = []
    const osc: { n: number; cb: (d: string) => boolean }[] = []
    const dcs: { id: { intermediates?: string; final: string } }[] = []
    let disposed = 0
    const hook = { dispose: () => void disposed++ }
    const term: ParserHost = {
      parser: {
        registerCsiHandler: (id, cb) => (csi.push({ id, cb }), hook),
        registerOscHandler: (n, cb) => (osc.push({ n, cb }), hook),
        registerDcsHandler: (id) => (dcs.push({ id }), hook),
      },
    }
    const dispose = registerReplyGuards(term)
    for (const q of CSI_QUERIES) expect(csi.find((h) => JSON.stringify(h.id) === JSON.stringify(q))?.cb([0])).toBe(true)
    const windowOps = csi.find((h) => h.id.final === 't')!
    expect(windowOps.cb([18])).toBe(true)
    expect(windowOps.cb([14, 2])).toBe(true)
    expect(windowOps.cb([22, 0])).toBe(false)
    expect(windowOps.cb([8, 30, 100])).toBe(false)
    const bg = osc.find((h) => h.n === 11)!
    expect(bg.cb('?')).toBe(true)
    expect(bg.cb('rgb:00/00/00')).toBe(false)
    expect(osc.find((h) => h.n === 4)!.cb('1;?')).toBe(true)
    expect(dcs).toEqual([{ id: { intermediates: '$', final: 'q' } }])
    dispose()
    expect(disposed).toBe(csi.length + osc.length + dcs.length)
  })
})
