// tcpdump 4.99's printers over captured octets, so a live capture and `-r FILE` print through the
// same code: the link layer (print-ether.c, print-sll.c's SLL2, raw IP), ARP (print-arp.c), IPv4
// with -v's header line (print-ip.c), TCP with relative sequence numbers and options
// (print-tcp.c), UDP, ICMP (print-icmp.c), IPIP, GRE (print-gre.c), HTTP's first line or every
// line with -v (util-print.c txtproto_print), and the -x/-X/-A dumps (print-ascii.c). A packet cut
// short ends with ` [|proto]` as nd_trunc_longjmp prints it. Checked against Debian's 4.99.3 by
// tests/fixtures/pcap (the differential).

import { formatIp } from '../../../net/addr.ts'
import { inetChecksum } from '../../../net/wire.ts'
import { LINKTYPE, type PcapPacket } from '../../../net/pcap.ts'

export interface PrintOptions {
  /** -n: no address or port names (4.99's -nn is the same). */
  readonly numeric: boolean
  readonly eflag: boolean
  readonly vflag: number
  readonly qflag: boolean
  /** -S: absolute TCP sequence numbers. */
  readonly Sflag: boolean
  readonly xflag: number
  readonly Xflag: number
  readonly Aflag: boolean
  /** Number of -t: 0 clock time, 1 none, 2 epoch, 3 delta, 4 date and time, 5 since the first. */
  readonly tflag: number
  /** -#: a packet number before each line. */
  readonly number: boolean
  /** Seconds east of UTC of the host's time zone, for the clock forms. */
  readonly tzOffset: number
  readonly hostName?: (ip: number) => string | null
  readonly service?: (port: number, proto: 'tcp' | 'udp') => string | null
  /** if_indextoname for an SLL2 record's interface index ("?" when the host has none). */
  readonly ifName?: (index: number) => string | null
}

/** A read past the captured octets: what was printed so far, and the printer that ran short. */
class Truncated extends Error {
  constructor(
    readonly proto: string,
    readonly partial = '',
  ) {
    super(proto)
  }
}

/** The captured octets of one packet, with tcpdump's GET_ macros: a read past the end truncates. */
class View {
  constructor(
    readonly b: Uint8Array,
    /** What the current printer is, for the ` [|proto]` a truncation prints. */
    public proto = 'ether',
  ) {}
  has(at: number, n: number): boolean {
    return at + n <= this.b.length
  }
  u8(at: number): number {
    if (at >= this.b.length) throw new Truncated(this.proto)
    return this.b[at]
  }
  u16(at: number): number {
    return (this.u8(at) << 8) | this.u8(at + 1)
  }
  u32(at: number): number {
    return ((this.u16(at) << 16) | this.u16(at + 2)) >>> 0
  }
  mac(at: number): string {
    const parts: string[] = []
    for (let i = 0; i < 6; i++) parts.push(this.u8(at + i).toString(16).padStart(2, '0'))
    return parts.join(':')
  }
}

const IPPROTO_NAMES: Record<number, string> = { 1: 'ICMP', 2: 'IGMP', 4: 'IPIP', 6: 'TCP', 17: 'UDP', 41: 'IPv6', 47: 'GRE', 50: 'ESP', 51: 'AH', 89: 'OSPF', 112: 'VRRP', 132: 'SCTP' }
const ETHERTYPES: Record<number, string> = { 0x0800: 'IPv4', 0x0806: 'ARP', 0x86dd: 'IPv6', 0x8100: '802.1Q' }
const SLL_PKTTYPES = ['In', 'B', 'M', 'P', 'Out']
/** tcp_flag_values in print-tcp.c, in the order bittok2str walks them. */
const TCP_FLAGS: [number, string][] = [
  [0x01, 'F'],
  [0x02, 'S'],
  [0x04, 'R'],
  [0x08, 'P'],
  [0x10, '.'],
  [0x20, 'U'],
  [0x40, 'E'],
  [0x80, 'W'],
]
/** print-http.c's httpcmds: a segment whose first token is one of these is printed. */
const HTTP_COMMANDS = new Set('GET PUT COPY HEAD LOCK MOVE POLL POST BCOPY BMOVE MKCOL TRACE LABEL MERGE DELETE SEARCH UNLOCK REPORT UPDATE NOTIFY BDELETE CONNECT OPTIONS CHECKIN PROPFIND CHECKOUT CCM_POST SUBSCRIBE PROPPATCH BPROPFIND BPROPPATCH UNCHECKOUT MKACTIVITY MKWORKSPACE UNSUBSCRIBE RPC_CONNECT VERSION-CONTROL BASELINE-CONTROL'.split(' '))
const HTTP_PORTS = new Set([80, 8080])

