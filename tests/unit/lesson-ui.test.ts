/// <reference types="svelte" />
// The lesson panel's state, against a fake lab and worker: marks as progress arrives, hints one at
// a time, exam mode, the lesson's own session kept and given back, reset, progress files, the
// submission's help, the next lesson, and the solution typed line by line at the prompts.

import { describe, expect, it } from 'vitest'
import type { CheckResult, LessonProgress, LessonSummary, LessonView, SavedSession, Submission, TopologyView } from '../../src/worker/protocol.ts'
import { LessonState, type Address, type LessonLab } from '../../src/ui/state/lesson.svelte.ts'
import { LessonStore, PROGRESS_KEY } from '../../src/ui/state/lesson-store.ts'
import { groupByLab, nextLesson } from '../../src/ui/state/lesson-order.ts'
import { playSolution, PROMPT_END, type Typist } from '../../src/ui/state/solution-player.ts'
import { duration } from '../../src/ui/lesson/duration.ts'
import { CATALOGUE, type MessageKey } from '../../src/ui/i18n/messages.ts'

const text = (s: string) => ({ en: s, 'zh-Hans': `${s}（简）`, 'zh-Hant': `${s}（繁）` })

const summary = (id: string, lab: string, order: number, requires: string[] = [], exam = true): LessonSummary => ({
  id,
  lab,
  title: text(id.toUpperCase()),
  level: 'beginner',
  minutes: 20,
  requires,
  exam,
  order,
  steps: 2,
})

const LESSONS = [summary('nat', 'nat', 10), summary('dr', 'dr', 10, ['nat']), summary('nat-persist', 'nat', 20, ['nat'], false), summary('dr-fwmark', 'dr', 20, ['dr'])]
const LABS = [
  { id: 'nat', title: 'LVS-NAT', summary: '' },
  { id: 'dr', title: 'LVS-DR', summary: '' },
]

const viewOf = (s: LessonSummary): LessonView => ({
  summary: s,
  version: `v-${s.id}`,
  stepIds: ['httpd', 'traffic'],
  solutionCommands: 12,
  predicts: [],
  text: Object.fromEntries(
    (['en', 'zh-Hans', 'zh-Hant'] as const).map((l) => [
      l,
      {
        intro: `<p>${s.id} intro ${l}</p>`,
        steps: [
          { title: 'Start httpd', html: '<p>one</p>', hints: ['<p>h1</p>', '<p>h2</p>'] },
          { title: 'Send traffic', html: '<p>two</p>', hints: ['<p>h3</p>'] },
        ],
      },
    ]),
  ) as LessonView['text'],
})

const check = (id: string, step: string, passed: boolean | null): CheckResult => ({ id, step, kind: 'unit', passed, expected: text(`${id} expected`), found: text(`${id} found`) })

function progress(lesson: string, done: [boolean | null, boolean | null], commands: number): LessonProgress {
  return {
    lesson,
    steps: [
      { id: 'httpd', done: done[0] === true, checks: [check('rs1-httpd', 'httpd', done[0])] },
      { id: 'traffic', done: done[1] === true, checks: [check('traffic-0', 'traffic', done[1])] },
    ],
    complete: done[0] === true && done[1] === true,
    commands,
    elapsed: 95_000_000,
  }
}

const topology = (lab: string): TopologyView => ({
  lab: { id: lab, title: lab, summary: '' },
  networks: [],
  hosts: ['client', 'lvs', 'RS1', 'RS2'].map((name) => ({ name, role: 'client', x: 0, y: 0, ifaces: [] })),
  start: 'lvs',
})

class FakeStorage {
  data = new Map<string, string>()
  getItem = (k: string) => this.data.get(k) ?? null
  setItem = (k: string, v: string) => void this.data.set(k, v)
  removeItem = (k: string) => void this.data.delete(k)
}

function fakeLab() {
  const calls: { open: [string, SavedSession | null][]; submission: unknown[]; keys: string[] } = { open: [], submission: [], keys: [] }
  let nextCheck: LessonProgress | null = null
  const lab: LessonLab & { calls: typeof calls; setCheck(p: LessonProgress): void } = {
    calls,
    setCheck: (p) => (nextCheck = p),
    labs: LABS,
    topology: topology('nat'),
    activeHost: 'lvs',
    api: {
      lessons: async () => LESSONS,
      openLesson: async (id, saved) => {
        // The page sends a stored session as its text; the tests compare what it holds.
        calls.open.push([id, typeof saved === 'string' ? (JSON.parse(saved) as SavedSession) : (saved ?? null)])
        const s = LESSONS.find((l) => l.id === id)!
        return { topology: topology(s.lab), lesson: viewOf(s) }
      },
      checkLesson: async () => nextCheck,
      solution: async () => [{ host: 'rs1', line: 'echo hi' }],
      reel: async () => [],
      predictQuestion: async () => null,
      predict: async () => null,
      predictions: async () => [],
      solvePredictions: async () => [],
      submission: async (help, exam) => {
        calls.submission.push({ help, exam })
        return { format: 'lvs-lab-submission', version: 1, lesson: 'nat', lessonVersion: 'v-nat', lab: 'nat', seed: 1, commands: [], keys: [], help, exam } satisfies Submission
      },
    },
    enter: async (open) => void (await open()),
    keys: (host, data) => void calls.keys.push(`${host}:${data}`),
    nextPrompt: async () => {},
    focusTerminal: () => {},
  }
  return lab
}

