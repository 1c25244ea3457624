// The lab VM's hardware as the system tools report it: a KVM guest with 2 GiB of memory (1.7 GiB
// usable after the kernel's reservations, as a 2 GiB Rocky 9 VM shows), a 2 GiB swap partition,
// and Rocky's default LVM layout on a 20 GiB disk. Memory in use is a freshly booted minimal
// install's plus what the lab's running services hold; disk use is the install's plus the
// bytes of the files the learner has written. The kernel's /proc/meminfo, when the host serves
// it, takes precedence.

import type { Host } from '../../../host/host.ts'
import { byteLength } from '../../text/lines.ts'

export const MEM_TOTAL_KB = 1813388
export const SWAP_TOTAL_KB = 2097148
const BASE_USED_KB = 253420
const PER_SERVICE_KB = 6144
const BASE_BUFFERS_KB = 320708
const SHARED_KB = 8708

export interface Memory {
  total: number
  used: number
  free: number
  shared: number
  buffCache: number
  available: number
  swapTotal: number
  swapUsed: number
}

function meminfo(host: Host): Map<string, number> | null {
  const r = host.fs.read('/proc/meminfo')
  if (typeof r !== 'string') return null
  const m = new Map<string, number>()
  for (const line of r.split('\n')) {
    const x = /^(\w+(?:\(\w+\))?):\s+(\d+)/.exec(line)
    if (x) m.set(x[1], Number(x[2]))
  }
  return m.has('MemTotal') ? m : null
}

export function memory(host: Host): Memory {
  const mi = meminfo(host)
  if (mi) {
    const total = mi.get('MemTotal')!
    const free = mi.get('MemFree') ?? 0
    const buffCache = (mi.get('Buffers') ?? 0) + (mi.get('Cached') ?? 0) + (mi.get('SReclaimable') ?? 0)
    return { total, free, buffCache, used: total - free - buffCache, shared: mi.get('Shmem') ?? 0, available: mi.get('MemAvailable') ?? free, swapTotal: mi.get('SwapTotal') ?? 0, swapUsed: (mi.get('SwapTotal') ?? 0) - (mi.get('SwapFree') ?? 0) }
  }
  const services = [...host.systemd.states.values()].filter((u) => u.active === 'active').length
  const used = BASE_USED_KB + services * PER_SERVICE_KB
  const free = MEM_TOTAL_KB - used - BASE_BUFFERS_KB
  return { total: MEM_TOTAL_KB, used, free, shared: SHARED_KB, buffCache: BASE_BUFFERS_KB, available: free + BASE_BUFFERS_KB - 72000, swapTotal: SWAP_TOTAL_KB, swapUsed: 0 }
}

export interface Mount {
  fs: string
  type: string
  kb: number
  used: number
  mount: string
}

/** Bytes of regular files under a directory of the lab's file system. */
function bytesUnder(host: Host, dir: string): number {
  let n = 0
  for (const name of host.fs.list(dir) ?? []) {
    const p = dir === '/' ? `/${name}` : `${dir}/${name}`
    if (p === '/proc' || p === '/sys') continue
    const node = host.fs.lstat(p)
    if (node?.type === 'link') continue
    if (node?.type === 'dir') n += bytesUnder(host, p)
    else if (node) n += byteLength(node.content)
  }
  return n
}

export function mounts(host: Host): Mount[] {
  const rootUsed = 1706928 + Math.ceil(bytesUnder(host, '/') / 1024)
  return [
    { fs: 'devtmpfs', type: 'devtmpfs', kb: 4096, used: 0, mount: '/dev' },
    { fs: 'tmpfs', type: 'tmpfs', kb: 906692, used: 0, mount: '/dev/shm' },
    { fs: 'tmpfs', type: 'tmpfs', kb: 362680, used: 9632, mount: '/run' },
    { fs: '/dev/mapper/rl-root', type: 'xfs', kb: 17811456, used: rootUsed, mount: '/' },
    { fs: '/dev/vda1', type: 'xfs', kb: 1038336, used: 260760, mount: '/boot' },
    { fs: 'tmpfs', type: 'tmpfs', kb: 181336, used: 0, mount: '/run/user/0' },
  ]
}
