// Why each field leaves the director as it does, per forwarding method, in the terms of the
// reference's header tables (shared/reference/ipvs-kernel.md §3: NAT rewrites the destination,
// DR only the destination MAC, TUN adds an outer IPIP header around the untouched packet, FULLNAT
// both addresses and adds TOA). A learner reads one of these under every field they got wrong.

import type { FwdMethod } from '../../../ipvs/types.ts'
import type { PredictField } from '../../lessons/schema.ts'
import type { LocalText } from '../text.ts'

type T = LocalText

export const METHOD_NAME: Record<FwdMethod, LocalText> = {
  masq: { en: 'IPVS NAT', 'zh-Hans': 'IPVS NAT', 'zh-Hant': 'IPVS NAT' },
  droute: { en: 'IPVS DR', 'zh-Hans': 'IPVS DR', 'zh-Hant': 'IPVS DR' },
  tunnel: { en: 'IPVS TUN', 'zh-Hans': 'IPVS TUN', 'zh-Hant': 'IPVS TUN' },
  fullnat: { en: 'FULLNAT', 'zh-Hans': 'FULLNAT', 'zh-Hant': 'FULLNAT' },
}

const ETH_SRC: T = { en: 'every hop writes its own source MAC: {director} sends the frame from its {iface}', 'zh-Hans': '每一跳都写上自己的源 MAC：{director} 从它的 {iface} 送出这个帧', 'zh-Hant': '每一跳都寫上自己的來源 MAC：{director} 從它的 {iface} 送出這個訊框' }
const NEXT_HOP: T = { en: 'the frame goes to the next hop toward {rip}, the real server {sched} chose: {hop}', 'zh-Hans': '帧送往通往 {rip}（{sched} 选中的真实服务器）的下一跳：{hop}', 'zh-Hant': '訊框送往通往 {rip}（{sched} 選中的真實伺服器）的下一跳：{hop}' }
const TTL: T = { en: 'forwarding a packet takes one from its TTL', 'zh-Hans': '转发数据包时 TTL 减一', 'zh-Hant': '轉發封包時 TTL 減一' }
const NO_TOA: T = { en: 'only FULLNAT adds a TOA option; {method} does not', 'zh-Hans': '只有 FULLNAT 会加上 TOA 选项，{method} 不会', 'zh-Hant': '只有 FULLNAT 會加上 TOA 選項，{method} 不會' }
const NO_OUTER: T = { en: 'only TUN wraps the packet in an outer header; {method} does not', 'zh-Hans': '只有 TUN 会在数据包外再加一层首部，{method} 不会', 'zh-Hant': '只有 TUN 會在封包外再加一層標頭，{method} 不會' }

const DR_TCP: T = { en: 'DR leaves TCP as it was (no port mapping)', 'zh-Hans': 'DR 不改 TCP（没有端口映射）', 'zh-Hant': 'DR 不改 TCP（沒有連接埠對應）' }
const TUN_INNER: T = { en: "TUN leaves the client's packet as it was (CIP → VIP) inside the tunnel; the real server, holding the VIP, answers the client itself", 'zh-Hans': 'TUN 在隧道里保留客户端的原数据包（CIP → VIP）；持有 VIP 的真实服务器直接回复客户端', 'zh-Hant': 'TUN 在隧道裡保留用戶端的原封包（CIP → VIP）；持有 VIP 的真實伺服器直接回覆用戶端' }
const TUN_TCP: T = { en: 'TUN leaves TCP as it was, inside the tunnel', 'zh-Hans': 'TUN 在隧道里不改 TCP', 'zh-Hant': 'TUN 在隧道裡不改 TCP' }

const COMMON: Partial<Record<PredictField, T>> = {
  'eth.src': ETH_SRC,
  'ip.ttl': TTL,
  'tcp.toa': NO_TOA,
  'outer.src': NO_OUTER,
  'outer.dst': NO_OUTER,
  'outer.proto': NO_OUTER,
}