function fakeAddress(lesson: string | null = null, exam = false): Address & { written: [string | null, boolean][] } {
  const written: [string | null, boolean][] = []
  return { written, read: () => ({ lesson, exam }), write: (l, e) => void written.push([l, e]) }
}

const session = (lesson: string, keys: number): SavedSession => ({
  version: 1,
  lab: 'nat',
  seed: 1,
  lesson,
  keys: Array.from({ length: keys }, (_, i) => ({ t: i, host: 'lvs', data: 'x' })),
})

describe('LessonState', () => {
  it('marks a lesson in progress at its first command, done when every check holds, with the finish figures', async () => {
    const lab = fakeLab()
    const s = new LessonState(lab, fakeAddress(), new FakeStorage())
    await s.start(null, null)
    expect(s.first?.id).toBe('nat')
    expect([s.newcomer, s.resume]).toEqual([true, null])
    await s.open('nat')
    expect(s.mark('nat')).toBe('new')
    s.onProgress(progress('nat', [false, null], 0))
    expect(s.mark('nat')).toBe('new')
    s.onProgress(progress('nat', [true, null], 3))
    expect(s.mark('nat')).toBe('started')
    expect([s.newcomer, s.resume?.id]).toEqual([false, 'nat'])
    expect(s.shown('zh-Hant')[0]).toEqual({ id: 'httpd', done: true, checks: [{ id: 'rs1-httpd', kind: 'unit', passed: true, expected: 'rs1-httpd expected（繁）', found: 'rs1-httpd found（繁）' }] })
    expect(s.shown('en')[1].checks[0].passed).toBeNull()
    expect(s.complete).toBe(false)
    s.onProgress(progress('nat', [true, true], 9))
    expect(s.complete).toBe(true)
    expect(s.mark('nat')).toBe('done')
    expect(s.record?.finish).toEqual({ elapsed: 95_000_000, commands: 9 })
    // A later command that breaks a check leaves the lesson done and its finish figures as they were.
    s.onProgress(progress('nat', [true, false], 14))
    expect(s.mark('nat')).toBe('done')
    expect(s.record?.finish).toEqual({ elapsed: 95_000_000, commands: 9 })
    expect(s.next?.id).toBe('nat-persist')
    expect(s.allDone).toBe(false)
  })

  it('ignores checks of another lesson', async () => {
    const s = new LessonState(fakeLab(), fakeAddress(), new FakeStorage())
    await s.start(null, null)
    await s.open('nat')
    s.onProgress(progress('dr', [true, true], 5))
    expect(s.current).toBeNull()
    expect(s.mark('dr')).toBe('new')
  })

  it('reveals hints one at a time, per step, no further than the step has, and counts them in the submission', async () => {
    const lab = fakeLab()
    const s = new LessonState(lab, fakeAddress(), new FakeStorage())
    await s.start(null, null)
    await s.open('nat')
    s.revealHint(0)
    expect(s.hintsShown(0)).toBe(1)
    s.revealHint(0)
    s.revealHint(0)
    expect(s.hintsShown(0)).toBe(2)
    s.revealHint(1)
    expect([s.hintsShown(0), s.hintsShown(1), s.hintsTotal]).toEqual([2, 1, 3])
    expect(s.mark('nat')).toBe('started')
    const text = await s.submissionText()
    expect(JSON.parse(text).help).toEqual({ hints: 3, solution: false })
    expect(text.endsWith('}\n')).toBe(true)
    expect(lab.calls.submission).toEqual([{ help: { hints: 3, solution: false }, exam: false }])
  })

  it('opens an exam only where the lesson allows it, hides hints there, and keeps the lesson an exam until reset', async () => {
    const lab = fakeLab()
    const storage = new FakeStorage()
    const address = fakeAddress('nat', true)
    const s = new LessonState(lab, address, storage)
    await s.start(viewOf(LESSONS[0]), null)
    expect(s.exam).toBe(true)
    expect(address.written.at(-1)).toEqual(['nat', true])
    s.revealHint(0)
    expect(s.hintsShown(0)).toBe(0)
    s.onProgress(progress('nat', [false, null], 2))
    expect(s.record?.exam).toBe(true)
    await s.showSolution()
    expect(lab.calls.keys).toEqual([])
    // Coming back without ?exam=1 is still the exam this lesson was started as.
    await s.open('dr')
    await s.open('nat')
    expect(s.exam).toBe(true)
    expect(JSON.parse(await s.submissionText()).exam).toBe(true)
    await s.reset('nat')
    expect(s.mark('nat')).toBe('new')

    const refused = new LessonState(fakeLab(), fakeAddress('nat-persist', true), new FakeStorage())
    await refused.start(viewOf(LESSONS[2]), null)
    expect(refused.exam).toBe(false)
    expect(refused.notice).toEqual({ kind: 'info', key: 'lesson.examRefused', params: {} })
  })

  it('keeps each lesson’s session and opens the lesson with it again; reset opens it fresh', async () => {
    const lab = fakeLab()
    const storage = new FakeStorage()
    const s = new LessonState(lab, fakeAddress(), storage)
    await s.start(null, null)
    await s.open('nat')
    s.onPersist(session('nat', 0))
    expect(s.mark('nat')).toBe('new')
    expect(storage.data.size).toBe(0)
    s.onProgress(progress('nat', [true, null], 1))
    s.onPersist(session('nat', 4))
    await s.open('dr')
    await s.open('nat')
    expect(lab.calls.open.map(([id, saved]) => [id, saved?.keys.length ?? null])).toEqual([
      ['nat', null],
      ['dr', null],
      ['nat', 4],
    ])
    // A fresh page reads the same store.
    const again = new LessonState(fakeLab(), fakeAddress(), storage)
    expect(again.store.session('nat')?.keys).toHaveLength(4)
    // Each lesson's session has a key of its own; the progress key holds no keystrokes.
    expect([...storage.data.keys()].sort()).toEqual(['lvs-lab.lesson-session.nat', PROGRESS_KEY])
    expect(storage.getItem(PROGRESS_KEY)).not.toContain('keys')
    // Restart keeps the help taken but not the old world.
    s.revealHint(0)
    await s.restart()
    expect(lab.calls.open.at(-1)).toEqual(['nat', null])
    expect(s.store.session('nat')).toBeNull()
    expect(s.hintsShown(0)).toBe(1)
    await s.reset('nat')
    expect(lab.calls.open.at(-1)).toEqual(['nat', null])
    expect(new LessonStore(storage).get('nat')).toBeUndefined()
    expect(storage.data.has('lvs-lab.lesson-session.nat')).toBe(false)
  })

  it('shows the solution after a fresh start, typing into the lab’s own host names, and counts it as help', async () => {
    const lab = fakeLab()
    const s = new LessonState(lab, fakeAddress(), new FakeStorage())
    await s.start(null, null)
    await s.open('nat')
    s.onPersist(session('nat', 3))
    lab.setCheck(progress('nat', [true, true], 1))
    await s.showSolution()
    expect(lab.calls.open.at(-1)).toEqual(['nat', null])
    expect(lab.calls.keys.join('')).toBe('RS1:eRS1:cRS1:hRS1:oRS1: RS1:hRS1:iRS1:\r')
    expect(lab.activeHost).toBe('RS1')
    expect(s.mark('nat')).toBe('helped')
    expect(JSON.parse(await s.submissionText()).help).toEqual({ hints: 0, solution: true })
  })

  it('exports progress and imports it back, refusing a damaged file with the field that is wrong', async () => {
    const lab = fakeLab()
    const s = new LessonState(lab, fakeAddress(), new FakeStorage())
    await s.start(null, null)
    await s.open('nat')
    s.revealHint(0)
    s.onProgress(progress('nat', [true, true], 7))
    const file = s.exportProgress()

    const other = new LessonState(fakeLab(), fakeAddress(), new FakeStorage())
    await other.start(null, null)
    await other.importProgress(file)
    expect(other.notice).toEqual({ kind: 'info', key: 'lesson.imported', params: {}, lessons: ['nat'] })
    expect(other.mark('nat')).toBe('done')

    const bad = JSON.parse(file)
    bad.lessons[0][1].hints = [1, -2]
    await other.importProgress(JSON.stringify(bad))
    expect(other.notice?.key).toBe('lesson.importFailed')
    expect(other.notice?.params.reason).toMatch(/^lessons\.0\.1\.hints\.1: /)
    await other.importProgress('{"format":"something else"')
    expect(other.notice?.params.reason).toMatch(/^not JSON/)
    expect(other.mark('nat')).toBe('done')
  })

  it('survives a damaged store by starting over', () => {
    const storage = new FakeStorage()
    storage.setItem(PROGRESS_KEY, '{"version":1,"lessons":[["nat",{"status":"won"}]]}')
    expect(new LessonStore(storage).ids()).toEqual([])
  })

  it('remembers the panel folded', () => {
    const storage = new FakeStorage()
    const s = new LessonState(fakeLab(), fakeAddress(), storage)
    expect(s.collapsed).toBe(false)
    s.toggleCollapsed()
    expect(new LessonState(fakeLab(), fakeAddress(), storage).collapsed).toBe(true)
  })

  it('reports a missing lesson from a link', async () => {
    const s = new LessonState(fakeLab(), fakeAddress('nope'), new FakeStorage())
    await s.start(null, 'nope')
    expect(s.notice).toEqual({ kind: 'error', key: 'lesson.missing', params: { id: 'nope' } })
    await s.open('nope')
    expect(s.view).toBeNull()
  })
})

