// Demo-reel marks in a lesson's solution (lessons/FORMAT.md, "Demo marks"): `#step ID` and
// `#pause` are validated against the lesson, come out of the worker in script order between the
// commands with hosts resolved, and leave the grade and the command count as they were.

import { describe, expect, it } from 'vitest'
import { compileLesson, formatError } from '../../src/lab/lessons/compile.ts'
import { scriptMarks } from '../../src/lab/lessons/reel.ts'
import { loadLessons } from '../../src/cli/lesson-files.ts'
import { createApi } from '../../src/worker/api.ts'

const TEXT = ['en', 'zh-Hans', 'zh-Hant'].map((l) => `## ${l}\n\nIntro.\n\n### Step\n\nDo it.\n\n#### Hint\n\nLike this.\n`).join('\n')
const FRONT = `id: t
lab: nat
level: beginner
minutes: 5
title: { en: T, zh-Hans: T, zh-Hant: T }
steps:
  - id: s
    checks:
      - { sysctl: { host: lvs, key: net.ipv4.ip_forward, value: 1 } }
`

const compile = (solution: string) => compileLesson({ dir: 'lessons/t', id: 't', files: { 'lesson.md': `---\n${FRONT}---\n\n${TEXT}`, 'solution.script': solution } })

describe('demo marks', () => {
  it('are comments to the grader: the command count ignores them', () => {
    const r = compile('#step s\n[root@lvs ~]# true\n#pause\n[root@rs1 ~]# true\n')
    expect(r.errors.map(formatError)).toEqual([])
    expect(r.lesson!.solutionCommands).toBe(2)
  })

  it('name a step of the lesson, and #pause stands alone', () => {
    const r = compile('#step\n#step nope\n#pause now\n#steps s\n# step s\n[root@lvs ~]# true\n')
    expect(r.errors.map(formatError)).toEqual([
      'lessons/t/solution.script:1: #step needs the id of a step of this lesson',
      'lessons/t/solution.script:2: #step: no step "nope" in this lesson (steps: s)',
      'lessons/t/solution.script:3: #pause takes nothing after it, found "now"',
    ])
  })

  it('a mark inside a here-document is the document’s text, not a mark', () => {
    expect(scriptMarks('cat <<EOF\n#pause\n#step s\nEOF\n#pause\n', ['s']).map((m) => [m.lineNo, m.item.kind])).toEqual([[5, 'pause']])
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

  it('a lesson without marks is one stretch of commands; no lesson open gives nothing', () => {
    const api = createApi({ lessons: loadLessons() })
    expect(api.reel()).toEqual([])
    api.openLesson('tun')
    expect(api.reel().every((i) => i.kind === 'type')).toBe(true)
    expect(api.reel().length).toBe(api.solution().length)
  })
})
