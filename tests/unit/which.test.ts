// GNU which 2.21 (RHEL 9) on a lab host, pinned by hand from which.c: Debian ships debianutils'
// which instead, so there is no real program here to record from. It searches $PATH with the
// interpreter's own lookup, prints every match with -a, and exits with the number of names it
// could not find, each reported as `PROG: no NAME in (PATH)` with PROG argv[0] as invoked.

import { describe, expect, it } from 'vitest'
import { natLab } from './helpers.ts'

const PATH = '/root/.local/bin:/root/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin'
const lab = natLab()
// The program itself: RHEL's login aliases (which through which2.sh's alias, ls) are tested below.
lab.run('client', 'unalias -a')
const run = (line: string) => {
  const r = lab.run('client', line)
  return { stdout: r.stdout, stderr: r.stderr, status: r.exitCode }
}

describe('which', () => {
  it('prints the path bash runs, and agrees with type', () => {
    expect(run('which ls')).toEqual({ stdout: '/usr/bin/ls\n', stderr: '', status: 0 })
    expect(run('which sysctl bash')).toEqual({ stdout: '/usr/sbin/sysctl\n/usr/bin/bash\n', stderr: '', status: 0 })
    expect(run('type ls').stdout).toBe('ls is /usr/bin/ls\n')
  })

  it('reports each name it cannot find and exits with their count', () => {
    expect(run('which nope')).toEqual({ stdout: '', stderr: `which: no nope in (${PATH})\n`, status: 1 })
    expect(run('/usr/bin/which nope ls nope2')).toEqual({
      stdout: '/usr/bin/ls\n',
      stderr: `/usr/bin/which: no nope in (${PATH})\n/usr/bin/which: no nope2 in (${PATH})\n`,
      status: 2,
    })
    expect(run('which ipvsadm').status).toBe(1)
  })

  it('searches the PATH it is given, in order, all of it with -a', () => {
    expect(run('PATH=/usr/bin:/bin:/usr/bin which -a ls')).toEqual({ stdout: '/usr/bin/ls\n/bin/ls\n/usr/bin/ls\n', stderr: '', status: 0 })
    expect(run('PATH=/usr/local/bin /usr/bin/which ls')).toEqual({ stdout: '', stderr: '/usr/bin/which: no ls in (/usr/local/bin)\n', status: 1 })
    expect(run('PATH=/usr/local/bin ls')).toEqual({ stdout: '', stderr: '-bash: ls: command not found\n', status: 127 })
  })

  it('finds a learner script only where it is executable, and a slashed name in its own directory', () => {
    run('mkdir -p /root/bin; echo "echo hi" > /root/bin/hello.sh; echo x > /root/plain')
    expect(run('which hello.sh').status).toBe(1)
    run('chmod +x /root/bin/hello.sh')
    expect(run('which hello.sh; hello.sh')).toEqual({ stdout: '/root/bin/hello.sh\nhi\n', stderr: '', status: 0 })
    expect(run('cd /root/bin && which ./hello.sh hello.sh ../bin/hello.sh')).toEqual({ stdout: '/root/bin/hello.sh\n/root/bin/hello.sh\n/root/bin/hello.sh\n', stderr: '', status: 0 })
    expect(run('cd /root && which ./plain')).toEqual({ stdout: '', stderr: 'which: no plain in (.)\n', status: 1 })
    expect(run('which /usr/bin/nope')).toEqual({ stdout: '', stderr: 'which: no nope in (/usr/bin)\n', status: 1 })
  })

  it('--show-dot keeps ./ for a match found through a relative PATH entry; --skip-dot skips it', () => {
    expect(run('cd /root/bin && PATH=.:/usr/bin which --show-dot hello.sh ls')).toEqual({ stdout: './hello.sh\n/usr/bin/ls\n', stderr: '', status: 0 })
    expect(run('cd /root/bin && PATH=.:/usr/bin which hello.sh')).toEqual({ stdout: '/root/bin/hello.sh\n', stderr: '', status: 0 })
    expect(run('cd /root/bin && PATH=.:/usr/bin which --skip-dot hello.sh')).toEqual({ stdout: '', stderr: 'which: no hello.sh in (.:/usr/bin)\n', status: 1 })
    expect(run('which --skip-tilde hello.sh')).toEqual({ stdout: '', stderr: `which: no hello.sh in (${PATH})\n`, status: 1 })
  })

  it('--tty-only turns off the dot and tilde options after it when stdout is not a terminal, and nothing else', () => {
    expect(run('cd /root/bin && PATH=.:/usr/bin which --tty-only --show-dot hello.sh')).toEqual({ stdout: '/root/bin/hello.sh\n', stderr: '', status: 0 })
    expect(run('cd /root/bin && PATH=.:/usr/bin which --show-dot --tty-only hello.sh')).toEqual({ stdout: './hello.sh\n', stderr: '', status: 0 })
    expect(run('PATH=/usr/bin:/bin which --tty-only -a ls')).toEqual({ stdout: '/usr/bin/ls\n/bin/ls\n', stderr: '', status: 0 })
  })

  it('--read-alias prints a matching alias and the path of each command in it; --read-functions a function', () => {
    const aliases = "alias l1='ls -l'\nalias pipe='ps -ef | grep -v x && sort'\n"
    expect(run(`printf "${aliases}" | which -i l1 pipe cat`)).toEqual({ stdout: `alias l1='ls -l'\n\t/usr/bin/ls\nalias pipe='ps -ef | grep -v x && sort'\n\t/usr/bin/ps\n\t/usr/bin/grep\n\t/usr/bin/sort\n/usr/bin/cat\n`, stderr: '', status: 0 })
    expect(run(`printf "${aliases}" | which --skip-alias -i l1`)).toMatchObject({ stdout: '', status: 1 })
    expect(run(`printf 'hi ()\n{ \n    echo hi\n}\n' | which --read-functions hi ls`)).toEqual({ stdout: 'hi ()\n{ \n    echo hi\n}\n/usr/bin/ls\n', stderr: '', status: 0 })
    expect(run(`printf "alias ls='ls --color=auto'\n" | which -a -i ls`)).toEqual({ stdout: "alias ls='ls --color=auto'\n\t/usr/bin/ls\n", stderr: '', status: 0 })
  })
  it('prints usage on stderr with status 255 without a name, and its version', () => {
    const r = run('which')
    expect(r.status).toBe(255)
    expect(r.stderr.split('\n')[0]).toBe('Usage: which [options] [--] COMMAND [...]')
    expect(run('which --help').stdout).toBe(r.stderr)
    expect(run('which -V').stdout).toBe('GNU which v2.21, Copyright (C) 1999 - 2015 Carlo Wood.\nGNU which comes with ABSOLUTELY NO WARRANTY;\nThis program is free software; your freedom to use, change\nand distribute this program is protected by the GPL.\n')
  })

  it("goes on past an option it does not know, as which.c's getopt loop has no case for '?'", () => {
    const usage = run('which').stderr
    expect(run('which --bogus')).toEqual({ stdout: '', stderr: `which: unrecognized option '--bogus'\n${usage}`, status: 255 })
    expect(run('which --bogus ls')).toEqual({ stdout: '/usr/bin/ls\n', stderr: "which: unrecognized option '--bogus'\n", status: 0 })
    expect(run('which -za --all=1 ls')).toEqual({ stdout: '/usr/bin/ls\n', stderr: "which: invalid option -- 'z'\nwhich: option '--all' doesn't allow an argument\n", status: 0 })
  })
})