describe('lesson order', () => {
  it('groups by lab in the labs’ order, by order within a lab', () => {
    const groups = groupByLab([...LESSONS].reverse(), LABS)
    expect(groups.map((g) => [g.title, g.lessons.map((l) => l.id)])).toEqual([
      ['LVS-NAT', ['nat', 'nat-persist']],
      ['LVS-DR', ['dr', 'dr-fwmark']],
    ])
  })

  it('offers next a lesson that builds on the one finished, else the next open one in order', () => {
    const done = new Set<string>()
    expect(nextLesson('nat', LESSONS, LABS, (id) => done.has(id))?.id).toBe('nat-persist')
    done.add('nat').add('nat-persist')
    expect(nextLesson('nat-persist', LESSONS, LABS, (id) => done.has(id))?.id).toBe('dr')
    done.add('dr')
    expect(nextLesson('dr', LESSONS, LABS, (id) => done.has(id))?.id).toBe('dr-fwmark')
    done.add('dr-fwmark')
    expect(nextLesson('dr-fwmark', LESSONS, LABS, (id) => done.has(id))).toBeNull()
  })
})

describe('playSolution', () => {
  it('switches tabs, types key by key, and waits for the prompt after every line of a here-document', async () => {
    const log: string[] = []
    const typist: Typist = {
      show: (h) => void log.push(`show ${h}`),
      keys: (h, d) => void log.push(d === '\r' ? `${h} ⏎` : d),
      nextPrompt: async (h) => void log.push(`wait ${h}`),
      sleep: async () => {},
    }
    const done: number[] = []
    const ok = await playSolution(
      [
        { host: 'RS1', line: 'ls' },
        { host: 'RS1', line: 'cat <<E\nx\nE' },
        { host: 'lvs', line: 'id' },
      ],
      typist,
      { keyMs: 0, promptTimeoutMs: 10, stopped: () => false, onLine: (n) => void done.push(n) },
    )
    expect(ok).toBe(true)
    expect(log.join('|')).toBe(
      'show RS1|l|s|wait RS1|RS1 ⏎|c|a|t| |<|<|E|wait RS1|RS1 ⏎|x|wait RS1|RS1 ⏎|E|wait RS1|RS1 ⏎|show lvs|i|d|wait lvs|lvs ⏎',
    )
    expect(done).toEqual([1, 2, 3])
  })

  it('stops between keys when asked', async () => {
    let keys = 0
    const typist: Typist = { show: () => {}, keys: () => void keys++, nextPrompt: async () => {}, sleep: async () => {} }
    const ok = await playSolution([{ host: 'a', line: 'abcdef' }], typist, { keyMs: 0, promptTimeoutMs: 10, stopped: () => keys >= 3 })
    expect([ok, keys]).toEqual([false, 3])
  })

  it('knows a prompt, PS2 included, from output that merely ends in a space', () => {
    expect(['[root@lvs ~]# ', 'x\r\n> ', '> ', '[root@RS1 system-connections]# '].map((s) => PROMPT_END.test(s))).toEqual([true, true, true, true])
    expect(['Is this ok [y/N]: ', 'Complete!\r\n', 'a > b'].map((s) => PROMPT_END.test(s))).toEqual([false, false, false])
  })
})

describe('duration', () => {
  const t = (locale: 'en' | 'zh-Hant') => (key: MessageKey, p: Record<string, number>) => CATALOGUE[locale][key].replace(/\{(\w+)\}/g, (_m, k: string) => String(p[k]))
  it('says the largest units that are not zero, rounding to the second', () => {
    expect([0, 9_400_000, 59_600_000, 329_000_000, 3_600_000_000, 7_385_000_000].map((us) => duration(us, t('en')))).toEqual(['0 s', '9 s', '1 min 0 s', '5 min 29 s', '1 h 0 min', '2 h 3 min'])
    expect(duration(329_000_000, t('zh-Hant'))).toBe('5 分 29 秒')
  })
})
