// The base system a learner sees: RHEL 9's top-level directories with their modes and the
// usrmerge links, a file in /usr for every program the host can run (laid by dnf install, gone
// after dnf remove), the rpm database behind rpm -q/-qa/-qf/-ql, and which/type agreeing with
// what is on disk on every host of every lab.

import { describe, expect, it } from 'vitest'
import { ELF_STUB } from '../../src/host/base.ts'
import { nevra } from '../../src/host/packages.ts'
import { ownerOf } from '../../src/host/pkgfiles.ts'
import { Lab } from '../../src/lab/lab.ts'
import { LABS } from '../../src/lab/labs/index.ts'
import { COMMANDS } from '../../src/shell/commands/index.ts'
import { programAt } from '../../src/shell/exec/lookup.ts'
import { natLab } from './helpers.ts'

const lab = natLab()
lab.run('lvs', 'unalias -a')
const run = (line: string, host = 'lvs') => {
  const r = lab.run(host, line)
  return { stdout: r.stdout, stderr: r.stderr, status: r.exitCode }
}
const ok = (stdout: string) => ({ stdout, stderr: '', status: 0 })

describe('the RHEL 9 skeleton', () => {
  it('has the top-level directories of the filesystem package and the usrmerge links', () => {
    expect(run('ls /')).toEqual(ok(['afs', 'bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var', ''].join('\n')))
    expect(run('readlink /bin /sbin /lib /lib64')).toEqual(ok('usr/bin\nusr/sbin\nusr/lib\nusr/lib64\n'))
    expect(run('ls -ld / /tmp /root /bin /boot /proc /sys /usr/lib /var/tmp')).toEqual(
      ok(
        [
          'dr-xr-xr-x. 18 root root 4096 Jun 11 10:10 /',
          'lrwxrwxrwx.  1 root root    7 Jun 11 10:10 /bin -> usr/bin',
          'dr-xr-xr-x.  2 root root 4096 Jun 11 10:10 /boot',
          'dr-xr-xr-x.  5 root root 4096 Jun 11 10:10 /proc',
          'dr-xr-x---.  2 root root 4096 Jun 11 10:10 /root',
          'dr-xr-xr-x.  2 root root 4096 Jun 11 10:10 /sys',
          'drwxrwxrwt.  2 root root 4096 Jun 11 10:10 /tmp',
          'dr-xr-xr-x.  3 root root 4096 Jun 11 10:10 /usr/lib',
          'drwxrwxrwt.  2 root root 4096 Jun 11 10:10 /var/tmp',
          '',
        ].join('\n'),
      ),
    )
  })

  it('dates / at the install time, so .. of a top-level directory is not 1970', () => {
    expect(run('ls -la /etc | sed -n 3p')).toEqual(ok('dr-xr-xr-x. 18 root root 4096 Jun 11 10:10 ..\n'))
  })
})

describe('program files', () => {
  it('are ELF headers, mode 755, owned by root, reachable through /bin', () => {
    expect(run('ls -l /usr/bin/ls /bin/ls')).toEqual(ok('-rwxr-xr-x. 1 root root 64 Jun 11 10:10 /bin/ls\n-rwxr-xr-x. 1 root root 64 Jun 11 10:10 /usr/bin/ls\n'))
    expect(run('head -c4 /usr/bin/ls | xxd')).toEqual(ok('00000000: 7f45 4c46                                .ELF\n'))
    expect(run('ls -l /usr/bin/awk /usr/bin/sh /usr/sbin/reboot')).toEqual(
      ok('lrwxrwxrwx. 1 root root  4 Jun 11 10:10 /usr/bin/awk -> gawk\nlrwxrwxrwx. 1 root root  4 Jun 11 10:10 /usr/bin/sh -> bash\nlrwxrwxrwx. 1 root root 16 Jun 11 10:10 /usr/sbin/reboot -> ../bin/systemctl\n'),
    )
  })

  it('appear when dnf installs their package and go when it is removed', () => {
    const l = natLab()
    const r = (line: string) => {
      const x = l.run('lvs', line)
      return { stdout: x.stdout, stderr: x.stderr, status: x.exitCode }
    }
    expect(r('ls -l /usr/sbin/ipvsadm')).toEqual({ stdout: '', stderr: "ls: cannot access '/usr/sbin/ipvsadm': No such file or directory\n", status: 2 })
    expect(r('find /usr/sbin -name "ipvs*"')).toEqual(ok(''))
    r('dnf install -y ipvsadm')
    expect(r('ls -l /usr/sbin/ipvsadm')).toEqual(ok('-rwxr-xr-x. 1 root root 64 Jun 11 10:10 /usr/sbin/ipvsadm\n'))
    expect(r("find /usr/sbin -name 'ipvs*'")).toEqual(ok('/usr/sbin/ipvsadm\n/usr/sbin/ipvsadm-restore\n/usr/sbin/ipvsadm-save\n'))
    expect(r('which ipvsadm; type ipvsadm')).toEqual(ok('/usr/sbin/ipvsadm\nipvsadm is /usr/sbin/ipvsadm\n'))
    r('dnf remove -y ipvsadm')
    expect(r('ls -l /usr/sbin/ipvsadm')).toEqual({ stdout: '', stderr: "ls: cannot access '/usr/sbin/ipvsadm': No such file or directory\n", status: 2 })
    expect(r('which ipvsadm').status).toBe(1)
  })

  it('leave a file the learner put at a program path alone when its package goes', () => {
    const l = natLab()
    l.run('lvs', 'dnf install -y wget; echo mine > /usr/bin/wget; dnf remove -y wget')
    expect(l.run('lvs', 'cat /usr/bin/wget').stdout).toBe('mine\n')
  })

  it('are on disk exactly where which and type find a program, on every host of every lab', () => {
    const mismatches: string[] = []
    for (const id of Object.keys(LABS)) {
      const l = new Lab(LABS[id], { trace: false })
      for (const host of l.hosts) {
        for (const def of Object.values(COMMANDS)) {
          const runnable = programAt(COMMANDS, host, def.path) !== null
          const node = host.fs.lstat(def.path)
          const onDisk = node !== null && (node.type === 'link' || (node.type === 'file' && node.content === ELF_STUB && node.mode === 0o755))
          if (runnable !== onDisk) mismatches.push(`${id}/${host.hostname}: ${def.path} runnable=${runnable} on disk=${onDisk}`)
        }
      }
    }
    expect(mismatches).toEqual([])
  })
})

