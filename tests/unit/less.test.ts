// less 590 and more (util-linux 2.37): piped or redirected, both copy their input like cat (more
// with its `::::::::::::::` headers between several files); at a terminal of 6 rows they page five
// lines at a time with their prompts, and the keys move, search and quit as the real ones do.

import { describe, expect, it } from 'vitest'
import { natLab, screens } from './helpers.ts'

const lab = natLab()
lab.run('lvs', 'seq 12 > /root/n.txt')
lab.run('lvs', 'printf "a\\tb\\n" > /root/t.txt')

const CASES: [string, string, string, number][] = [
  ['less n.txt | wc -l', '12\n', '', 0],
  ['seq 3 | less', '1\n2\n3\n', '', 0],
  ['less t.txt n.txt | head -3', 'a\tb\n1\n2\n', '', 0],
  ['less nosuch t.txt', 'a\tb\n', 'nosuch: No such file or directory\n', 0],
  ['less -Z n.txt', '', 'There is no Z option ("less --help" for help)\n', 1],
  ['more t.txt', 'a\tb\n', '', 0],
  ['more t.txt t.txt', '::::::::::::::\nt.txt\n::::::::::::::\na\tb\n::::::::::::::\nt.txt\n::::::::::::::\na\tb\n', '', 0],
  ['seq 2 | more', '1\n2\n', '', 0],
  ['more nosuch', '', 'more: cannot open nosuch: No such file or directory\n', 1],
  ['more -Z n.txt', '', "more: invalid option -- 'Z'\nTry 'more --help' for more information.\n", 1],
]

const CLEAR = '\x1b[H\x1b[2J'
const so = (s: string) => `\x1b[7m${s}\x1b[27m`

describe('less and more', () => {
  it.each(CASES)('%s', (line, stdout, stderr, code) => {
    const r = lab.run('lvs', line)
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.exitCode }).toEqual({ stdout, stderr, code })
  })

  it('less pages at the terminal: Space, b, /search, j, G, q', () => {
    expect(screens(lab, 'lvs', 6, ['less n.txt\r', ' ', 'b', '/1\r', 'n', 'j', 'G', 'g', 'q'])).toEqual([
      `less n.txt\r\n\x1b[?1049h${CLEAR}1\r\n2\r\n3\r\n4\r\n5\r\n${so('n.txt')}`,
      `${CLEAR}6\r\n7\r\n8\r\n9\r\n10\r\n:`,
      `${CLEAR}1\r\n2\r\n3\r\n4\r\n5\r\n:`,
      `${CLEAR}${so('1')}0\r\n${so('1')}${so('1')}\r\n${so('1')}2\r\n~\r\n~\r\n${so('(END)')}`,
      `${CLEAR}${so('1')}${so('1')}\r\n${so('1')}2\r\n~\r\n~\r\n~\r\n${so('(END)')}`,
      `${CLEAR}8\r\n9\r\n${so('1')}0\r\n${so('1')}${so('1')}\r\n${so('1')}2\r\n${so('(END)')}`,
      `${CLEAR}8\r\n9\r\n${so('1')}0\r\n${so('1')}${so('1')}\r\n${so('1')}2\r\n${so('(END)')}`,
      `${CLEAR}${so('1')}\r\n2\r\n3\r\n4\r\n5\r\n:`,
      '\r\x1b[K\x1b[?1049l[root@lvs ~]# ',
    ])
  })

  it('less: a short input fills with ~ and ends at (END); a missing pattern says so', () => {
    expect(screens(lab, 'lvs', 6, ['seq 3 | less\r', '/x\r', '\r', 'q'])).toEqual([
      `seq 3 | less\r\n\x1b[?1049h${CLEAR}1\r\n2\r\n3\r\n~\r\n~\r\n${so('(END)')}`,
      `${CLEAR}1\r\n2\r\n3\r\n~\r\n~\r\n${so('Pattern not found  (press RETURN)')}`,
      `${CLEAR}1\r\n2\r\n3\r\n~\r\n~\r\n${so('(END)')}`,
      '\r\x1b[K\x1b[?1049l[root@lvs ~]# ',
    ])
  })

  it('less with nothing to read at the terminal asks for a file name', () => {
    expect(screens(lab, 'lvs', 6, ['less\r'])).toEqual(['less\r\nMissing filename ("less --help" for help)\r\n[root@lvs ~]# '])
  })

  it('more pages at the terminal with the byte percentage, Enter a line, and ends at the end', () => {
    expect(screens(lab, 'lvs', 6, ['more n.txt\r', ' ', '\r', ' '])).toEqual([
      `more n.txt\r\n1\r\n2\r\n3\r\n4\r\n5\r\n${so('--More--(37%)')}`,
      `\r\x1b[K6\r\n7\r\n8\r\n9\r\n10\r\n${so('--More--(77%)')}`,
      `\r\x1b[K11\r\n${so('--More--(88%)')}`,
      '\r\x1b[K12\r\n[root@lvs ~]# ',
    ])
  })

  it('more: q quits; stdin shows no percentage; text that fits prints at once', () => {
    expect(screens(lab, 'lvs', 6, ['seq 8 | more\r', 'q', 'more t.txt\r'])).toEqual([
      `seq 8 | more\r\n1\r\n2\r\n3\r\n4\r\n5\r\n${so('--More--')}`,
      '\r\x1b[K[root@lvs ~]# ',
      'more t.txt\r\na\tb\r\n[root@lvs ~]# ',
    ])
  })
})
