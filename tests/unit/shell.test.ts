// The shell language as bash 5.1 handles the labs' idioms: quoting, expansions, redirections,
// here-documents, loops, and bash's own error texts and statuses (rhel9-system.md §8).

import { describe, expect, it } from 'vitest'
import { parse } from '../../src/shell/parse.ts'
import { natLab } from './helpers.ts'

const lab = natLab()
const run = (line: string) => lab.run('client', line)

describe('parser', () => {
  it.each([
    ['echo "abc', true],
    ['for i in 1 2; do', true],
    ['cat <<EOF\nx', true],
    ['echo a |', true],
    ['echo a &&', true],
    ['echo $(ls', true],
    ['echo ok', false],
  ])('%j incomplete: %s', (src, incomplete) => {
    const r = parse(src)
    expect(!r.ok && r.incomplete).toBe(incomplete)
  })

  it.each([
    ['ls )', "syntax error near unexpected token `)'"],
    ['echo x >', "syntax error near unexpected token `newline'"],
    ['done', "syntax error near unexpected token `done'"],
    ['echo a ;; b', "syntax error near unexpected token `;;'"],
  ])('%j is a syntax error', (src, message) => {
    const r = parse(src)
    expect(r.ok || r.incomplete ? null : r.error).toBe(message)
  })

  it('survives hostile input without throwing', () => {
    for (const src of ['(((((((((((', '$($($($($(', '"'.repeat(1001), '\u0000\u0001\uffff', '{'.repeat(300) + '}'.repeat(300), 'a'.repeat(100000), ')'.repeat(50), "'\\''", '`echo`'.repeat(50), '(('.repeat(500)]) {
      expect(() => parse(src)).not.toThrow()
    }
  })
})

describe('interpreter', () => {
  it('quoting, variables and $?', () => {
    expect(run(`X='a  b'; echo $X "$X" '$X' \\$X`).stdout).toBe('a b a  b $X $X\n')
    expect(run('false; echo $?').stdout).toBe('1\n')
    expect(run('nosuch; echo $?').output).toBe('-bash: nosuch: command not found\n127\n')
  })

  it('brace expansion and the blog idiom for loop', () => {
    expect(run('echo {1..5}').stdout).toBe('1 2 3 4 5\n')
    expect(run('echo rs{1,2}.lab').stdout).toBe('rs1.lab rs2.lab\n')
    expect(run('for i in {1..3}; do echo n$i; done').stdout).toBe('n1\nn2\nn3\n')
    expect(run('i=0; while [ $i -lt 3 ]; do i=$((i + 1)); done; echo $i').stdout).toBe('3\n')
    expect(run('[ -f /etc/hosts ] && [ "a" != "b" ] && echo both').stdout).toBe('both\n')
    expect(run('[ 1 -lt x ]; echo $?').output).toBe('-bash: [: x: integer expression expected\n2\n')
  })

  it('command substitution, arithmetic, && and ||', () => {
    expect(run('echo "host: $(hostname)"').stdout).toBe('host: client\n')
    expect(run('echo $((2 + 3 * 4))').stdout).toBe('14\n')
    expect(run('true && echo yes || echo no').stdout).toBe('yes\n')
    expect(run('false && echo yes || echo no').stdout).toBe('no\n')
  })

  it('redirections: >, >>, <, 2>, 2>&1, here-documents', () => {
    run('echo one > /tmp/f; echo two >> /tmp/f')
    expect(run('cat /tmp/f').stdout).toBe('one\ntwo\n')
    expect(run('wc -l < /tmp/f').stdout).toBe('2\n')
    expect(run('cat /nofile 2>/dev/null; echo $?').stdout).toBe('1\n')
    expect(run('cat /nofile 2>&1 | grep -c such').stdout).toBe('1\n')
    expect(run('N=7; cat <<EOF\nvalue $N\nEOF').stdout).toBe('value 7\n')
    expect(run("cat <<'EOF'\nvalue $N\nEOF").stdout).toBe('value $N\n')
  })

  it("bash's errors", () => {
    expect(run('cd /nosuchdir').output).toBe('-bash: cd: /nosuchdir: No such file or directory\n')
    expect(run('cd /etc/hosts').output).toBe('-bash: cd: /etc/hosts: Not a directory\n')
    expect(run('echo x > /nodir/f').output).toBe('-bash: /nodir/f: No such file or directory\n')
    expect(run('cat < /nofile').output).toBe('-bash: /nofile: No such file or directory\n')
    expect(run('ls /nofile')).toMatchObject({ output: "ls: cannot access '/nofile': No such file or directory\n", exitCode: 2 })
    expect(run('/etc')).toMatchObject({ output: '-bash: /etc: Is a directory\n', exitCode: 126 })
    expect(run('ls )')).toMatchObject({ output: "-bash: syntax error near unexpected token `)'\n", exitCode: 2 })
  })

  it('an endless loop is stopped, not hung', { timeout: 30_000 }, () => {
    const r = run('while true; do :; done')
    expect(r.exitCode).not.toBe(0)
    expect(r.output).toMatch(/loop stopped|\^C/)
  })

  it('globbing against the host files', () => {
    expect(run('ls /etc/NetworkManager/system-connections/*.nmconnection').stdout).toBe('/etc/NetworkManager/system-connections/eth0.nmconnection\n')
    expect(run('echo /etc/no*such').stdout).toBe('/etc/no*such\n')
  })

  it('/proc/sys reads and writes like sysctl', () => {
    expect(run('cat /proc/sys/net/ipv4/ip_forward').stdout).toBe('0\n')
    run('echo 1 > /proc/sys/net/ipv4/ip_forward')
    expect(run('sysctl net.ipv4.ip_forward').stdout).toBe('net.ipv4.ip_forward = 1\n')
    run('sysctl -w net.ipv4.ip_forward=0')
  })
})
