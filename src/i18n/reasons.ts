// The engine's explanations (drops, rewrites, notes, scheduler rules) in Chinese. The engine
// writes English text plus a code and the facts; here each code has a template per locale. A code
// without a template falls back to the English text, so nothing is ever hidden. Shared by the UI
// and by the engine's lesson checks, which quote the trace's reasons in the learner's language.

import type { Locale } from './locale.ts'

type Templates = Record<string, string>

const zhHans: Templates = {
  'internal.event': '模拟器内部错误（{error}）：该事件被丢弃，实验继续运行',
  'internal.packet': '{host}：在 {iface} 上接收数据包时模拟器内部出错（{error}）：该数据包被丢弃，实验继续运行',
  'internal.command': '{host}：运行 {command} 时模拟器内部出错（{error}）：该命令被停止，shell 继续运行',
  'drop.rp_filter': '{host}：反向路径过滤（{iface} 上 rp_filter={mode}）：回到 {src} 的路由不经过 {iface}，丢弃',
  'drop.ip_forward': '{host}：发往 {dst} 的包不是给本机的，而 net.ipv4.ip_forward = 0，所以不转发',
  'drop.no_route': '{host}：没有到 {dst} 的路由（ip route 无匹配项，也没有默认网关）',
  'drop.ttl': '{host}：TTL 在转发途中耗尽，丢弃并回送 ICMP time exceeded',
  'drop.icmp_ignore': '{host}：icmp_echo_ignore_all = 1，不回应 ping',
  'drop.arp_failed': '{host}：在 {iface} 上发出 {probes} 次 ARP 请求，{ip} 都没有回应',
  'arp.ignored': '{host}：不回应对 {ip} 的 ARP：arp_ignore={mode}，而该地址不在 {iface} 上',
  'arp.martian': '{host}：不回应 {iface} 上来自 {ip} 的 ARP：{ip} 是它自己的地址，发送方是火星源地址（{iface} 上 accept_local=0）',
  'arp.martian_rpf': '{host}：不回应 {iface} 上来自 {ip} 的 ARP：{ip} 是它自己的地址，发送方是火星源地址（accept_local=1，但 {iface} 上 rp_filter=1，而 {ip} 不在 {iface} 上）',
  'drop.martian': '{host}：{iface} 上的火星源地址 {src}：{src} 是它自己的地址（{iface} 上 accept_local=0）',
  'drop.martian_rpf': '{host}：{iface} 上的火星源地址 {src}：{src} 是它自己的地址（accept_local=1，但 {iface} 上 rp_filter=1，而 {src} 不在 {iface} 上）',
  'arp.arptables': '{host}：arptables INPUT 丢弃了对 {ip} 的 ARP',
  'drop.no_ipip': '{host}：没有处理 IP 协议 4（IPIP）的模块：未加载 ipip（modprobe ipip）',
  'drop.tunl0_down': '{host}：tunl0 未启用，解封装后的包被丢弃（ip link set tunl0 up）',
  'drop.firewalld': '{host} 的 firewalld：public 区域只允许 {allowed}；{what} 被以 ICMP admin-prohibited 拒绝',
  'drop.firewalld_rich': '{host} 的 firewalld：public 区域的富规则 \'{rule}\' 丢弃了 {what}',
  'drop.firewalld_rich_reject': '{host} 的 firewalld：public 区域的富规则 \'{rule}\' 拒绝了 {what}',
  'drop.iptables': '{host} 的 iptables：{table} 表 {chain} 链的 -j {target} 规则匹配',
  'drop.udp_port': '{host}：UDP 端口 {port} 上没有套接字',
  'drop.proto': '{host}：没有处理 IP 协议 {proto} 的程序',
  'tcp.rst': '{host}：TCP 端口 {port} 上没有程序监听，内核回应 RST',
  'ipvs.nodest': '{host}：IPVS {scheduler}：{svc} 没有可用的真实服务器，客户端收到 ICMP 端口不可达',
  'ipvs.nodest_conn': '{host}：连接的真实服务器 {dest} 已被删除（expire_nodest_conn = 0），包被丢弃',
  'ipvs.no_laddr': '{host}：FULLNAT 服务 {svc} 没有本地地址（ipvsadm --add-laddr -z LIP -t VIP:PORT -F 接口）',
  'ipvs.masq': '{host}：IPVS NAT 改写目的地址：{from} 变为 {to}',
  'ipvs.masq.reply': '{host}：IPVS NAT 回应改写来源：{from} 变为 {to}',
  'ipvs.masq.icmp': '{host}：IPVS NAT 改写关于该连接的 ICMP 错误：{from} 变为 {to}',
  'ipvs.droute': '{host}：IPVS DR：IP 包不变（{to}），只把目的 MAC 换成真实服务器的',
  'ipvs.tunnel': '{host}：IPVS TUN：把包封装进 {how}（外层 {to}）',
  'drop.no_gre': '{host}：没有处理 IP 协议 47（GRE）的模块：未加载 ip_gre（modprobe ip_gre）',
  'drop.gre0_down': '{host}：gre0 未启用，解封装后的包被丢弃（ip link set gre0 up）',
  'gre.decap': '{host}：gre0 解封装来自 {src} 的 GRE 包',
  'ipvs.icmp.tunnel': '{host}：IPVS 把关于隧道包的 ICMP 错误转给客户端',
  'ipvs.fullnat': '{host}：FULLNAT 同时改写来源与目的：{from} 变为 {to}',
  'ipvs.fullnat.reply': '{host}：FULLNAT 回应：{from} 变为 {to}',
  'ipip.decap': '{host}：tunl0 解封装来自 {src} 的 IPIP 包',
  'nat.masq': '{host}：firewalld 地址伪装：来源 {from} 改写为 {to}',
  'nat.unmasq': '{host}：地址伪装的回应：目的 {from} 改回 {to}（conntrack）',
  'nat.snat': '{host}：SNAT：来源 {from} 改写为 {to}',
  'nat.unsnat': '{host}：SNAT 连接的回应：目的 {from} 改回 {to}（conntrack）',
  'nat.dnat': '{host}：DNAT：目的 {from} 改写为 {to}',
  'nat.undnat': '{host}：DNAT 连接的回应：来源 {from} 改回 {to}（conntrack）',
  'drop.ct_invalid': '{host} 的 firewalld：{chain} 丢弃 {what}：conntrack 不知道它属于哪个连接（ct state invalid）',
  'sched.not_mainline': '内核没有 "{scheduler}" 调度算法。教程里的它依据的是测得的响应时间，IPVS 从不计时；主线中最接近的是 {nearest}。',
  'sched.rr': 'rr：按列表顺序（最新加入的在前）取 {prev} 之后第一台权重 > 0 的服务器',
  'sched.unusable': '{name}：每台服务器的权重都是 0 或已过载',
  'sched.wrr': 'wrr：从上次选中的之后，取第一台权重不小于当前权重 cw = {cw} 的服务器（每轮 cw 减 {di}，减到 0 后从 {mw} 重新开始）',
  'sched.wrr.none': 'wrr：没有权重大于 0 的服务器',
  'sched.wrr.overloaded': 'wrr：没有可用的服务器：全部已过载',
  'sched.least': '{name}：在权重 > 0 的服务器中取 {cost} 最小的；相同时取列表中较前的（最新加入的）',
  'sched.nq.idle': 'nq：按列表顺序第一台没有活动连接的服务器',
  'sched.fo': 'fo：未过载的服务器中权重最高的',
  'sched.fo.none': 'fo：没有权重大于 0 的服务器',
  'sched.ovf': 'ovf：活动连接数 ≤ 权重的服务器中权重最高的',
  'sched.ovf.none': 'ovf：每台服务器都已满、停用或过载',
  'sched.twos': 'twos：按权重随机抽两次，取两者中 开销/权重 较低的',
  'sched.none': 'none：这个服务没有调度算法，不会调度新连接',
  'sched.dh': 'dh：hash_32({daddr}, 8) = 桶 {bucket}，对应 {dest}',
  'sched.dh.miss': 'dh：桶 {bucket} 没有可用的服务器（无后备）',
  'sched.sh': 'sh：{who} 哈希到桶 {bucket}，对应 {dest}',
  'sched.sh.miss': 'sh：{who} 哈希到桶 {bucket}，其服务器权重为 0 或已过载（未设 sh-fallback）',
  'sched.mh': 'mh：{caddr} 哈希到 {size} 个槽中的第 {slot} 个，属于 {dest}',
  'sched.mh.miss': 'mh：槽 {slot} 属于权重为 0 或已过载的服务器（未设 mh-fallback）',
  'sched.lblc.cached': 'lblc：{daddr} 缓存在 {dest} 上，且它未过载',
  'sched.lblcr.member': 'lblcr：{daddr} 的服务器集合中负载最轻的是 {dest}',
  'sched.persistence': '持久连接：{caddr} 已有指向 {dest} 的模板（persistent {timeout} 秒），不再询问调度算法',
  'nm.keyfile': 'NetworkManager 没有加载 {problem}。nmcli 不会提示（只记在 journal）；keyfile 必须属于 root 且权限为 600：chmod 600 后再 nmcli connection reload。',
  'dnf.search_lvs': '`dnf search lvs` 只找到 keepalived：ipvsadm 的摘要 "Utility to administer the Linux Virtual Server" 里没有 "lvs"。用 `dnf search ipvs` 可以找到。',
  'dnf.arptables': 'RHEL 9 没有名为 arptables 的软件包：arptables 命令随 iptables-nft 提供，已经安装，可以直接使用。',
  'firewalld.ipip': 'firewall-cmd --add-protocol=ipip 开放的是 IP 协议 94（/etc/protocols 中的 "ipip"），而 LVS-TUN 的包是协议 4（"ipencap"）：firewalld 运行时它们仍被拒绝。请用 --add-protocol=4 或 --add-protocol=ipencap。',
  'fullnat.not_mainline': 'FULLNAT 不在主线 Linux 内核中：这台调度器运行 DPVS（基于 DPDK 的负载均衡器）和它自己的 ipvsadm，其中 -b 表示 FULLNAT。在 RHEL 9 自带的 ipvsadm 中，-b 是调度算法旗标。',
}