describe('the rpm database', () => {
  it('names the owner of every program the host has, by its path or through /bin and /sbin', () => {
    const l = natLab()
    l.run('lvs', 'dnf install -y ipvsadm httpd-tools net-tools nmap-ncat tcpdump conntrack-tools wget telnet nano')
    const host = l.host('lvs')!
    const wrong: string[] = []
    for (const def of Object.values(COMMANDS)) {
      if (!programAt(COMMANDS, host, def.path)) continue
      const owner = ownerOf(def.path)
      const want = owner ? `${nevra(host.installed.get(owner)!)}\n` : `file ${def.path} is not owned by any package\n`
      const got = l.run('lvs', `rpm -qf ${def.path}`).stdout
      if (got !== want) wrong.push(`${def.path}: ${JSON.stringify(got)} want ${JSON.stringify(want)}`)
      const legacy = def.path.replace(/^\/usr\/(s?bin)\//, '/$1/')
      if (legacy !== def.path && l.run('lvs', `rpm -qf ${legacy}`).stdout !== want) wrong.push(`${legacy}`)
    }
    expect(wrong).toEqual([])
    // Only the lab's own explainer belongs to no package.
    expect(Object.values(COMMANDS).filter((d) => !ownerOf(d.path)).map((d) => d.name)).toEqual(['why'])
  })

  it('answers the lead’s questions as RHEL 9.4 does', () => {
    expect(run('rpm -qf /usr/bin/ls /usr/bin/ping /usr/bin/systemctl /usr/bin')).toEqual(ok('coreutils-8.32-35.el9.x86_64\niputils-20210202-9.el9.x86_64\nsystemd-252-32.el9_4.x86_64\nfilesystem-3.16-2.el9.x86_64\n'))
    expect(run('rpm -q bash coreutils grep')).toEqual(ok('bash-5.1.8-9.el9.x86_64\ncoreutils-8.32-35.el9.x86_64\ngrep-3.6-5.el9.x86_64\n'))
    expect(run('rpm -q bash nosuch nano')).toEqual({ stdout: 'bash-5.1.8-9.el9.x86_64\npackage nosuch is not installed\npackage nano is not installed\n', stderr: '', status: 2 })
    expect(run('rpm -qa | wc -l', 'rs1')).toEqual(ok('58\n'))
    expect(run('rpm -qf /usr/local/bin/why')).toEqual({ stdout: 'file /usr/local/bin/why is not owned by any package\n', stderr: '', status: 1 })
    // rpm looks in its database before the disk: a file the package owns is its even when missing.
    expect(run('rpm -qf /usr/sbin/NetworkManager')).toEqual(ok('NetworkManager-1.46.0-8.el9_4.x86_64\n'))
    expect(run('rpm -qf /usr/sbin/nosuch')).toEqual({ stdout: '', stderr: 'error: file /usr/sbin/nosuch: No such file or directory\n', status: 1 })
  })

  it('lists the files of a package whose whole payload the lab has, and says so for the others', () => {
    run('dnf install -y ipvsadm')
    expect(run('rpm -ql ipvsadm')).toEqual(
      ok(
        [
          '/etc/sysconfig/ipvsadm-config',
          '/usr/lib/systemd/system/ipvsadm.service',
          '/usr/sbin/ipvsadm',
          '/usr/sbin/ipvsadm-restore',
          '/usr/sbin/ipvsadm-save',
          '/usr/share/doc/ipvsadm',
          '/usr/share/doc/ipvsadm/MAINTAINERS',
          '/usr/share/doc/ipvsadm/README',
          '/usr/share/man/man8/ipvsadm-restore.8.gz',
          '/usr/share/man/man8/ipvsadm-save.8.gz',
          '/usr/share/man/man8/ipvsadm.8.gz',
          '',
        ].join('\n'),
      ),
    )
    expect(run('rpm -ql bash')).toEqual({ stdout: '', stderr: "rpm: the file list of bash-5.1.8-9.el9.x86_64 is not in this lab (only ipvsadm's is)\n", status: 1 })
    expect(run('rpm -ql nano')).toEqual({ stdout: 'package nano is not installed\n', stderr: '', status: 1 })
  })

  it('tells dnf provides which package has a command', () => {
    expect(run('dnf provides ls').stdout).toBe('coreutils-8.32-35.el9.x86_64 : A set of basic GNU tools commonly used in shell scripts\nRepo        : @System\nMatched from:\nFilename    : /usr/bin/ls\n\n')
  })
})
