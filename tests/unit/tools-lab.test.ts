// The GNU tools where the labs use them: counting a scheduler's split with seq/sort/uniq,
// reading ipvsadm's table with awk, editing a config with sed -i; and options every tool now
// refuses instead of ignoring.

import { describe, expect, it } from 'vitest'
import { natLab, workingNat } from './helpers.ts'

describe('the tools in the labs', () => {
  const lab = workingNat('rr')

  it('count the rr split the way every LVS course does', () => {
    const r = lab.run('client', 'for i in $(seq 12); do curl -s 172.25.254.200; done | sort | uniq -c')
    expect(r).toMatchObject({ stdout: '      6 RS1 - 192.168.0.10\n      6 RS2 - 192.168.0.20\n', exitCode: 0 })
  })

  it('read the real servers out of ipvsadm -Ln with awk', () => {
    const r = lab.run('lvs', "ipvsadm -Ln | awk '/->/ && $2 != \"RemoteAddress:Port\" {print $2, $3, $4}'")
    expect(r.stdout).toBe('192.168.0.10:80 Masq 1\n192.168.0.20:80 Masq 1\n')
  })

  it('edit a file in place with sed -i and see it with grep -n', () => {
    lab.run('rs1', "sed -i 's/^Listen 80$/Listen 8080/' /etc/httpd/conf/httpd.conf")
    expect(lab.run('rs1', 'grep -n "^Listen" /etc/httpd/conf/httpd.conf').stdout).toMatch(/^\d+:Listen 8080\n$/)
  })
})

describe('options the tools do not have', () => {
  const lab = natLab()
  it.each([
    ['cat -z /etc/hosts', "cat: invalid option -- 'z'\nTry 'cat --help' for more information.\n", 1],
    ['wc -q', "wc: invalid option -- 'q'\nTry 'wc --help' for more information.\n", 1],
    ['ls --nope', "ls: unrecognized option '--nope'\nTry 'ls --help' for more information.\n", 2],
    ['grep -Q x', "grep: invalid option -- 'Q'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2],
    ['head -n', "head: option requires an argument -- 'n'\nTry 'head --help' for more information.\n", 1],
    ['sort --rev=1', "sort: option '--reverse' doesn't allow an argument\nTry 'sort --help' for more information.\n", 2],
  ])('%s', (line, output, status) => {
    expect(lab.run('client', line)).toMatchObject({ output, exitCode: status })
  })

  it('head -c and tail -n +N do what they say', () => {
    expect(lab.run('client', 'printf "abcdefgh\\n" | head -c 5').stdout).toBe('abcde')
    expect(lab.run('client', 'printf "1\\n2\\n3\\n" | tail -n +2').stdout).toBe('2\n3\n')
    expect(lab.run('client', 'printf "1\\n2\\n3\\n" | grep -A1 1').stdout).toBe('1\n2\n')
  })
})