const hex4 = (n: number) => n.toString(16).padStart(4, '0')
/** `IPv4 (0x0800)`: an ethertype as the link printers and GRE name it. */
const etherName = (type: number) => `${ETHERTYPES[type] ?? 'Unknown'} (0x${hex4(type)})`
const p2 = (n: number) => String(n).padStart(2, '0')
const isPrint = (c: number) => c >= 0x20 && c <= 0x7e
const isGraph = (c: number) => c > 0x20 && c <= 0x7e

interface Conversation {
  seq: number
  ack: number
}

export class PacketPrinter {
  /** tcp_seq_hash: each conversation's initial numbers, both directions under one key. */
  private readonly conversations = new Map<string, Conversation>()
  private prevUs: number | null = null
  private firstUs: number | null = null
  private count = 0

  constructor(
    private readonly o: PrintOptions,
    readonly linktype: number,
  ) {}

  /** The packet's text as tcpdump writes it, ending in a newline. */
  print(p: PcapPacket): string {
    this.count++
    let out = this.o.number ? `${String(this.count).padStart(5)}  ` : ''
    out += this.timestamp(p)
    const v = new View(p.data)
    let hdrlen = 0
    try {
      out += this.link(v, p.origLen, (n) => (hdrlen = n))
    } catch (e) {
      if (!(e instanceof Truncated)) throw e
      out += `${e.partial} [|${e.proto}]`
    }
    out += this.dump(p.data, hdrlen)
    return out + '\n'
  }

  // ---- time --------------------------------------------------------------------------------