describe("root's login aliases (RHEL 9's colorls.sh, colorgrep.sh, which2.sh)", () => {
  const login = natLab()
  const sh = (line: string) => {
    const r = login.run('client', line)
    return { stdout: r.stdout, stderr: r.stderr, status: r.exitCode }
  }

  it('are defined, and alias lists them sorted', () => {
    expect(sh('alias').stdout).toBe(
      "alias egrep='egrep --color=auto'\nalias fgrep='fgrep --color=auto'\nalias grep='grep --color=auto'\nalias l.='ls -d .* --color=auto'\nalias ll='ls -l --color=auto'\nalias ls='ls --color=auto'\nalias which='(alias; declare -f) | /usr/bin/which --tty-only --read-alias --read-functions --show-tilde --show-dot'\n",
    )
    expect(sh('type ll ls').stdout).toBe("ll is aliased to `ls -l --color=auto'\nls is aliased to `ls --color=auto'\n")
  })

  it('make which show an alias before the program it runs, and \\which the program alone', () => {
    expect(sh('which ll ls sysctl')).toEqual({ stdout: "alias ll='ls -l --color=auto'\n\t/usr/bin/ls\nalias ls='ls --color=auto'\n\t/usr/bin/ls\n/usr/sbin/sysctl\n", stderr: '', status: 0 })
    expect(sh('which which').stdout).toBe("alias which='(alias; declare -f) | /usr/bin/which --tty-only --read-alias --read-functions --show-tilde --show-dot'\n\t/usr/bin/which\n")
    expect(sh('\\which ll')).toMatchObject({ stdout: '', status: 1 })
  })

  it('are not expanded in a script, nor in a shell that turns expand_aliases off', () => {
    expect(sh("printf 'll /etc/hosts\\n' > /root/s.sh; bash /root/s.sh")).toMatchObject({ stderr: '/root/s.sh: line 1: ll: command not found\n', status: 127 })
    expect(sh('shopt -u expand_aliases')).toMatchObject({ status: 0 })
    expect(sh('ll /etc/hosts')).toMatchObject({ stderr: '-bash: ll: command not found\n', status: 127 })
    sh('shopt -s expand_aliases')
  })
})

