// The libpcap savefile format (pcap-savefile(5)) that tcpdump -w and Wireshark share: a 24-byte
// file header (magic a1b2c3d4, version 2.4, snapshot length, link type), then per packet its time
// (seconds, microseconds), captured and original length, and the octets. The same interface as the
// pcap branch's writer (writePcap, LINKTYPE), which replaces this file when both are merged.

export const LINKTYPE = { EN10MB: 1, RAW: 101, LINUX_SLL: 113, LINUX_SLL2: 276 } as const

/** tcpdump's default snapshot length (MAXIMUM_SNAPLEN). */
export const SNAPLEN = 262144

export interface PcapPacket {
  /** Seconds and microseconds, as the record header stores them. */
  readonly sec: number
  readonly usec: number
  readonly data: Uint8Array
}

export function writePcap(linktype: number, packets: readonly PcapPacket[], snaplen = SNAPLEN): Uint8Array {
  let size = 24
  for (const p of packets) size += 16 + Math.min(p.data.length, snaplen)
  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  view.setUint32(0, 0xa1b2c3d4, true)
  view.setUint16(4, 2, true)
  view.setUint16(6, 4, true)
  view.setUint32(16, snaplen, true)
  view.setUint32(20, linktype, true)
  let at = 24
  for (const p of packets) {
    const captured = Math.min(p.data.length, snaplen)
    view.setUint32(at, p.sec, true)
    view.setUint32(at + 4, p.usec, true)
    view.setUint32(at + 8, captured, true)
    view.setUint32(at + 12, p.data.length, true)
    out.set(p.data.subarray(0, captured), at + 16)
    at += 16 + captured
  }
  return out
}