  private timestamp(p: PcapPacket): string {
    const us = p.sec * 1e6 + p.usec
    const delta = (from: number) => {
      const d = Math.max(0, us - from)
      const s = Math.floor(d / 1e6)
      return ` ${p2(Math.floor(s / 3600))}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}.${String(d % 1e6).padStart(6, '0')} `
    }
    const clock = () => {
      const d = new Date((p.sec + this.o.tzOffset) * 1000)
      return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(p.usec).padStart(6, '0')}`
    }
    switch (this.o.tflag) {
      case 1:
        return ''
      case 2:
        return `${p.sec}.${String(p.usec).padStart(6, '0')} `
      case 3: {
        const s = delta(this.prevUs ?? us)
        this.prevUs = us
        return s
      }
      case 4: {
        const d = new Date((p.sec + this.o.tzOffset) * 1000)
        return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${clock()} `
      }
      case 5:
        this.firstUs ??= us
        return delta(this.firstUs)
      default:
        return `${clock()} `
    }
  }

  /** Prints `prefix` then what `rest` prints; a truncation inside keeps the prefix, as the C
   *  printers have already written it when they run out of data. */
  private then(prefix: string, rest: () => string): string {
    try {
      return prefix + rest()
    } catch (e) {
      if (e instanceof Truncated) throw new Truncated(e.proto, prefix + e.partial)
      throw e
    }
  }

  // ---- names -------------------------------------------------------------------------------

  private ip(addr: number): string {
    return (!this.o.numeric && this.o.hostName?.(addr)) || formatIp(addr)
  }

  private port(port: number, proto: 'tcp' | 'udp'): string {
    return (!this.o.numeric && this.o.service?.(port, proto)) || String(port)
  }

  /** etheraddr_string: a MAC, with its OUI's name unless -n (the lab's NICs are 52:54:00, unnamed). */
  private mac(m: string): string {
    if (this.o.numeric) return m
    if (m === 'ff:ff:ff:ff:ff:ff') return 'Broadcast'
    return `${m} (oui ${m.startsWith('00:00:00') ? 'Ethernet' : 'Unknown'})`
  }

  // ---- link layer --------------------------------------------------------------------------

  private link(v: View, len: number, header: (n: number) => void): string {
    switch (this.linktype) {
      case LINKTYPE.EN10MB: {
        header(14)
        if (!v.has(0, 14)) throw new Truncated('ether')
        const type = v.u16(12)
        const head = this.o.eflag ? `${this.mac(v.mac(6))} > ${this.mac(v.mac(0))}, ethertype ${etherName(type)}, length ${len}: ` : ''
        return this.then(head, () => this.ethertype(v, type, 14, len - 14))
      }
      case LINKTYPE.LINUX_SLL2: {
        header(20)
        v.proto = 'sll2'
        if (!v.has(0, 20)) throw new Truncated('sll2')
        const type = v.u16(0)
        const index = v.u32(4)
        const pkttype = v.u8(10)
        const halen = v.u8(11)
        let head = `${(this.o.ifName?.(index) ?? '?').padEnd(5)} ${(SLL_PKTTYPES[pkttype] ?? '?').padEnd(3)} `
        if (this.o.eflag) {
          head += `ifindex ${index} `
          // Only an Ethernet-sized address is printed (a tunnel's 4-byte one is not).
          if (halen === 6) head += `${this.mac(v.mac(12))} `
          head += `ethertype ${etherName(type)}, length ${len}: `
        }
        return this.then(head, () => this.ethertype(v, type, 20, len - 20))
      }
      case LINKTYPE.LINUX_SLL: {
        header(16)
        v.proto = 'sll'
        if (!v.has(0, 16)) throw new Truncated('sll')
        const type = v.u16(14)
        let head = ''
        if (this.o.eflag) {
          head = `${(SLL_PKTTYPES[v.u16(0)] ?? '?').padStart(3)} `
          if (v.u16(4) === 6) head += `${this.mac(v.mac(6))} `
          head += `ethertype ${etherName(type)}, length ${len}: `
        }
        return this.then(head, () => this.ethertype(v, type, 16, len - 16))
      }
      case LINKTYPE.RAW:
        header(0)
        return this.then(this.o.eflag ? 'ip: ' : '', () => this.ipv4(v, 0, len))
      default:
        return `unknown link-type ${this.linktype}`
    }
  }

  private ethertype(v: View, type: number, at: number, length: number): string {
    if (type === 0x0800) return this.ipv4(v, at, length)
    if (type === 0x0806) return this.arp(v, at, length)
    return `ethertype ${etherName(type)}, length ${length}: `
  }

  // ---- ARP ---------------------------------------------------------------------------------

  private arp(v: View, at: number, length: number): string {
    v.proto = 'arp'
    let s = this.o.eflag ? '' : 'ARP, '
    const hrd = v.u16(at)
    const pro = v.u16(at + 2)
    if (hrd !== 1 || pro !== 0x0800 || v.u8(at + 4) !== 6 || v.u8(at + 5) !== 4) return s + `Unknown Hardware (${hrd}), length ${length}`
    if (this.o.vflag) s += 'Ethernet (len 6), IPv4 (len 4), '
    const op = v.u16(at + 6)
    const sha = v.mac(at + 8)
    const spa = v.u32(at + 14)
    const tha = v.mac(at + 18)
    const tpa = v.u32(at + 24)
    if (op === 1) {
      const target = tha === '00:00:00:00:00:00' ? '' : ` (${this.mac(tha)})`
      return s + `Request who-has ${this.ip(tpa)}${target} tell ${this.ip(spa)}, length ${length}`
    }
    if (op === 2) return s + `Reply ${this.ip(spa)} is-at ${this.mac(sha)}, length ${length}`
    return s + `arp-#${op}, length ${length}`
  }

  // ---- IPv4 --------------------------------------------------------------------------------

  private ipv4(v: View, at: number, length: number): string {
    v.proto = 'ip'
    return this.then(this.o.eflag ? '' : 'IP ', () => this.ipv4Header(v, at, length))
  }

  private ipv4Header(v: View, at: number, length: number): string {
    let s = ''
    const vhl = v.u8(at)
    if (vhl >> 4 !== 4) return `IP${vhl >> 4}`
    const hlen = (vhl & 15) * 4
    const tos = v.u8(at + 1)
    const len = v.u16(at + 2)
    const id = v.u16(at + 4)
    const off = v.u16(at + 6)
    const ttl = v.u8(at + 8)
    const proto = v.u8(at + 9)
    const sum = v.u16(at + 10)
    const src = v.u32(at + 12)
    const dst = v.u32(at + 16)
    if (length < len) s += `truncated-ip - ${len - length} bytes missing! `
    if (this.o.vflag) {
      const flags = [off & 0x8000 ? 'rsvd' : '', off & 0x4000 ? 'DF' : '', off & 0x2000 ? '+' : ''].filter(Boolean).join('')
      s += `(tos 0x${tos.toString(16)}, ttl ${ttl}, id ${id}, offset ${(off & 0x1fff) * 8}, flags [${flags || 'none'}], proto ${IPPROTO_NAMES[proto] ?? 'unknown'} (${proto}), length ${len}`
      if (v.has(at, hlen)) {
        const ok = inetChecksum(v.b, at, at + hlen) === 0
        if (!ok) s += `, bad cksum ${sum.toString(16)} (->${(inetChecksum(v.b.slice(at, at + hlen).fill(0, 10, 12)) & 0xffff).toString(16)})!`
      }
      s += ')\n    '
    }
    const payload = at + hlen
    const plen = Math.min(len, length) - hlen
    if (proto !== 6 && proto !== 17) s += `${this.ip(src)} > ${this.ip(dst)}: `
    switch (proto) {
      case 6:
        return this.then(s, () => this.tcp(v, payload, plen, src, dst))
      case 17:
        return this.then(s, () => this.udp(v, payload, plen, src, dst))
      case 1:
        return this.then(s, () => this.icmp(v, payload, plen))
      case 4:
        return this.then(s, () => this.ipv4(v, payload, plen))
      case 47:
        return this.then(s, () => this.gre(v, payload, plen))
      default:
        return s + `ip-proto-${proto} ${plen}`
    }
  }

  // ---- TCP ---------------------------------------------------------------------------------

  private tcp(v: View, at: number, length: number, src: number, dst: number): string {
    v.proto = 'tcp'
    const sport = v.u16(at)
    const dport = v.u16(at + 2)
    return this.then(`${this.ip(src)}.${this.port(sport, 'tcp')} > ${this.ip(dst)}.${this.port(dport, 'tcp')}: `, () => this.tcpBody(v, at, length, src, dst, sport, dport))
  }

  private tcpBody(v: View, at: number, length: number, src: number, dst: number, sport: number, dport: number): string {
    let s = ''
    let seq = v.u32(at + 4)
    let ack = v.u32(at + 8)
    const hlen = (v.u8(at + 12) >> 4) * 4
    const flags = v.u8(at + 13)
    const win = v.u16(at + 14)
    const sum = v.u16(at + 16)
    const urp = v.u16(at + 18)
    if (hlen < 20) return `tcp ${length} [bad hdr length ${hlen} - too short, < 20]`
    const datalen = length - hlen
    if (this.o.qflag) return `tcp ${datalen}`
    s += `Flags [${TCP_FLAGS.filter(([bit]) => flags & bit).map(([, l]) => l).join('') || 'none'}]`
    if (!this.o.Sflag && flags & 0x10) {
      // print-tcp.c orders the two ends (lower port first, then address) so both directions
      // share one entry; the first ACK-bearing segment, or any SYN, (re)starts the numbering.
      const rev = sport > dport || (sport === dport && src > dst)
      const key = rev ? `${dst}.${dport}-${src}.${sport}` : `${src}.${sport}-${dst}.${dport}`
      const c = this.conversations.get(key)
      if (!c || flags & 0x02) {
        this.conversations.set(key, rev ? { ack: seq, seq: (ack - 1) >>> 0 } : { seq, ack: (ack - 1) >>> 0 })
      } else if (rev) {
        seq = (seq - c.ack) >>> 0
        ack = (ack - c.seq) >>> 0
      } else {
        seq = (seq - c.seq) >>> 0
        ack = (ack - c.ack) >>> 0
      }
    }
    if (this.o.vflag && v.has(at, length)) {
      const pseudo = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + 6 + length
      const got = inetChecksum(v.b, at, at + length, pseudo)
      s += got === 0 ? `, cksum 0x${hex4(sum)} (correct)` : `, cksum 0x${hex4(sum)} (incorrect -> 0x${hex4(inetChecksum(v.b.slice(at, at + length).fill(0, 16, 18), 0, length, pseudo))})`
    }
    if (this.o.vflag > 1 || datalen > 0 || flags & 0x07) {
      s += `, seq ${seq}`
      if (datalen > 0) s += `:${(seq + datalen) >>> 0}`
    }
    if (flags & 0x10) s += `, ack ${ack}`
    s += `, win ${win}`
    if (flags & 0x20) s += `, urg ${urp}`
    if (hlen > 20) s += `, options [${this.tcpOptions(v, at + 20, hlen - 20)}]`
    s += `, length ${datalen}`
    if (datalen > 0 && (HTTP_PORTS.has(sport) || HTTP_PORTS.has(dport))) return this.then(s, () => this.http(v, at + hlen, datalen))
    return s
  }

  private tcpOptions(v: View, at: number, len: number): string {
    const out: string[] = []
    const end = at + len
    while (at < end) {
      const kind = v.u8(at)
      if (kind === 0) {
        out.push('eol')
        break
      }
      if (kind === 1) {
        out.push('nop')
        at++
        continue
      }
      const olen = v.u8(at + 1)
      if (olen < 2) {
        out.push(`opt-${kind}:`)
        break
      }
      switch (kind) {
        case 2:
          out.push(`mss ${v.u16(at + 2)}`)
          break
        case 3:
          out.push(`wscale ${v.u8(at + 2)}`)
          break
        case 4:
          out.push('sackOK')
          break
        case 8:
          out.push(`TS val ${v.u32(at + 2)} ecr ${v.u32(at + 6)}`)
          break
        case 254:
          // TCPOPT_EXPERIMENT2: "exp-" and the 16-bit magic only (for TOA, its port).
          out.push(`exp-${hex4(v.u16(at + 2))}`)
          break
        default:
          out.push(`opt-${kind}:${this.hexBytes(v, at + 2, olen - 2)}`)
      }
      at += olen
    }
    return out.join(',')
  }

  private hexBytes(v: View, at: number, n: number): string {
    let s = ''
    for (let i = 0; i < n; i++) s += v.u8(at + i).toString(16).padStart(2, '0')
    return s
  }

  /**
   * txtproto_print for HTTP: without -v the first line when the segment starts with a method
   * or `HTTP/x.y NNN`, else just `: HTTP`; with -v every line, each on its own tab-led line.
   */
  private http(v: View, at: number, len: number): string {
    v.proto = 'http'
    const avail = Math.min(len, v.b.length - at)
    const b = v.b.subarray(at, at + avail)
    if (this.o.vflag) {
      let s = `: HTTP, length: ${len}`
      let i = 0
      while (i < b.length) {
        const line = txtLine(b, i)
        if (!line) break
        // A line the snapshot length cut is not printed: the printer stops at the cut.
        if (!line.ended && avail < len) throw new Truncated('http', s)
        s += `\n\t${line.text}`
        i = line.next
      }
      if (avail < len) throw new Truncated('http', s)
      return s
    }
    const first = token(b, 0)
    let show = first !== null && HTTP_COMMANDS.has(first.text)
    if (!show && first !== null) {
      const second = token(b, first.next)
      show = second !== null && /^\d{3}$/.test(second.text)
    }
    if (!show) return ': HTTP'
    const line = txtLine(b, 0)
    return line ? `: HTTP: ${line.text}` : ': HTTP'
  }

  // ---- UDP, ICMP, GRE ----------------------------------------------------------------------

  private udp(v: View, at: number, length: number, src: number, dst: number): string {
    v.proto = 'udp'
    const sport = v.u16(at)
    const dport = v.u16(at + 2)
    const ulen = v.u16(at + 4)
    const sum = v.u16(at + 6)
    let s = `${this.ip(src)}.${this.port(sport, 'udp')} > ${this.ip(dst)}.${this.port(dport, 'udp')}: `
    if (this.o.qflag) return s + `UDP, length ${ulen - 8}`
    if (this.o.vflag > 1 && v.has(at, length)) {
      if (sum === 0) s += '[no cksum] '
      else {
        const pseudo = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + 17 + ulen
        const got = inetChecksum(v.b, at, at + ulen, pseudo)
        s += got === 0 ? '[udp sum ok] ' : `[bad udp cksum 0x${hex4(sum)} -> 0x${hex4(inetChecksum(v.b.slice(at, at + ulen).fill(0, 6, 8), 0, ulen, pseudo))}!] `
      }
    }
    return s + `UDP, length ${ulen - 8}`
  }

  private icmp(v: View, at: number, length: number): string {
    v.proto = 'icmp'
    const type = v.u8(at)
    const code = v.u8(at + 1)
    let s = 'ICMP '
    const quotedDst = () => this.ip(v.u32(at + 8 + 16))
    switch (type) {
      case 0:
      case 8:
        s += `echo ${type === 8 ? 'request' : 'reply'}, id ${v.u16(at + 4)}, seq ${v.u16(at + 6)}`
        break
      case 3: {
        const oproto = v.u8(at + 8 + 9)
        const ohl = (v.u8(at + 8) & 15) * 4
        const texts: Record<number, () => string> = {
          0: () => `net ${quotedDst()} unreachable`,
          1: () => `host ${quotedDst()} unreachable`,
          2: () => `${quotedDst()} protocol ${oproto} unreachable`,
          3: () => `${quotedDst()} ${oproto === 6 ? 'tcp' : oproto === 17 ? 'udp' : `ip-proto-${oproto}`} port ${this.port(v.u16(at + 8 + ohl + 2), oproto === 17 ? 'udp' : 'tcp')} unreachable`,
          4: () => `${quotedDst()} unreachable - need to frag (mtu ${v.u16(at + 6)})`,
          13: () => `host ${quotedDst()} unreachable - admin prohibited filter`,
        }
        s += texts[code]?.() ?? `${quotedDst()} unreachable - #${code}`
        break
      }
      case 11:
        s += code === 0 ? 'time exceeded in-transit' : 'ip reassembly time exceeded'
        break
      default:
        s += `type-#${type}`
    }
    s += `, length ${length}`
    // -v: the quoted header, printed as a packet of the length it claims (so a short quote ends
    // in a truncation mark).
    if (this.o.vflag && (type === 3 || type === 11)) return this.then(`${s}\n\t`, () => this.ipv4(v, at + 8, v.u16(at + 8 + 2)))
    return s
  }

  /** gre_print_0: -v adds the flags, -e the protocol; -v puts the inner packet on its own line. */
  private gre(v: View, at: number, length: number): string {
    v.proto = 'gre'
    const flags = v.u16(at)
    const proto = v.u16(at + 2)
    let s = `GREv${flags & 7}`
    if (this.o.vflag) s += `, Flags [${flags & 0x8000 ? 'checksum present' : 'none'}]`
    if (this.o.eflag) s += `, proto ${etherName(proto)}`
    const hlen = flags & 0x8000 ? 8 : 4
    s += `, length ${length}${this.o.vflag ? '\n\t' : ': '}`
    return this.then(s, () => this.ethertype(v, proto, at + hlen, length - hlen))
  }

  // ---- dumps -------------------------------------------------------------------------------

  /** -X/-XX (hex and ASCII), else -x/-xx (hex), else -A: from the network header, or all with two. */
  private dump(b: Uint8Array, hdrlen: number): string {
    const o = this.o
    const whole = o.Xflag > 1 || (!o.Xflag && o.xflag > 1)
    const bytes = whole ? b : b.subarray(Math.min(hdrlen, b.length))
    if (!whole && b.length <= hdrlen) return ''
    if (o.Xflag) return hexDump(bytes, true)
    if (o.xflag) return hexDump(bytes, false)
    if (o.Aflag) return asciiDump(bytes)
    return ''
  }
}

