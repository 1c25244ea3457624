// Demo-reel marks in a lesson's solution (lessons/FORMAT.md, "Demo marks"): `#step ID` and
// `#pause` are validated against the lesson, come out of the worker in script order between the
// commands with hosts resolved, and leave the grade and the command count as they were.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compileLesson, formatError } from '../../src/lab/lessons/compile.ts'
import { scriptMarks } from '../../src/lab/lessons/reel.ts'
import { loadLessons } from '../../src/cli/lesson-files.ts'
import { createApi } from '../../src/worker/api.ts'

const NAT_MD = readFileSync(new URL('../../lessons/nat/lesson.md', import.meta.url), 'utf8')
/** The NAT lesson with another solution. */
const compile = (solution: string) => compileLesson({ dir: 'lessons/nat', id: 'nat', files: { 'lesson.md': NAT_MD, 'solution.script': solution } })

describe('demo marks', () => {
  it('are comments to the grader: the command count ignores them', () => {
    const r = compile('#step forward\n[root@lvs ~]# true\n#pause\n[root@rs1 ~]# true\n')
    expect(r.errors.map(formatError)).toEqual([])
    expect(r.lesson!.solutionCommands).toBe(2)
  })

  it('name a step of the lesson, and #pause stands alone', () => {
    const r = compile('#step\n#step nope\n#pause now\n#steps ipvs\n# step ipvs\n[root@lvs ~]# true\n')
    expect(r.errors.map(formatError)).toEqual([
      'lessons/nat/solution.script:1: #step needs the id of a step of this lesson',
      'lessons/nat/solution.script:2: #step: no step "nope" in this lesson (steps: firewall, httpd, gateway, forward, ipvs)',
      'lessons/nat/solution.script:3: #pause takes nothing after it, found "now"',
    ])
  })

  it('a mark inside a here-document is the document’s text, not a mark', () => {
    expect(scriptMarks('cat <<EOF\n#pause\n#step ipvs\nEOF\n#pause\n', ['ipvs']).map((m) => [m.lineNo, m.item.kind])).toEqual([[5, 'pause']])
  })

  it('the NAT lesson plays as steps with captions, a pause before the first request', () => {
    const api = createApi({ lessons: loadLessons() })
    api.openLesson('nat')
    const reel = api.reel()
    const shape = reel.map((i) => (i.kind === 'type' ? `${i.host}` : i.kind === 'step' ? `#${i.step}` : '#pause'))
    expect(shape).toEqual(['#firewall', 'lvs', 'RS1', 'RS2', '#httpd', 'RS1', 'RS1', 'RS1', 'RS2', 'RS2', 'RS2', '#gateway', 'RS1', 'RS1', 'RS1', 'RS2', 'RS2', '#forward', 'lvs', 'lvs', '#ipvs', 'lvs', 'lvs', 'lvs', 'lvs', '#pause', 'client'])
    expect(reel.filter((i) => i.kind === 'type')).toEqual(api.solution().map((c) => ({ kind: 'type', ...c })))
    expect(reel.find((i) => i.kind === 'type' && i.line.startsWith('cat >'))).toMatchObject({ host: 'RS1', line: expect.stringMatching(/^cat > \/etc\/NetworkManager\/system-connections\/eth0\.nmconnection <<EOF\n[\s\S]*\nEOF$/) })
  })

  it('a solution without marks is one stretch of commands; no lesson open gives nothing', () => {
    const api = createApi({ lessons: loadLessons() })
    expect(api.reel()).toEqual([])
    const bare = compile('[root@lvs ~]# true\n[root@rs1 ~]# true\n')
    expect(bare.errors).toEqual([])
    const plain = createApi({ lessons: [bare.lesson!] })
    plain.openLesson('nat')
    expect(plain.reel()).toEqual([
      { kind: 'type', host: 'lvs', line: 'true' },
      { kind: 'type', host: 'RS1', line: 'true' },
    ])
  })

  it('every lesson plays as a reel: it opens on a step, marks each of its steps once, and pauses at least once for the class', () => {
    const lessons = loadLessons()
    const api = createApi({ lessons })
    for (const lesson of lessons) {
      const id = lesson.summary.id
      api.openLesson(id)
      const reel = api.reel()
      const steps = reel.flatMap((i) => (i.kind === 'step' ? [i.step] : []))
      expect(reel[0], id).toMatchObject({ kind: 'step' })
      expect([...steps].sort(), id).toEqual(lesson.steps.map((s) => s.id).sort())
      expect(reel.some((i) => i.kind === 'pause'), id).toBe(true)
      // A caption is never left with nothing after it but another caption.
      reel.forEach((item, k) => {
        if (item.kind === 'step') expect(reel[k + 1]?.kind, `${id}: #step ${item.step}`).not.toBe('step')
      })
      expect(reel.filter((i) => i.kind === 'type').length, id).toBe(api.solution().length)
    }
    // It opens all 36 lessons (each boots its lab): seconds of work, not a speed target.
  }, 60_000)
})
