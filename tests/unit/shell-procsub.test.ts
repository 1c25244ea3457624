// What the recorded bash fixtures cannot show: process substitution on the virtual clock (a
// `while read` loop gets each line as the producer writes it, and so does every program that
// reads files: one that stops early ends at once and closes the pipe, one that needs the whole
// input waits for the producer to end; the /dev/fd entries close with the command), and the
// DEBUG trap's BASH_COMMAND for pipeline stages. Outputs and times were checked against bash 5.2
// with coreutils 9.1, grep 3.8, sed 4.9 and gawk 5.2 on this machine.

import { describe, expect, it } from 'vitest'
import { SECOND } from '../../src/sim/engine.ts'
import { createApi } from '../../src/worker/api.ts'
import { natLab } from './helpers.ts'

const lab = natLab()
const run = (line: string) => lab.run('client', line)

describe('process substitution', () => {
  it('streams into the shell: each line is read when it is written, not when the producer ends', () => {
    const r = run('start=$SECONDS; while read -r l; do echo "$((SECONDS - start)) $l"; done < <(for i in a b c; do echo $i; sleep 2; done)')
    expect(r.stdout).toBe('0 a\n2 b\n4 c\n')
  })

  it('streams into a program that reads as it goes: head -1 <(yes) ends at once, yes with it', () => {
    const l = natLab()
    const start = l.engine.now
    const r = l.run('client', 'head -1 <(yes); echo done')
    expect(r.stdout).toBe('y\ndone\n')
    expect(l.engine.now - start).toBeLessThan(SECOND)
    // The pipe closed with head; yes's next write (a millisecond on) is its SIGPIPE.
    l.idle(10_000)
    expect(l.run('client', 'pgrep yes; echo $?').stdout).toBe('1\n')
  })

  it('cat <(ping …) prints each reply as it comes', () => {
    const l = natLab()
    const r = l.run('lvs', 'cat <(ping -c 3 192.168.0.10) | while read l; do echo "[$SECONDS] ${l%% *}"; done')
    expect(r.stdout).toBe('[0] PING\n[0] 64\n[1] 64\n[2] 64\n[2] \n[2] ---\n[2] 3\n[2] rtt\n')
  })

  it.each([
    ['grep -m1 y', 'y\n'],
    ['grep -q y', ''],
    ['sed q', 'y\n'],
    ["awk '{ print; exit }'", 'y\n'],
    ['head -c 3', 'y\ny'],
  ])('%s <(yes) stops as soon as it has what it wants, and yes is gone with the pipe', (cmd, out) => {
    const l = natLab()
    const start = l.engine.now
    const r = l.run('client', `${cmd} <(yes)`)
    expect(r.stdout).toBe(out)
    expect(r.exitCode).toBe(0)
    expect(l.engine.now - start).toBeLessThan(SECOND)
    l.idle(10_000)
    expect(l.run('client', 'pgrep yes; echo $?').stdout).toBe('1\n')
  })

  it('makes a program that needs all its input wait for the producer to end', () => {
    expect(run('start=$SECONDS; sort <(for i in c a b; do echo $i; sleep 1; done); echo $((SECONDS - start))').stdout).toBe('a\nb\nc\n3\n')
    expect(lab.run('lvs', 'start=$SECONDS; wc -l <(ping -c 3 192.168.0.10); echo $((SECONDS - start))').stdout).toBe('8 /dev/fd/63\n2\n')
    expect(run("start=$SECONDS; awk 'END { print NR }' <(seq 2; sleep 2; seq 3); echo $((SECONDS - start))").stdout).toBe('5\n2\n')
  })

  it('pads wc as for a pipe, which has no size to measure', () => {
    expect(run('wc <(seq 1000)').stdout).toBe('   1000    1000    3893 /dev/fd/63\n')
  })

  it('lets tail -f read a pipe to its end and then wait on it, as on a FIFO', () => {
    expect(run('timeout 3 tail -f <(echo a; sleep 1; echo b); echo $?').stdout).toBe('a\nb\n124\n')
  })

  it('gives every reader the same text at the path as in a file', () => {
    run("printf 'b\\na\\nb\\n' > /tmp/in")
    for (const cmd of ['cat -n', 'head -2', 'tail -1', 'tac', 'cut -c1', 'uniq -c', 'sort', 'md5sum', 'sha256sum', 'base64', 'od -c', 'xxd', 'grep -n b', 'sed -n 2p', 'awk "{ print FILENAME, \\$0 }"', 'diff /etc/hostname', 'less', 'more', 'sysctl -p']) {
      const fromFile = run(`${cmd} /tmp/in`)
      const fromPipe = run(`${cmd} <(cat /tmp/in)`)
      expect(fromPipe.stdout, cmd).toBe(fromFile.stdout.replaceAll('/tmp/in', '/dev/fd/63'))
      expect(fromPipe.exitCode, cmd).toBe(fromFile.exitCode)
    }
  })

  it('gives a file named inside an option the pipe too', () => {
    expect(run("grep -f <(echo a) /tmp/in; sed '1r '<(echo added) /etc/hostname").stdout).toBe('a\nclient\nadded\n')
  })

  it('runs a script the shell reads from one', () => {
    expect(run("source <(echo 'echo sourced'); bash <(echo 'echo \"$0\"')").stdout).toBe('sourced\n/dev/fd/63\n')
  })

  it('still gives diff both whole outputs', () => {
    expect(run('diff <(seq 3) <(seq 4); echo $?').stdout).toBe('3a4\n> 4\n1\n')
  })

  it('gives a program the whole output at its path', () => {
    expect(run('wc -l <(seq 1000)').stdout).toBe('1000 /dev/fd/63\n')
  })

  it('closes its /dev/fd entry when the command ends', () => {
    expect(run('ls /dev/fd <(true); echo --; ls /dev/fd').stdout).toBe('/dev/fd/63\n\n/dev/fd:\n0\n1\n2\n3\n63\n--\n0\n1\n2\n3\n')
  })

  it('feeds >(cmd) what the command writes, and cmd ends when the writer closes', () => {
    expect(run('seq 3 | tee >(tr 1-3 a-c) >/dev/null; sleep 1').stdout).toBe('a\nb\nc\n')
  })

  // bash 5.1 (RHEL 9's, run from tests/fixtures/rhel9-root.sh) prints /dev/fd/63: the inner
  // substitution is opened in the outer one's own process, whose fd 63 is free.
  it('numbers a nested substitution in its own process, from 63, as bash does', () => {
    expect(run('cat <(echo <(true))').stdout).toBe('/dev/fd/63\n')
    expect(run('cat <(echo <(true) <(true))').stdout).toBe('/dev/fd/63 /dev/fd/62\n')
  })

  it('prints a function that uses one as written', () => {
    expect(run('f() { diff <(sort a) >(cat); }; declare -f f').stdout).toBe('f () \n{ \n    diff <(sort a) >(cat)\n}\n')
  })
})

