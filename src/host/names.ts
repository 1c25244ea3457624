// The host's name service as glibc answers from files: /etc/hosts both ways (gethostbyname,
// gethostbyaddr) and /etc/services by name or by port and protocol.

import { parseIp, type Ip } from '../net/addr.ts'
import type { FileSystem } from './fs.ts'

export class Names {
  constructor(private readonly fs: FileSystem) {}

  private lines(path: string): string[][] {
    const t = this.fs.read(path)
    if (typeof t !== 'string') return []
    return t
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim().split(/\s+/))
      .filter((f) => f.length >= 2)
  }

  /** gethostbyname from /etc/hosts. */
  host(name: string): Ip | null {
    for (const f of this.lines('/etc/hosts')) if (f.slice(1).includes(name)) return parseIp(f[0])
    return null
  }

  /** gethostbyaddr from /etc/hosts: the canonical (first) name. */
  hostName(ip: Ip): string | null {
    for (const f of this.lines('/etc/hosts')) if (parseIp(f[0]) === ip) return f[1]
    return null
  }

  port(name: string, proto: string): number | null {
    for (const f of this.lines('/etc/services')) {
      const [port, p] = f[1].split('/')
      if (p === proto && (f[0] === name || f.slice(2).includes(name))) return Number(port)
    }
    return null
  }

  service(port: number, proto: string): string | null {
    for (const f of this.lines('/etc/services')) if (f[1] === `${port}/${proto}`) return f[0]
    return null
  }
}