/** hex_print / hex_and_ascii_print: 16 octets a line in groups of two, offset first; the ASCII
 *  column shows graphic characters only (a space is a dot). */
function hexDump(b: Uint8Array, ascii: boolean): string {
  let out = ''
  for (let off = 0; off < b.length; off += 16) {
    const row = b.subarray(off, off + 16)
    let hex = ''
    for (let i = 0; i < row.length; i += 2) hex += i + 1 < row.length ? ` ${row[i].toString(16).padStart(2, '0')}${row[i + 1].toString(16).padStart(2, '0')}` : ` ${row[i].toString(16).padStart(2, '0')}`
    out += `\n\t0x${off.toString(16).padStart(4, '0')}: `
    out += ascii ? `${hex.padEnd(40)}  ${Array.from(row, (c) => (isGraph(c) ? String.fromCharCode(c) : '.')).join('')}` : hex
  }
  return out
}

/** ascii_print: printable octets, tabs, spaces and newlines as they are, a CR before LF dropped. */
function asciiDump(b: Uint8Array): string {
  let out = '\n'
  for (let i = 0; i < b.length; i++) {
    const c = b[i]
    if (c === 13) {
      if (b.length - i - 1 > 1 && b[i + 1] !== 10) out += '.'
    } else out += isGraph(c) || c === 32 || c === 9 || c === 10 ? String.fromCharCode(c) : '.'
  }
  return out
}

