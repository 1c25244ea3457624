// A classic libpcap capture file (the format tcpdump -w and Wireshark share): the 24-byte global
// header (magic a1b2c3d4 little-endian, version 2.4, snaplen 262144) then per packet its time in
// seconds and microseconds, captured and original length, and the bytes. Times are the virtual clock's.

export const LINKTYPE_ETHERNET = 1

export interface PcapPacket {
  /** Microseconds. */
  t: number
  bytes: Uint8Array
}

export function pcapFile(packets: readonly PcapPacket[], linktype = LINKTYPE_ETHERNET): Uint8Array {
  let size = 24
  for (const p of packets) size += 16 + p.bytes.length
  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  view.setUint32(0, 0xa1b2c3d4, true)
  view.setUint16(4, 2, true)
  view.setUint16(6, 4, true)
  view.setUint32(16, 262144, true)
  view.setUint32(20, linktype, true)
  let at = 24
  for (const p of packets) {
    const t = Math.max(0, Math.floor(p.t))
    view.setUint32(at, Math.floor(t / 1e6), true)
    view.setUint32(at + 4, t % 1e6, true)
    view.setUint32(at + 8, p.bytes.length, true)
    view.setUint32(at + 12, p.bytes.length, true)
    out.set(p.bytes, at + 16)
    at += 16 + p.bytes.length
  }
  return out
}