const BY_METHOD: Record<FwdMethod, Partial<Record<PredictField, T>>> = {
  masq: {
    'eth.dst': NEXT_HOP,
    'ip.src': { en: "NAT keeps the client's address as the source, so the real server must send its reply back through the director", 'zh-Hans': 'NAT 保留客户端地址作为源地址，所以真实服务器必须经由调度器回复', 'zh-Hant': 'NAT 保留用戶端位址作為來源位址，所以真實伺服器必須經由調度器回覆' },
    'ip.dst': { en: 'NAT rewrites the destination from the VIP to the real server {sched} chose, {dest}', 'zh-Hans': 'NAT 把目标地址从 VIP 改写为 {sched} 选中的真实服务器：{dest}', 'zh-Hant': 'NAT 把目的位址從 VIP 改寫為 {sched} 選中的真實伺服器：{dest}' },
    'tcp.sport': { en: "NAT keeps the client's port", 'zh-Hans': 'NAT 保留客户端的端口', 'zh-Hant': 'NAT 保留用戶端的連接埠' },
    'tcp.dport': { en: "NAT rewrites the port to the real server's port ({rport})", 'zh-Hans': 'NAT 把端口改写为真实服务器的端口（{rport}）', 'zh-Hant': 'NAT 把連接埠改寫為真實伺服器的連接埠（{rport}）' },
  },
  droute: {
    'eth.dst': { en: 'DR changes only the destination MAC: to the MAC of the real server {sched} chose, {dest}', 'zh-Hans': 'DR 只改目标 MAC：改为 {sched} 选中的真实服务器 {dest} 的 MAC', 'zh-Hant': 'DR 只改目的 MAC：改為 {sched} 選中的真實伺服器 {dest} 的 MAC' },
    'ip.src': { en: "DR does not touch the IP header: the source stays the client's address", 'zh-Hans': 'DR 不动 IP 首部：源地址仍是客户端的地址', 'zh-Hant': 'DR 不動 IP 標頭：來源位址仍是用戶端的位址' },
    'ip.dst': { en: 'DR does not touch the IP header: the destination stays the VIP, which the real server holds on lo', 'zh-Hans': 'DR 不动 IP 首部：目标地址仍是 VIP，真实服务器在 lo 上持有它', 'zh-Hant': 'DR 不動 IP 標頭：目的位址仍是 VIP，真實伺服器在 lo 上持有它' },
    'tcp.sport': DR_TCP,
    'tcp.dport': DR_TCP,
  },
  tunnel: {
    'eth.dst': { en: 'the outer packet goes to the next hop toward {rip}, the real server {sched} chose: {hop}', 'zh-Hans': '外层数据包送往通往 {rip}（{sched} 选中的真实服务器）的下一跳：{hop}', 'zh-Hant': '外層封包送往通往 {rip}（{sched} 選中的真實伺服器）的下一跳：{hop}' },
    'ip.src': TUN_INNER,
    'ip.dst': TUN_INNER,
    'ip.ttl': { en: 'the inner TTL is decremented once, and the outer header starts from that TTL', 'zh-Hans': '内层 TTL 减一，外层首部沿用这个 TTL', 'zh-Hant': '內層 TTL 減一，外層標頭沿用這個 TTL' },
    'tcp.sport': TUN_TCP,
    'tcp.dport': TUN_TCP,
    'outer.src': { en: "the outer source is the director's own address on the route to {rip}, not the client's", 'zh-Hans': '外层源地址是调度器通往 {rip} 的路由所用的自身地址，不是客户端的地址', 'zh-Hant': '外層來源位址是調度器通往 {rip} 的路由所用的自身位址，不是用戶端的位址' },
    'outer.dst': { en: 'the outer destination is the real server {sched} chose, {dest}', 'zh-Hans': '外层目标地址是 {sched} 选中的真实服务器：{dest}', 'zh-Hant': '外層目的位址是 {sched} 選中的真實伺服器：{dest}' },
    'outer.proto': { en: 'IPVS TUN wraps IPv4 in IPIP, IP protocol 4 (GRE or GUE only with --tun-type)', 'zh-Hans': 'IPVS TUN 用 IPIP（IP 协议 4）封装 IPv4（GRE 或 GUE 要用 --tun-type）', 'zh-Hant': 'IPVS TUN 用 IPIP（IP 協定 4）封裝 IPv4（GRE 或 GUE 要用 --tun-type）' },
  },
  fullnat: {
    'eth.dst': NEXT_HOP,
    'ip.src': { en: "FULLNAT replaces the client's address with a local address of the director (LIP {lip}), so the reply comes back to the director by plain routing", 'zh-Hans': 'FULLNAT 把客户端地址换成调度器的本地地址（LIP {lip}），所以回复靠一般路由就回到调度器', 'zh-Hant': 'FULLNAT 把用戶端位址換成調度器的本地位址（LIP {lip}），所以回覆靠一般路由就回到調度器' },
    'ip.dst': { en: 'FULLNAT rewrites the destination to the real server {sched} chose, {dest}', 'zh-Hans': 'FULLNAT 把目标地址改写为 {sched} 选中的真实服务器：{dest}', 'zh-Hant': 'FULLNAT 把目的位址改寫為 {sched} 選中的真實伺服器：{dest}' },
    'ip.ttl': { en: 'DPVS leaves the TTL as it was (its xmit_ttl option is off by default)', 'zh-Hans': 'DPVS 不改 TTL（xmit_ttl 选项默认关闭）', 'zh-Hant': 'DPVS 不改 TTL（xmit_ttl 選項預設關閉）' },
    'tcp.sport': { en: 'FULLNAT gives the connection a new local port on the LIP', 'zh-Hans': 'FULLNAT 为连接在 LIP 上分配新的本地端口', 'zh-Hant': 'FULLNAT 為連線在 LIP 上分配新的本地連接埠' },
    'tcp.dport': { en: "FULLNAT rewrites the port to the real server's port ({rport})", 'zh-Hans': 'FULLNAT 把端口改写为真实服务器的端口（{rport}）', 'zh-Hant': 'FULLNAT 把連接埠改寫為真實伺服器的連接埠（{rport}）' },
  },
}

const TOA_CARRIED: T = { en: "the TOA option (TCP option 254) carries the client's address {cip}:{cport} to the real server, whose toa module hands it to the application", 'zh-Hans': 'TOA 选项（TCP 选项 254）把客户端地址 {cip}:{cport} 带给真实服务器，由其 toa 模块交给应用程序', 'zh-Hant': 'TOA 選項（TCP 選項 254）把用戶端位址 {cip}:{cport} 帶給真實伺服器，由其 toa 模組交給應用程式' }
const TOA_ABSENT: T = { en: 'this packet of the connection carries no TOA option', 'zh-Hans': '连接的这个数据包不带 TOA 选项', 'zh-Hant': '連線的這個封包不帶 TOA 選項' }

/** The template explaining `field` for `method`; `toa` says whether the sent packet carries one. */
export function whyTemplate(method: FwdMethod, field: PredictField, toa: boolean): T {
  if (field === 'tcp.toa' && method === 'fullnat') return toa ? TOA_CARRIED : TOA_ABSENT
  return BY_METHOD[method][field] ?? COMMON[field]!
}
