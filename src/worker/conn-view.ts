// What the page's connection table and Files control read from the world: every director's IPVS
// connection entries and templates as `ipvsadm -Lnc` lists them (with the expiry on the virtual
// clock and the client tuple the timeline filters by), a host's file as bytes to download, and the
// session's trace as a savefile: the `tcpdump -i any` form (LINUX_SLL2) or one segment's Ethernet.

import { formatIp } from '../net/addr.ts'
import { directorOf } from '../ipvs/index.ts'
import type { Lab } from '../lab/lab.ts'
import { normalizePath } from '../host/fs.ts'
import { EPOCH_SECONDS } from '../host/clock.ts'
import { traceToPcap, traceToSegmentPcaps } from '../net/pcap.ts'
import type { ConnView, FileOut } from './protocol.ts'

/** In `ipvsadm -Lnc` order (connections, then templates, then invalidated templates), per director. */
export function connections(lab: Lab): ConnView[] {
  const now = lab.engine.now
  const out: ConnView[] = []
  for (const host of lab.hosts) {
    const dir = directorOf(host)
    if (!dir) continue
    for (const c of dir.conns.all()) {
      const tuple = !c.template && c.proto !== 'IP' ? { proto: c.proto, caddr: formatIp(c.caddr), cport: c.cport, vaddr: formatIp(c.vaddr), vport: c.vport } : null
      out.push({
        director: host.hostname,
        proto: c.proto,
        state: c.state,
        expires: c.expires,
        expiresIn: Math.max(0, c.expires - now),
        client: `${formatIp(c.caddr)}:${c.cport}`,
        // A firewall-mark template names the mark where the VIP would be, as ipvsadm prints it.
        virtual: `${formatIp(c.vaddr)}:${c.vport}`,
        dest: `${formatIp(c.daddr)}:${c.dport}`,
        fwd: c.fwd,
        template: c.template,
        controls: c.nControl,
        ...(c.laddr !== undefined ? { local: `${formatIp(c.laddr)}:${c.lport ?? 0}` } : {}),
        tuple,
      })
    }
  }
  return out
}

/** A pcap starts with its magic number; such a file (or any holding NUL) is bytes, one per character. */
const BINARY = /^(\xd4\xc3\xb2\xa1|\xa1\xb2\xc3\xd4|\x4d\x3c\xb2\xa1|\xa1\xb2\x3c\x4d|\x0a\x0d\x0d\x0a)|\0/

/** A host's file for download: a relative path is taken from root's home, where the shells start. */
export function readFile(lab: Lab, hostName: string, path: string): FileOut {
  const host = lab.host(hostName)
  if (!host) return { error: 'ENOENT', path }
  const full = normalizePath('/root', path.trim() || '.')
  const content = host.fs.read(full)
  if (typeof content !== 'string') return { error: content.error, path: full }
  const bytes = BINARY.test(content) && !/[^\0-\xff]/.test(content) ? Uint8Array.from(content, (ch) => ch.charCodeAt(0)) : new TextEncoder().encode(content)
  return { path: full, name: full.slice(full.lastIndexOf('/') + 1) || hostName, bytes }
}

/**
 * The session's trace as a savefile Wireshark opens: every frame once, as its sender sent it, in
 * the cooked form `tcpdump -i any -w` writes (the sending interface's index kept), or, given a
 * segment, that segment's frames Ethernet-framed as a tap on its switch would record them.
 */
export function capture(lab: Lab, segment?: string): FileOut {
  const records = lab.engine.trace.since(0)
  const id = lab.def.id
  if (segment === undefined) {
    const ifindex = (host: string, iface: string) => lab.host(host)?.ip.iface(iface)?.index ?? 0
    return { path: '', name: `lvs-lab-${id}.pcap`, bytes: traceToPcap(records, EPOCH_SECONDS, ifindex) }
  }
  const bytes = traceToSegmentPcaps(records, EPOCH_SECONDS).get(segment)
  return bytes ? { path: '', name: `lvs-lab-${id}-${segment}.pcap`, bytes } : { path: segment, error: 'ENOENT' }
}
