// The order lessons are offered in: grouped by lab (in the labs' own order), by `order` within a
// lab. The next lesson after one is finished is the first not yet done whose `requires` are all
// done, preferring lessons that build on the one just finished, then those after it in the list.

import type { LabSummary, LessonSummary } from '../../worker/protocol.ts'

export interface LessonGroup {
  lab: string
  title: string
  lessons: LessonSummary[]
}

export function groupByLab(lessons: LessonSummary[], labs: LabSummary[]): LessonGroup[] {
  const groups = new Map<string, LessonGroup>()
  for (const l of labs) groups.set(l.id, { lab: l.id, title: l.title, lessons: [] })
  for (const s of lessons) {
    let g = groups.get(s.lab)
    if (!g) groups.set(s.lab, (g = { lab: s.lab, title: s.lab, lessons: [] }))
    g.lessons.push(s)
  }
  const out = [...groups.values()].filter((g) => g.lessons.length)
  for (const g of out) g.lessons.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
  return out
}

export function nextLesson(current: string, lessons: LessonSummary[], labs: LabSummary[], done: (id: string) => boolean): LessonSummary | null {
  const ordered = groupByLab(lessons, labs).flatMap((g) => g.lessons)
  const finished = (id: string): boolean => id === current || done(id)
  const open = ordered.filter((l) => !finished(l.id) && l.requires.every(finished))
  const at = ordered.findIndex((l) => l.id === current)
  const after = (l: LessonSummary): boolean => ordered.indexOf(l) > at
  return open.find((l) => l.requires.includes(current)) ?? open.find(after) ?? open[0] ?? null
}

/** The lesson a newcomer is invited to start with: NAT, the tutorial's first lab. */
export function firstLesson(lessons: LessonSummary[], labs: LabSummary[]): LessonSummary | null {
  return lessons.find((l) => l.id === 'nat') ?? groupByLab(lessons, labs)[0]?.lessons[0] ?? null
}
