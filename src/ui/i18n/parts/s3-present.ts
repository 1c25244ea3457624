// Presenter mode's picture and panels, and demo reels of a saved session (issue 11): the keys added
// in the third session, in English, 简体 and 繁體 with the tutorial's terms.

import { definePart } from './part.ts'

export const present3 = definePart(
  {
    'present.panels': 'Packet and log beside the picture',
    'keys.Space': 'Space',
    'present.panels.title': 'Off: the picture takes the whole width, as large as the type size asks',
    'demo.session': 'Demo: your session of {lab}',
    'demo.sessionMissing': 'There is no saved session of this lab to play as a demo.',
    'session.demoAside': 'The demo replays your session of {name} in a fresh lab. Your saved copy was set aside, as it was: bring it back at any time.',
    'session.demo': 'The demo replays this session of {name} in a fresh lab.',
    'demo.sessionDone': 'The demo is over: the lab stays as the session left it.',
    'lms.tooLong': 'Your work is now too long for {platform} to keep (4096 characters): it is kept in this browser only.',
  },
  {
    'present.panels': '在图旁显示数据包与日志',
    'keys.Space': '空格键',
    'present.panels.title': '关闭时网络图占满整个宽度，按字号放大',
    'demo.session': '演示：你在 {lab} 的会话',
    'demo.sessionMissing': '这个实验没有已保存的会话可以演示。',
    'session.demoAside': '演示会在全新的实验中重放你在 {name} 的会话。你保存的副本已原样另存，随时可以恢复。',
    'session.demo': '演示会在全新的实验中重放 {name} 的这个会话。',
    'demo.sessionDone': '演示结束：实验保持在会话结束时的状态。',
    'lms.tooLong': '你的操作记录已超出 {platform} 可保存的长度（4096 个字符）：只保存在这个浏览器中。',
  },
  {
    'present.panels': '在圖旁顯示封包與日誌',
    'keys.Space': '空白鍵',
    'present.panels.title': '關閉時網路圖佔滿整個寬度，依字級放大',
    'demo.session': '示範：你在 {lab} 的工作階段',
    'demo.sessionMissing': '這個實驗沒有已儲存的工作階段可以示範。',
    'session.demoAside': '示範會在全新的實驗中重播你在 {name} 的工作階段。你儲存的副本已原樣另存，隨時可以還原。',
    'session.demo': '示範會在全新的實驗中重播 {name} 的這個工作階段。',
    'demo.sessionDone': '示範結束：實驗保持在工作階段結束時的狀態。',
    'lms.tooLong': '你的操作記錄已超出 {platform} 可保存的長度（4096 個字元）：只保存在這個瀏覽器中。',
  },
)
