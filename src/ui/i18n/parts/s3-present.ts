// Presenter mode's picture and panels, and demo reels of a saved session (issue 11): the keys added
// in the third session, in English, 简体 and 繁體 with the tutorial's terms.

import { definePart } from './part.ts'

export const present3 = definePart(
  {
    'present.panels': 'Packet and log beside the picture',
    'present.panels.title': 'Off: the picture takes the whole width, as large as the type size asks',
    'demo.session': 'Demo: your session of {lab}',
    'demo.sessionMissing': 'There is no saved session of this lab to play as a demo.',
    'demo.sessionDamaged': 'This share link cannot be played as a demo: {detail}',
  },
  {
    'present.panels': '在图旁显示数据包与日志',
    'present.panels.title': '关闭时网络图占满整个宽度，按字号放大',
    'demo.session': '演示：你在 {lab} 的会话',
    'demo.sessionMissing': '这个实验没有已保存的会话可以演示。',
    'demo.sessionDamaged': '这个分享链接无法作为演示播放：{detail}',
  },
  {
    'present.panels': '在圖旁顯示封包與日誌',
    'present.panels.title': '關閉時網路圖佔滿整個寬度，依字級放大',
    'demo.session': '示範：你在 {lab} 的工作階段',
    'demo.sessionMissing': '這個實驗沒有已儲存的工作階段可以示範。',
    'demo.sessionDamaged': '這個分享連結無法作為示範播放：{detail}',
  },
)
