// The inspector's field names and layer titles, the changed-field sentences, the hop decisions'
// netfilter verdicts, the scheduler cards' compared values, and the Files control's capture
// choice. Field names follow Wireshark's Chinese UI or the tutorial where either names them;
// protocol abbreviations (TCP, IPv4, MAC) stay as they are.

import { definePart } from './part.ts'

export const inspect3 = definePart(
  {
    'files.capture': 'Capture',
    'files.captureAny': 'every interface (tcpdump -i any)',
    'files.captureSegment': 'segment {segment} (Ethernet)',
    'files.traceSegmentNote': "This segment's frames only, Ethernet-framed as a tap on its switch would record them.",
    'pic.fwmarkRule': '← mangle {chain} {match}',
    'pic.fwmarkAll': 'every packet',
    'pic.fwmarkNone': 'no mangle rule sets this mark: no packet reaches it',
  },
  {
    'files.capture': '抓包方式',
    'files.captureAny': '所有接口（tcpdump -i any）',
    'files.captureSegment': '网段 {segment}（以太网）',
    'files.traceSegmentNote': '只有这个网段的帧，以太网封装，如同在它的交换机上抓到的。',
    'pic.fwmarkRule': '← mangle {chain} {match}',
    'pic.fwmarkAll': '所有数据包',
    'pic.fwmarkNone': '没有 mangle 规则设置这个标记：没有数据包会到达它',
  },
  {
    'files.capture': '擷取方式',
    'files.captureAny': '所有介面（tcpdump -i any）',
    'files.captureSegment': '網段 {segment}（乙太網路）',
    'files.traceSegmentNote': '只有這個網段的訊框，乙太網路封裝，如同在它的交換器上擷取到的。',
    'pic.fwmarkRule': '← mangle {chain} {match}',
    'pic.fwmarkAll': '所有封包',
    'pic.fwmarkNone': '沒有 mangle 規則設定這個標記：沒有封包會到達它',
  },
)
