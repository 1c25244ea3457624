// One login on one host: working directory, variables, last status and history, as bash keeps them.

import type { Host } from '../host/host.ts'

export class Session {
  cwd = '/root'
  vars = new Map<string, string>()
  exported = new Set<string>(['PATH', 'HOME', 'USER', 'SHELL', 'TERM', 'HOSTNAME', 'PWD', 'LANG'])
  status = 0
  history: string[] = []

  constructor(readonly host: Host) {
    this.reset()
  }

  reset(): void {
    this.cwd = '/root'
    this.vars = new Map([
      ['PATH', '/root/.local/bin:/root/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin'],
      ['HOME', '/root'],
      ['USER', 'root'],
      ['LOGNAME', 'root'],
      ['SHELL', '/bin/bash'],
      ['TERM', 'xterm-256color'],
      ['LANG', 'en_US.UTF-8'],
      ['HOSTNAME', this.host.hostname.toLowerCase()],
      ['PWD', '/root'],
      ['HISTSIZE', '1000'],
    ])
    this.status = 0
  }

  /** `[root@lvs ~]# `, with the last component of the working directory as bash's \W. */
  prompt(): string {
    const dir = this.cwd === '/root' ? '~' : this.cwd === '/' ? '/' : this.cwd.slice(this.cwd.lastIndexOf('/') + 1)
    return `[root@${this.host.hostname} ${dir}]# `
  }

  addHistory(line: string): void {
    const trimmed = line.replace(/\n+$/, '')
    if (!trimmed.trim() || trimmed.startsWith(' ')) return
    if (this.history[this.history.length - 1] === trimmed) return
    this.history.push(trimmed)
    if (this.history.length > 1000) this.history.shift()
  }
}