const zhHant: Templates = {
  'internal.event': '模擬器內部錯誤（{error}）：該事件被丟棄，實驗繼續執行',
  'internal.packet': '{host}：在 {iface} 上接收封包時模擬器內部出錯（{error}）：該封包被丟棄，實驗繼續執行',
  'internal.command': '{host}：執行 {command} 時模擬器內部出錯（{error}）：該指令被停止，shell 繼續執行',
  'drop.rp_filter': '{host}：反向路徑過濾（{iface} 上 rp_filter={mode}）：回到 {src} 的路由不經過 {iface}，丟棄',
  'drop.ip_forward': '{host}：送往 {dst} 的封包不是給本機的，而 net.ipv4.ip_forward = 0，所以不轉送',
  'drop.no_route': '{host}：沒有到 {dst} 的路由（ip route 無符合項目，也沒有預設閘道）',
  'drop.ttl': '{host}：TTL 在轉送途中耗盡，丟棄並回送 ICMP time exceeded',
  'drop.icmp_ignore': '{host}：icmp_echo_ignore_all = 1，不回應 ping',
  'drop.arp_failed': '{host}：在 {iface} 上送出 {probes} 次 ARP 請求，{ip} 都沒有回應',
  'arp.ignored': '{host}：不回應對 {ip} 的 ARP：arp_ignore={mode}，而該位址不在 {iface} 上',
  'arp.martian': '{host}：不回應 {iface} 上來自 {ip} 的 ARP：{ip} 是它自己的位址，傳送方是火星來源位址（{iface} 上 accept_local=0）',
  'arp.martian_rpf': '{host}：不回應 {iface} 上來自 {ip} 的 ARP：{ip} 是它自己的位址，傳送方是火星來源位址（accept_local=1，但 {iface} 上 rp_filter=1，而 {ip} 不在 {iface} 上）',
  'drop.martian': '{host}：{iface} 上的火星來源位址 {src}：{src} 是它自己的位址（{iface} 上 accept_local=0）',
  'drop.martian_rpf': '{host}：{iface} 上的火星來源位址 {src}：{src} 是它自己的位址（accept_local=1，但 {iface} 上 rp_filter=1，而 {src} 不在 {iface} 上）',
  'arp.arptables': '{host}：arptables INPUT 丟棄了對 {ip} 的 ARP',
  'drop.no_ipip': '{host}：沒有處理 IP 協定 4（IPIP）的模組：未載入 ipip（modprobe ipip）',
  'drop.tunl0_down': '{host}：tunl0 未啟用，解封裝後的封包被丟棄（ip link set tunl0 up）',
  'drop.firewalld': '{host} 的 firewalld：public 區域只允許 {allowed}；{what} 被以 ICMP admin-prohibited 拒絕',
  'drop.firewalld_rich': '{host} 的 firewalld：public 區域的豐富規則 \'{rule}\' 丟棄了 {what}',
  'drop.firewalld_rich_reject': '{host} 的 firewalld：public 區域的豐富規則 \'{rule}\' 拒絕了 {what}',
  'drop.iptables': '{host} 的 iptables：{table} 表 {chain} 鏈的 -j {target} 規則符合',
  'drop.udp_port': '{host}：UDP 連接埠 {port} 上沒有 socket',
  'drop.proto': '{host}：沒有處理 IP 協定 {proto} 的程式',
  'tcp.rst': '{host}：TCP 連接埠 {port} 上沒有程式監聽，核心回應 RST',
  'ipvs.nodest': '{host}：IPVS {scheduler}：{svc} 沒有可用的真實伺服器，用戶端收到 ICMP 連接埠無法到達',
  'ipvs.nodest_conn': '{host}：連線的真實伺服器 {dest} 已被刪除（expire_nodest_conn = 0），封包被丟棄',
  'ipvs.no_laddr': '{host}：FULLNAT 服務 {svc} 沒有本地位址（ipvsadm --add-laddr -z LIP -t VIP:PORT -F 介面）',
  'ipvs.masq': '{host}：IPVS NAT 改寫目的位址：{from} 變為 {to}',
  'ipvs.masq.reply': '{host}：IPVS NAT 回應改寫來源：{from} 變為 {to}',
  'ipvs.masq.icmp': '{host}：IPVS NAT 改寫關於該連線的 ICMP 錯誤：{from} 變為 {to}',
  'ipvs.droute': '{host}：IPVS DR：IP 封包不變（{to}），只把目的 MAC 換成真實伺服器的',
  'ipvs.tunnel': '{host}：IPVS TUN：把封包封裝進 {how}（外層 {to}）',
  'drop.no_gre': '{host}：沒有處理 IP 協定 47（GRE）的模組：未載入 ip_gre（modprobe ip_gre）',
  'drop.gre0_down': '{host}：gre0 未啟用，解封裝後的封包被丟棄（ip link set gre0 up）',
  'gre.decap': '{host}：gre0 解封裝來自 {src} 的 GRE 封包',
  'ipvs.icmp.tunnel': '{host}：IPVS 把關於隧道封包的 ICMP 錯誤轉給用戶端',
  'ipvs.fullnat': '{host}：FULLNAT 同時改寫來源與目的：{from} 變為 {to}',
  'ipvs.fullnat.reply': '{host}：FULLNAT 回應：{from} 變為 {to}',
  'ipip.decap': '{host}：tunl0 解封裝來自 {src} 的 IPIP 封包',
  'nat.masq': '{host}：firewalld 位址偽裝：來源 {from} 改寫為 {to}',
  'nat.unmasq': '{host}：位址偽裝的回應：目的 {from} 改回 {to}（conntrack）',
  'nat.snat': '{host}：SNAT：來源 {from} 改寫為 {to}',
  'nat.unsnat': '{host}：SNAT 連線的回應：目的 {from} 改回 {to}（conntrack）',
  'nat.dnat': '{host}：DNAT：目的 {from} 改寫為 {to}',
  'nat.undnat': '{host}：DNAT 連線的回應：來源 {from} 改回 {to}（conntrack）',
  'drop.ct_invalid': '{host} 的 firewalld：{chain} 丟棄 {what}：conntrack 不知道它屬於哪個連線（ct state invalid）',
  'sched.not_mainline': '核心沒有 "{scheduler}" 調度算法。教學中的它依據量測到的回應時間，IPVS 從不計時；主線中最接近的是 {nearest}。',
  'sched.rr': 'rr：依列表順序（最新加入的在前）取 {prev} 之後第一台權重 > 0 的伺服器',
  'sched.unusable': '{name}：每台伺服器的權重都是 0 或已過載',
  'sched.wrr': 'wrr：從上次選中的之後，取第一台權重不小於目前權重 cw = {cw} 的伺服器（每輪 cw 減 {di}，減到 0 後從 {mw} 重新開始）',
  'sched.wrr.none': 'wrr：沒有權重大於 0 的伺服器',
  'sched.wrr.overloaded': 'wrr：沒有可用的伺服器：全部已過載',
  'sched.least': '{name}：在權重 > 0 的伺服器中取 {cost} 最小的；相同時取列表中較前的（最新加入的）',
  'sched.nq.idle': 'nq：依列表順序第一台沒有活動連線的伺服器',
  'sched.fo': 'fo：未過載的伺服器中權重最高的',
  'sched.fo.none': 'fo：沒有權重大於 0 的伺服器',
  'sched.ovf': 'ovf：活動連線數 ≤ 權重的伺服器中權重最高的',
  'sched.ovf.none': 'ovf：每台伺服器都已滿、停用或過載',
  'sched.twos': 'twos：依權重隨機抽兩次，取兩者中 開銷/權重 較低的',
  'sched.none': 'none：這個服務沒有調度算法，不會調度新連線',
  'sched.dh': 'dh：hash_32({daddr}, 8) = 桶 {bucket}，對應 {dest}',
  'sched.dh.miss': 'dh：桶 {bucket} 沒有可用的伺服器（無備援）',
  'sched.sh': 'sh：{who} 雜湊到桶 {bucket}，對應 {dest}',
  'sched.sh.miss': 'sh：{who} 雜湊到桶 {bucket}，其伺服器權重為 0 或已過載（未設 sh-fallback）',
  'sched.mh': 'mh：{caddr} 雜湊到 {size} 個槽中的第 {slot} 個，屬於 {dest}',
  'sched.mh.miss': 'mh：槽 {slot} 屬於權重為 0 或已過載的伺服器（未設 mh-fallback）',
  'sched.lblc.cached': 'lblc：{daddr} 快取在 {dest} 上，且它未過載',
  'sched.lblcr.member': 'lblcr：{daddr} 的伺服器集合中負載最輕的是 {dest}',
  'sched.persistence': '持久連線：{caddr} 已有指向 {dest} 的範本（persistent {timeout} 秒），不再詢問調度算法',
  'nm.keyfile': 'NetworkManager 沒有載入 {problem}。nmcli 不會提示（只記在 journal）；keyfile 必須屬於 root 且權限為 600：chmod 600 後再 nmcli connection reload。',
  'dnf.search_lvs': '`dnf search lvs` 只找到 keepalived：ipvsadm 的摘要 "Utility to administer the Linux Virtual Server" 裡沒有 "lvs"。用 `dnf search ipvs` 可以找到。',
  'dnf.arptables': 'RHEL 9 沒有名為 arptables 的套件：arptables 指令隨 iptables-nft 提供，已經安裝，可以直接使用。',
  'firewalld.ipip': 'firewall-cmd --add-protocol=ipip 開放的是 IP 協定 94（/etc/protocols 中的 "ipip"），而 LVS-TUN 的封包是協定 4（"ipencap"）：firewalld 執行時它們仍被拒絕。請用 --add-protocol=4 或 --add-protocol=ipencap。',
  'fullnat.not_mainline': 'FULLNAT 不在主線 Linux 核心中：這台調度器執行 DPVS（以 DPDK 為基礎的負載平衡器）和它自己的 ipvsadm，其中 -b 表示 FULLNAT。在 RHEL 9 內建的 ipvsadm 中，-b 是調度算法旗標。',
}

/** Each locale's templates by code (English is the engine's own text). */
export const TEMPLATES: Partial<Record<Locale, Templates>> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant }

export interface ReasonLike {
  code: string
  text: string
  params?: Record<string, string | number>
}

/** The reason in the reader's language when a template covers every fact it needs, else in English. */
export function localizeReason(r: ReasonLike, locale: Locale): string {
  const template = TEMPLATES[locale]?.[r.code]
  if (!template) return r.text
  let missing = false
  const out = template.replace(/\{(\w+)\}/g, (_m, k: string) => {
    const v = r.params?.[k]
    if (v === undefined) missing = true
    return String(v ?? '')
  })
  return missing ? r.text : out
}
