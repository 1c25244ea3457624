// The options of the tools whose usage texts are recorded in tests/fixtures/tools/usage.json,
// beyond --help and --version: what each models, and what it refuses as not simulated rather
// than ignore (ping, hostname, watch, dmesg, more, diff, clear, xxd, why).

import { describe, expect, it } from 'vitest'
import { natLab } from './helpers.ts'

const lab = natLab()
const run = (line: string) => {
  const r = lab.run('client', line)
  return { stdout: r.stdout, stderr: r.stderr, status: r.exitCode }
}

describe('options the lab models', () => {
  it('hostname -s is the name up to the first dot, -I the addresses', () => {
    expect(run('hostname -s')).toEqual({ stdout: `${lab.host('client')!.hostname.split('.')[0]}\n`, stderr: '', status: 0 })
    expect(run('hostname --all-ip-addresses')).toEqual(run('hostname -I'))
  })

  it('clear -x leaves the scrollback', () => {
    expect(run('clear').stdout).toBe('\x1b[H\x1b[2J\x1b[3J')
    expect(run('clear -x').stdout).toBe('\x1b[H\x1b[2J')
    expect(run('clear -V')).toEqual({ stdout: 'ncurses 6.2.20210508\n', stderr: '', status: 0 })
  })

  it('diff --unified with no number is -u, as its optional argument says', () => {
    run("printf 'a\\nb\\n' > /tmp/x; printf 'a\\nc\\n' > /tmp/y")
    expect(run('diff --unified /tmp/x /tmp/y').stdout).toBe(run('diff -u /tmp/x /tmp/y').stdout)
    expect(run('diff --unified=0 /tmp/x /tmp/y').stdout.split('\n').slice(2)).toEqual(['@@ -2 +2 @@', '-b', '+c', ''])
    expect(run('diff -v').stdout).toBe(run('diff --version').stdout)
  })

  it('why reads its count and -a/--all like a GNU tool', () => {
    expect(run('why --al 3').status).toBe(0)
    expect(run('why 3 4')).toEqual({ stdout: '', stderr: "why: extra operand '4'\nTry 'why --help' for more information.\n", status: 1 })
    expect(run('why -x')).toEqual({ stdout: '', stderr: "why: invalid option -- 'x'\nTry 'why --help' for more information.\n", status: 1 })
  })
})

describe('options the real tools have that the lab refuses', () => {
  it.each([
    ['ping -a 127.0.0.1', "ping: option '-a' is not simulated in LVS Lab\n", 2],
    ['ping -c1 -I eth0 127.0.0.1', "ping: option '-I' is not simulated in LVS Lab\n", 2],
    ['hostname -f', "hostname: option '-f' is not simulated in LVS Lab\n", 1],
    ['hostname --long', "hostname: option '--long' is not simulated in LVS Lab\n", 1],
    ['hostname lab1', 'hostname: setting the host name is not simulated in LVS Lab\n', 1],
    ['watch -d ls', "watch: option '-d' is not simulated in LVS Lab\n", 1],
    ['dmesg -H', "dmesg: option '-H' is not simulated in LVS Lab\n", 1],
    ['dmesg --since=-1h', "dmesg: option '--since' is not simulated in LVS Lab\n", 1],
    ['more +3 /etc/hosts', "more: option '+3' is not simulated in LVS Lab\n", 1],
    ['more -s /etc/hosts', "more: option '-s' is not simulated in LVS Lab\n", 1],
    ['diff -y /etc/hosts /etc/hosts', "diff: option '-y' is not simulated in LVS Lab\n", 2],
    ['clear -T vt100', "clear: option '-T' is not simulated in LVS Lab\n", 1],
    ['xxd -d /etc/hosts', "xxd: option '-d' is not simulated in LVS Lab\n", 1],
    ['ps -o pid,comm', "ps: option '-o' is not simulated in LVS Lab\n", 1],
    ['ps axf', "ps: option 'f' is not simulated in LVS Lab\n", 1],
    ['ps --sort=pid', "ps: option '--sort' is not simulated in LVS Lab\n", 1],
  ])('%s', (line, stderr, status) => {
    expect(run(line)).toEqual({ stdout: '', stderr, status })
  })
})

describe('usage errors', () => {
  it('ping checks its numbers as iputils does', () => {
    expect(run('ping -c 0 127.0.0.1')).toEqual({ stdout: '', stderr: "ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807\n", status: 1 })
    expect(run('ping -W -1 127.0.0.1')).toEqual({ stdout: '', stderr: 'ping: bad linger time: -1\n', status: 2 })
    // ping_strtod only warns about trailing garbage and goes on with the number it read.
    expect(run('ping -c 1 -W 1x 127.0.0.1')).toMatchObject({ stderr: 'ping: option argument contains garbage: x\nping: this will become fatal error in the future\n', status: 0 })
    expect(run('ping -i -1 127.0.0.1')).toEqual({ stdout: '', stderr: 'ping: bad timing interval: -1\n', status: 2 })
  })

  it('ps --help names its sections; --version is exclusive', () => {
    expect(run('ps --help t').stdout).toContain('\nShow threads:\n  H                   as if they were processes\n')
    expect(run('ps -V -e')).toMatchObject({ stdout: '', status: 1 })
    expect(run('ps -V -e').stderr.split('\n')[0]).toBe('error: the option is exclusive: -V')
  })
})
