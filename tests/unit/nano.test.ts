// nano 5.6.1 on a terminal of 80 × 8: the title bar, the edit window (8 − 4 rows), the status
// line and the two help lines; typing, arrows, Backspace, ^O's `File Name to Write:` prompt and
// `[ Wrote N lines ]`, ^X's `Save modified buffer?`, and the file as written.

import { describe, expect, it } from 'vitest'
import { natLab, screens } from './helpers.ts'

const lab = natLab()
lab.run('lvs', 'dnf install -y nano')
lab.run('lvs', 'printf "one\\ntwo\\n" > /root/f.txt')

const so = (s: string) => `\x1b[7m${s}\x1b[27m`
const CLEAR = '\x1b[H\x1b[2J'
const title = (file: string, modified: boolean) => so(`  GNU nano 5.6.1${' '.repeat(Math.floor((80 - file.length) / 2) - 16)}${file}`.padEnd(71) + (modified ? 'Modified ' : '         '))
const MAIN = `${so('^G')} Help      ${so('^O')} Write Out ${so('^W')} Where Is  ${so('^K')} Cut       ${so('^T')} Execute   ${so('^C')} Location\r\n${so('^X')} Exit      ${so('^R')} Read File ${so('^\\')} Replace   ${so('^U')} Paste     ${so('^J')} Justify   ${so('^_')} Go To Line`
const WRITE = `${so('^G')} Help             ${so('M-D')} DOS Format      ${so('M-A')} Append          ${so('M-B')} Backup File\r\n${so('^C')} Cancel           ${so('M-M')} Mac Format      ${so('M-P')} Prepend         ${so('^T')} Browse`
const YESNO = `${so(' Y')} Yes\r\n${so(' N')} No${' '.repeat(35)}${so('^C')} Cancel`
const status = (msg: string) => ' '.repeat(Math.floor((80 - msg.length) / 2)) + so(msg)

describe('nano', () => {
  it('edits, writes out with ^O, and exits with ^X through Save modified buffer?', () => {
    expect(screens(lab, 'lvs', 8, ['nano f.txt\r', '\x1b[B', 'X', '\x0f', '\r', '\x1b[D\x7f', '\x18', 'y', '\r', 'cat f.txt\r'])).toEqual([
      `nano f.txt\r\n\x1b[?1049h${CLEAR}${title('f.txt', false)}\r\none\r\ntwo\r\n\r\n\r\n${status('[ Read 2 lines ]')}\r\n${MAIN}\x1b[2;1H`,
      `${CLEAR}${title('f.txt', false)}\r\none\r\ntwo\r\n\r\n\r\n\r\n${MAIN}\x1b[3;1H`,
      `${CLEAR}${title('f.txt', true)}\r\none\r\nXtwo\r\n\r\n\r\n\r\n${MAIN}\x1b[3;2H`,
      `${CLEAR}${title('f.txt', true)}\r\none\r\nXtwo\r\n\r\n\r\n${so('File Name to Write: f.txt'.padEnd(80))}\r\n${WRITE}\x1b[6;26H`,
      `${CLEAR}${title('f.txt', false)}\r\none\r\nXtwo\r\n\r\n\r\n${status('[ Wrote 2 lines ]')}\r\n${MAIN}\x1b[3;2H`,
      `${CLEAR}${title('f.txt', true)}\r\noneXtwo\r\n\r\n\r\n\r\n\r\n${MAIN}\x1b[2;4H`,
      `${CLEAR}${title('f.txt', true)}\r\noneXtwo\r\n\r\n\r\n\r\n${so('Save modified buffer? '.padEnd(80))}\r\n${YESNO}\x1b[6;23H`,
      `${CLEAR}${title('f.txt', true)}\r\noneXtwo\r\n\r\n\r\n\r\n${so('File Name to Write: f.txt'.padEnd(80))}\r\n${WRITE}\x1b[6;26H`,
      '\x1b[?1049l[root@lvs ~]# ',
      'cat f.txt\r\noneXtwo\r\n[root@lvs ~]# ',
    ])
  })

  it('a new file: typed lines, ^O under a new name, ^X leaves at once when nothing is unsaved', () => {
    const s = screens(lab, 'lvs', 8, ['nano new.txt\r', 'ab\rc', '\x0f', '\x7f\x7f\x7f\x7f\x7f\x7f\x7fg.txt\r', '\x18', 'cat g.txt; ls new.txt\r'])
    expect(s[0]).toBe(`nano new.txt\r\n\x1b[?1049h${CLEAR}${title('new.txt', false)}\r\n\r\n\r\n\r\n\r\n${status('[ New File ]')}\r\n${MAIN}\x1b[2;1H`)
    expect(s[1]).toBe(`${CLEAR}${title('new.txt', true)}\r\nab\r\nc\r\n\r\n\r\n\r\n${MAIN}\x1b[3;2H`)
    expect(s[3]).toBe(`${CLEAR}${title('g.txt', false)}\r\nab\r\nc\r\n\r\n\r\n${status('[ Wrote 2 lines ]')}\r\n${MAIN}\x1b[3;2H`)
    expect(s[4]).toBe('\x1b[?1049l[root@lvs ~]# ')
    expect(s[5]).toBe("cat g.txt; ls new.txt\r\nab\r\nc\r\nls: cannot access 'new.txt': No such file or directory\r\n[root@lvs ~]# ")
  })

  it('^X then N leaves the file as it was; ^C at the prompt cancels', () => {
    const s = screens(lab, 'lvs', 8, ['nano f.txt\r', 'Z', '\x18', '\x03', '\x18', 'n', 'cat f.txt\r'])
    expect(s[3]).toBe(`${CLEAR}${title('f.txt', true)}\r\nZoneXtwo\r\n\r\n\r\n\r\n${status('[ Cancelled ]')}\r\n${MAIN}\x1b[2;2H`)
    expect(s[5]).toBe('\x1b[?1049l[root@lvs ~]# ')
    expect(s[6]).toBe('cat f.txt\r\noneXtwo\r\n[root@lvs ~]# ')
  })

  it('is not installed on a minimal host', () => {
    const r = lab.run('rs1', 'nano f.txt')
    expect({ out: r.stdout, err: r.stderr, code: r.exitCode }).toEqual({ out: '', err: '-bash: nano: command not found\n', code: 127 })
  })
})