/** fetch_token: a printable token up to white space, and where the next token starts. */
function token(b: Uint8Array, i: number): { text: string; next: number } | null {
  let text = ''
  for (; i < b.length; i++) {
    const c = b[i]
    if (c > 0x7f) return null
    if (c === 32 || (c >= 9 && c <= 13)) break
    if (!isPrint(c)) return null
    text += String.fromCharCode(c)
  }
  if (!text) return null
  for (; i < b.length; i++) {
    const c = b[i]
    if (c === 13 || c === 10 || !isPrint(c) || c !== 32) break
  }
  return { text, next: i }
}

/** print_txt_line: a line ending in LF or CRLF (or the data), printable ASCII and tabs only;
 *  null for anything else. */
function txtLine(b: Uint8Array, start: number): { text: string; next: number; ended: boolean } | null {
  for (let i = start; i < b.length; i++) {
    const c = b[i]
    if (c === 10) return { text: latin(b, start, i), next: i + 1, ended: true }
    if (c === 13) {
      if (i + 1 >= b.length || b[i + 1] !== 10) return null
      return { text: latin(b, start, i), next: i + 2, ended: true }
    }
    if (!isPrint(c) && c !== 9) return null
  }
  return { text: latin(b, start, b.length), next: b.length, ended: false }
}

function latin(b: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...b.subarray(from, to))
}
