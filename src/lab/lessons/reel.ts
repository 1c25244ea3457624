// A lesson's solution as a demo reel (lessons/FORMAT.md, "Demo marks"): the commands to type, with
// the author's marks between them. `#step ID` says the commands below belong to that step (the
// reel shows the step's text as a caption before typing them); `#pause` makes the reel wait there
// until the presenter goes on. Both are comments to bash and to every other reader of a script,
// so a solution with marks grades exactly as one without.

import type { Lab } from '../lab.ts'
import { scriptCommands, splitScript } from '../script.ts'
import type { ReelItem } from './contract.ts'

const MARK = /^#(step|pause)(?:\s+(.*))?$/

export interface ScriptMark {
  item: Extract<ReelItem, { kind: 'step' | 'pause' }>
  /** 1-based line of the mark. */
  lineNo: number
  /** What is wrong with the line, or null. */
  error: string | null
}

/** The marks of a script, in order, each with what is wrong with it (checked against the lesson's step ids). */
export function scriptMarks(script: string, stepIds: readonly string[]): ScriptMark[] {
  const out: ScriptMark[] = []
  // A here-document's body is the command's text, whatever its lines look like.
  const inCommand = new Set(splitScript(script).flatMap((c) => c.lines.map((_, j) => c.lineNo + j)))
  script.split('\n').forEach((raw, i) => {
    if (inCommand.has(i + 1)) return
    const m = MARK.exec(raw.trim())
    if (!m) return
    const arg = (m[2] ?? '').trim()
    const lineNo = i + 1
    if (m[1] === 'pause') out.push({ item: { kind: 'pause' }, lineNo, error: arg ? `#pause takes nothing after it, found "${arg}"` : null })
    else {
      const error = !arg ? '#step needs the id of a step of this lesson' : !stepIds.includes(arg) ? `#step: no step "${arg}" in this lesson (steps: ${stepIds.join(', ')})` : null
      out.push({ item: { kind: 'step', step: arg }, lineNo, error })
    }
  })
  return out
}

/** The solution as the reel plays it: commands (hosts resolved as the terminals name them) and marks, in script order. */
export function solutionReel(lab: Lab, script: string, stepIds: readonly string[]): ReelItem[] {
  const marks = scriptMarks(script, stepIds).filter((m) => !m.error)
  const out: ReelItem[] = []
  let next = 0
  for (const c of scriptCommands(lab, script)) {
    while (next < marks.length && marks[next].lineNo < c.lineNo) out.push(marks[next++].item)
    out.push({ kind: 'type', host: c.host, line: c.line })
  }
  while (next < marks.length) out.push(marks[next++].item)
  return out
}