// Each process's own descriptors, as bash 5.1.4 with coreutils 8.32 (tests/fixtures/rhel9-root.sh)
// print them, run under `env -i bash -c '…' </dev/null` with every other inherited fd closed. Pipe
// inode numbers and PIDs are the machine's own; the lab's are its own too.
describe('/dev/fd', () => {
  it.each([
    ['ls /dev/fd', '0\n1\n2\n3\n'],
    ['ls /dev/fd 2>&-', '0\n1\n2\n'],
    ['{ ls /dev/fd; } 3>/dev/null', '0\n1\n2\n3\n4\n'],
    ['ls /dev/fd <(true) <(true)', '/dev/fd/62\n/dev/fd/63\n\n/dev/fd:\n0\n1\n2\n3\n62\n63\n'],
    ['cat <(true) <(ls /dev/fd)', '0\n1\n2\n3\n63\n'],
    ['(ls /dev/fd) < <(true)', '0\n1\n2\n3\n63\n'],
    ['readlink /dev/fd/1 > /tmp/rl; cat /tmp/rl', '/tmp/rl\n'],
    ['readlink /dev/fd/0 < /etc/hostname', '/etc/hostname\n'],
  ])('%s lists the reading process\'s own descriptors', (line, out) => {
    expect(natLab().run('client', line).stdout).toBe(out)
  })

  it('shows each descriptor as a link to what it is open on, and the reader\'s own directory', () => {
    const l = natLab()
    const pid = Number(l.run('client', 'echo $$').stdout) + 1
    const r = l.run('client', "ls -l /dev/fd/ < /etc/hostname 2>/dev/null | sed 's/.* \\([0-9]* ->\\)/\\1/'")
    expect(r.stdout).toBe(`total 0\n0 -> /etc/hostname\n1 -> pipe:[28341]\n2 -> /dev/null\n3 -> /proc/${pid}/fd\n`)
    expect(l.run('client', 'ls -l /dev/fd/1 | cut -d" " -f1,5').stdout).toBe('lrwx------. 64\n')
  })

  it('keeps what exec opens, for every later command to see and read', () => {
    expect(natLab().run('client', 'exec 3</etc/hostname; ls /dev/fd; cat /dev/fd/3; exec 3<&-; ls /dev/fd').stdout).toBe('0\n1\n2\n3\n4\nclient\n0\n1\n2\n3\n')
  })

  it('is a link to /proc/self/fd, and /dev/stdin, stdout and stderr to its first three', () => {
    expect(run('readlink /dev/fd /dev/stdin /dev/stdout /dev/stderr').stdout).toBe('/proc/self/fd\n/proc/self/fd/0\n/proc/self/fd/1\n/proc/self/fd/2\n')
  })

  it('shows the terminal as the lab\'s pseudo-terminal, /dev/pts/0 for the first login', () => {
    const api = createApi()
    let screen = ''
    api.subscribe((events) => {
      for (const e of events) if (e.type === 'output' && e.host === 'client') screen += e.data
    })
    api.load('nat')
    api.keys('client', 'ls -l /dev/fd/\r')
    api.flush()
    const names = screen.replace(/\x1b\[[\d;]*m/g, '').split('\r\n').map((l) => l.replace(/^.* (\d+ ->)/, '$1'))
    expect(names.slice(1, 5)).toEqual(['total 0', '0 -> /dev/pts/0', '1 -> /dev/pts/0', '2 -> /dev/pts/0'])
    expect(names[5]).toMatch(/^3 -> \/proc\/\d+\/fd$/)
  })
})

describe('DEBUG trap', () => {
  it('runs before each stage of a pipeline, in the parent, with the stage as BASH_COMMAND', () => {
    expect(run("trap 'echo \"D $BASH_COMMAND\" >&2' DEBUG; echo a | tr a b; trap - DEBUG").stderr).toBe('D echo a\nD tr a b\nD trap - DEBUG\n')
  })

  it('does not fire for the commands of its own action', () => {
    expect(run("trap 'echo one; echo two' DEBUG; true; trap - DEBUG").stdout).toBe('one\ntwo\none\ntwo\n')
  })
})
