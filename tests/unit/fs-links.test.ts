// The host file system's links: path resolution through symlinks (absolute and relative targets,
// in the middle of a path and at its end), the kernel's limit of 40 links per lookup (ELOOP),
// unlink of a link leaving its target, and hard links sharing one file's content and mode.

import { describe, expect, it } from 'vitest'
import { FileSystem } from '../../src/host/fs.ts'

function tree(): FileSystem {
  const fs = new FileSystem()
  fs.mkdirp('/srv/www')
  fs.write('/srv/www/index.html', 'RS1\n')
  return fs
}

describe('symbolic links', () => {
  it('are followed by stat, read, list, write and chmod, and not by lstat', () => {
    const fs = tree()
    expect(fs.symlink('/srv/www', '/var-www')).toBeNull()
    expect(fs.symlink('www/index.html', '/srv/page')).toBeNull()
    expect(fs.lstat('/var-www')).toMatchObject({ type: 'link', target: '/srv/www', mode: 0o777 })
    expect(fs.stat('/var-www')?.type).toBe('dir')
    expect(fs.list('/var-www')).toEqual(['index.html'])
    expect(fs.read('/var-www/index.html')).toBe('RS1\n')
    expect(fs.read('/srv/page')).toBe('RS1\n')
    expect(fs.write('/var-www/new', 'x')).toBeNull()
    expect(fs.read('/srv/www/new')).toBe('x')
    expect(fs.chmod('/srv/page', 0o600)).toBeNull()
    expect(fs.stat('/srv/www/index.html')?.mode).toBe(0o600)
    expect(fs.lstat('/srv/page')?.mode).toBe(0o777)
    fs.mkdirp('/var-www/sub/deeper')
    expect(fs.isDir('/srv/www/sub/deeper')).toBe(true)
  })

  it('a relative target is read from the link directory, .. included', () => {
    const fs = tree()
    fs.mkdirp('/a/b')
    fs.symlink('../../srv/www/index.html', '/a/b/up')
    expect(fs.read('/a/b/up')).toBe('RS1\n')
    expect(fs.resolve('/a/b/up')).toBe('/srv/www/index.html')
  })

  it('a dangling link exists for lstat only; writing through it creates its target', () => {
    const fs = tree()
    fs.symlink('/srv/made', '/l')
    expect(fs.stat('/l')).toBeNull()
    expect(fs.exists('/l')).toBe(false)
    expect(fs.read('/l')).toEqual({ error: 'ENOENT' })
    expect(fs.symlink('x', '/l')).toBe('EEXIST')
    expect(fs.mkdir('/l')).toBe('EEXIST')
    expect(fs.write('/l', 'y')).toBeNull()
    expect(fs.read('/srv/made')).toBe('y')
  })

  it('40 links in one lookup resolve; the 41st is ELOOP, as is a link to itself', () => {
    const fs = tree()
    for (let i = 1; i <= 41; i++) fs.symlink(i === 1 ? '/srv/www/index.html' : `/l${i - 1}`, `/l${i}`)
    expect(fs.read('/l40')).toBe('RS1\n')
    expect(fs.read('/l41')).toEqual({ error: 'ELOOP' })
    expect(fs.stat('/l41')).toBeNull()
    expect(fs.lstat('/l41')?.type).toBe('link')
    fs.symlink('self', '/self')
    expect(fs.write('/self', 'x')).toBe('ELOOP')
    expect(fs.read('/self/x')).toEqual({ error: 'ELOOP' })
  })

  it('a file in the middle of a path is ENOTDIR, a missing directory ENOENT', () => {
    const fs = tree()
    fs.symlink('/srv/www/index.html', '/f')
    expect(fs.read('/f/x')).toEqual({ error: 'ENOTDIR' })
    fs.symlink('/nowhere', '/n')
    expect(fs.read('/n/x')).toEqual({ error: 'ENOENT' })
  })

  it('remove and removeTree take the link, never what it points to', () => {
    const fs = tree()
    fs.symlink('/srv/www', '/w')
    expect(fs.remove('/w')).toBeNull()
    expect(fs.lstat('/w')).toBeNull()
    fs.symlink('/srv/www', '/w')
    fs.removeTree('/w')
    expect(fs.lstat('/w')).toBeNull()
    expect(fs.read('/srv/www/index.html')).toBe('RS1\n')
  })
})

describe('hard links', () => {
  it('are one file under two names: content, mode and the link count are shared', () => {
    const fs = tree()
    expect(fs.link('/srv/www/index.html', '/srv/copy')).toBeNull()
    expect(fs.links('/srv/copy')).toBe(2)
    fs.write('/srv/copy', 'RS2\n')
    fs.append('/srv/copy', 'more\n')
    fs.chmod('/srv/copy', 0o640)
    expect(fs.read('/srv/www/index.html')).toBe('RS2\nmore\n')
    expect(fs.stat('/srv/www/index.html')?.mode).toBe(0o640)
    fs.remove('/srv/www/index.html')
    expect(fs.read('/srv/copy')).toBe('RS2\nmore\n')
    expect(fs.links('/srv/copy')).toBe(1)
  })

  it('refuse a directory, an existing name and a missing source', () => {
    const fs = tree()
    expect(fs.link('/srv/www', '/x')).toBe('EPERM')
    expect(fs.link('/srv/www/index.html', '/srv/www/index.html')).toBe('EEXIST')
    expect(fs.link('/nope', '/x')).toBe('ENOENT')
    expect(fs.link('/srv/www/index.html', '/nodir/x')).toBe('ENOENT')
  })
})

describe('the tools that walk a tree do not follow the links in it', () => {
  it('find, grep -r, chmod -R, cp -r, diff -r and df finish on a link back to / and to ..', async () => {
    const { natLab } = await import('./helpers.ts')
    const lab = natLab()
    lab.run('client', 'mkdir -p /tmp/t/d && cd /tmp/t && echo a > d/a && ln -s .. d/up && ln -s / d/root')
    const run = (line: string) => {
      const r = lab.run('client', `cd /tmp/t; ${line}`)
      return { stdout: r.stdout, stderr: r.stderr, status: r.exitCode }
    }
    expect(run('find .')).toEqual({ stdout: '.\n./d\n./d/a\n./d/root\n./d/up\n', stderr: '', status: 0 })
    expect(run('grep -r a .')).toEqual({ stdout: './d/a:a\n', stderr: '', status: 0 })
    expect(run('chmod -R 700 d; stat -c %a d/a d/up')).toEqual({ stdout: '700\n777\n', stderr: '', status: 0 })
    expect(run('cp -r d e; readlink e/up e/root; cat e/a')).toEqual({ stdout: '..\n/\na\n', stderr: '', status: 0 })
    expect(run('diff -r d e').status).toBe(2)
    expect(run('df / | tail -1').status).toBe(0)
  })
})
