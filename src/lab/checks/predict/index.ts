// Grading a prediction (`predict` checks, lessons/FORMAT.md): the learner's answers, field by
// field, against the frame the director really sent (capture.ts), each with what was said, what
// IPVS did and why (explain.ts). The check holds when every field is right. Deterministic: the
// capture is a replay of the learner's world at the moment the question was asked.

import { formatIp, parseIp } from '../../../net/addr.ts'
import type { Lab } from '../../lab.ts'
import type { PredictFieldResult, PredictQuestion } from '../../lessons/contract.ts'
import type { PredictCheck, PredictField } from '../../lessons/schema.ts'
import { joinTexts, same, say, type LocalText, type Outcome } from '../text.ts'
import { capture, heldText, type Capture, type Captured } from './capture.ts'
import { METHOD_NAME, whyTemplate } from './explain.ts'
import { FIELD_LABEL, NameBook, readAnswer, readField, sayValue, sideOf } from './fields.ts'

export { capture, type Capture, type Captured }

/** The learner's answers, by field name (any other key is ignored). */
export type Answers = Readonly<Record<string, string>>

export interface PredictOutcome extends Outcome {
  fields: PredictFieldResult[]
}

function answerOf(answers: Answers, f: PredictField): string {
  return Object.hasOwn(answers, f) && typeof answers[f] === 'string' ? answers[f] : ''
}

/** Facts the explanations are filled with. */
function facts(c: Captured, names: NameBook): Record<string, string | LocalText> {
  const after = sideOf(c.leaving.frame)
  const before = sideOf(c.arriving.frame)
  const chosen = c.decision?.chosen ?? null
  const rip = chosen ? parseIp(chosen.split(':')[0]) : null
  const rport = chosen ? chosen.split(':')[1] : String(after.tcp?.dport ?? '')
  const hop = names.byMac(after.frame.dst)
  const toa = after.tcp?.toa
  return {
    director: c.director,
    iface: c.leaving.iface,
    sched: c.decision?.scheduler ?? 'IPVS',
    rip: rip !== null ? formatIp(rip) : formatIp(after.outer?.dst ?? after.inner.dst),
    dest: names.host(rip ?? after.outer?.dst ?? after.inner.dst),
    rport,
    hop: hop ? hop.host : after.frame.dst,
    lip: formatIp(after.inner.src),
    cip: formatIp(toa?.ip ?? before.inner.src),
    cport: String(toa?.port ?? before.tcp?.sport ?? ''),
    method: METHOD_NAME[c.method],
  }
}

/** What the learner is shown before answering: the held frame, the decision, the fields asked. */
export function question(check: string, p: PredictCheck, c: Capture, lab: Lab): PredictQuestion {
  const held = heldText(p)
  if (!c.ok) return { check, held, fields: p.fields, ready: false, problem: c.found }
  const names = new NameBook(lab, sideOf(c.arriving.frame).inner.dst)
  const d = c.decision
  const decision = d
    ? d.chosen
      ? say({ en: '{sched} chose {dest}', 'zh-Hans': '{sched} 选中了 {dest}', 'zh-Hant': '{sched} 選中了 {dest}' }, { sched: d.scheduler, dest: names.host(parseIp(d.chosen.split(':')[0])!) })
      : say({ en: '{sched} found no real server', 'zh-Hans': '{sched} 没有找到真实服务器', 'zh-Hant': '{sched} 沒有找到真實伺服器' }, { sched: d.scheduler })
    : null
  return {
    check,
    held,
    fields: p.fields,
    ready: true,
    director: c.director,
    method: c.method,
    arriving: c.arriving.frame,
    arrivedOn: c.arriving.iface,
    sentOn: c.leaving.iface,
    hop: c.arriving.wire,
    hosts: lab.hosts.map((h) => h.hostname),
    decision,
  }
}

/** The learner's answers against the captured frame. */
export function gradePrediction(p: PredictCheck, c: Capture, answers: Answers, lab: Lab): PredictOutcome {
  const held = heldText(p)
  const asked = p.fields.map((f) => FIELD_LABEL[f])
  const expectedOf = (method: LocalText) =>
    say({ en: '{held}: {fields} predicted as {method} sends it on', 'zh-Hans': '{held}：预测 {method} 送出时的{fields}', 'zh-Hant': '{held}：預測 {method} 送出時的{fields}' }, { held, method, fields: joinTexts(asked, { en: ', ', 'zh-Hans': '、', 'zh-Hant': '、' }) })
  if (!c.ok) return { passed: false, expected: expectedOf(same('IPVS')), found: c.found, fields: [] }
  const before = sideOf(c.arriving.frame)
  const after = sideOf(c.leaving.frame)
  const names = new NameBook(lab, before.inner.dst)
  const params = facts(c, names)
  const fields = p.fields.map((f): PredictFieldResult => {
    const raw = answerOf(answers, f)
    const a = readAnswer(f, raw, c.leaving.segment, names)
    const found = readField(f, after)
    const passed = a.ok && a.holds(found, readField(f, before))
    const value = sayValue(f, after, names)
    const why = say(whyTemplate(c.method, f, !!after.tcp?.toa), params)
    const unchanged = found === readField(f, before)
    const did = unchanged
      ? say({ en: '{method} left it at {value}', 'zh-Hans': '{method} 保留为 {value}', 'zh-Hant': '{method} 保留為 {value}' }, { method: METHOD_NAME[c.method], value })
      : say({ en: '{method} set it to {value}', 'zh-Hans': '{method} 把它设为 {value}', 'zh-Hant': '{method} 把它設為 {value}' }, { method: METHOD_NAME[c.method], value })
    const text = passed
      ? say({ en: '{label}: {value}, right', 'zh-Hans': '{label}：{value}，正确', 'zh-Hant': '{label}：{value}，正確' }, { label: FIELD_LABEL[f], value })
      : say({ en: '{label}: you said {said}; {did}: {why}', 'zh-Hans': '{label}：你的答案是 {said}；{did}：{why}', 'zh-Hant': '{label}：你的答案是 {said}；{did}：{why}' }, { label: FIELD_LABEL[f], said: a.said, did, why })
    return { field: f, answer: raw, passed, said: a.said, before: sayValue(f, before, names), found: value, why, text }
  })
  const right = fields.filter((r) => r.passed).length
  const n = fields.length
  const wrong = fields.filter((r) => !r.passed).map((r) => r.text)
  const found =
    right === n
      ? say({ en: 'all {n} fields right', 'zh-Hans': '{n} 个字段全部正确', 'zh-Hant': '{n} 個欄位全部正確' }, { n })
      : joinTexts([say({ en: '{k} of {n} fields right', 'zh-Hans': '{n} 个字段中 {k} 个正确', 'zh-Hant': '{n} 個欄位中 {k} 個正確' }, { k: right, n }), ...wrong])
  return { passed: right === n, expected: expectedOf(METHOD_NAME[c.method]), found, fields }
}

/** Captures on `lab` (a copy) and grades: what the grader and the worker do with an answer. */
export function evaluatePrediction(lab: Lab, p: PredictCheck, answers: Answers): PredictOutcome {
  return gradePrediction(p, capture(lab, p), answers, lab)
}
