// Compiles one lesson folder's files into a Lesson (types.ts) or a list of errors that name the
// file, the line and the field. The front matter is parsed with `yaml` (keeping each node's range)
// and validated with the valibot schema; an issue's path is mapped back to its YAML node to find
// the line. Then what the schema cannot know: the id is the folder's, the lab exists, every host a
// check names is in that lab, the scripts' prompts name hosts of the lab, and the text has every
// locale and step. Node only: the browser gets the compiled JSON (vite.config.ts).

import * as v from 'valibot'
import { isMap, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml'
import { LABS } from '../labs/index.ts'
import { splitScript } from '../script.ts'
import { scriptMarks } from './reel.ts'
import { parseLessonText } from './markdown.ts'
import { scriptPredictions } from './predictions.ts'
import { FRONT_MATTER, KIND_NAMES, type CheckKind, type FrontMatter } from './schema.ts'
import type { Check, Lesson } from './types.ts'
import { lessonVersion } from './version.ts'

export interface LessonError {
  /** The file as the caller named it (`lessons/nat/lesson.md`). */
  file: string
  line: number
  /** The front matter field (`steps[1].checks[0].route.via`), when the error is about one. */
  field?: string
  message: string
}

export function formatError(e: LessonError): string {
  return `${e.file}:${e.line}: ${e.field ? `${e.field}: ` : ''}${e.message}`
}

/** The files that make up a lesson's version. */
export const LESSON_FILES = ['lesson.md', 'setup.script', 'solution.script'] as const

type PathKey = string | number

const fieldName = (path: PathKey[]) => path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i ? `.${k}` : k)).join('')

/** The line of the deepest node on `path` that exists (a missing field points at its parent). */
function lineOf(doc: Document, lc: LineCounter, path: PathKey[], offset: number): number {
  for (let n = path.length; n >= 0; n--) {
    const node = (n ? doc.getIn(path.slice(0, n), true) : doc.contents) as YamlNode | null | undefined
    if (node && typeof node === 'object' && 'range' in node && node.range) {
      // For a key that is there but should not be, point at the key itself.
      if (n === path.length && n > 0) {
        const parent = (n > 1 ? doc.getIn(path.slice(0, n - 1), true) : doc.contents) as unknown
        if (isMap(parent)) {
          const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === path[n - 1])
          const key = pair?.key as YamlNode | undefined
          if (key?.range) return lc.linePos(key.range[0]).line + offset
        }
      }
      return lc.linePos(node.range[0]).line + offset
    }
  }
  return offset + 1
}

function issueMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.type === 'strict_object' && issue.expected === 'never') return 'unknown field'
  if (issue.input === undefined && issue.kind === 'schema') return 'required'
  return issue.message
}

/** Host fields of a check, with their path below the check. */
function hostFields(c: { kind: CheckKind; args: Record<string, unknown> }): [PathKey[], string][] {
  if (c.kind === 'probe') {
    const a = c.args as { from: string; expect: { viaDirector?: string } }
    const out: [PathKey[], string][] = [[['from'], a.from]]
    if (a.expect.viaDirector !== undefined) out.push([['expect', 'viaDirector'], a.expect.viaDirector])
    return out
  }
  if (c.kind === 'predict') return [[['host'], c.args.host as string], [['from'], c.args.from as string]]
  return [[['host'], c.args.host as string]]
}

export interface LessonFiles {
  /** The folder as the caller names it in errors (`lessons/nat`). */
  dir: string
  /** The folder's name: the lesson id. */
  id: string
  /** File name (relative to the folder) to content; `wrong/*.script` may be there too. */
  files: Record<string, string>
}

/** `known`: the ids of the lessons beside this one, for `requires` (unchecked when absent). */
export function compileLesson(input: LessonFiles, known?: Set<string>): { lesson: Lesson | null; errors: LessonError[] } {
  const errors: LessonError[] = []
  const mdFile = `${input.dir}/lesson.md`
  const md = input.files['lesson.md']
  if (md === undefined) return { lesson: null, errors: [{ file: mdFile, line: 1, message: 'missing lesson.md' }] }
  const lines = md.split('\n')
  if (lines[0].trim() !== '---') return { lesson: null, errors: [{ file: mdFile, line: 1, message: 'expected front matter: the file must start with a line "---"' }] }
  const end = lines.indexOf('---', 1)
  if (end < 0) return { lesson: null, errors: [{ file: mdFile, line: 1, message: 'front matter not closed: no second line "---"' }] }
  const yamlText = lines.slice(1, end).join('\n')
  const lc = new LineCounter()
  const doc = parseDocument(yamlText, { lineCounter: lc, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length) {
    for (const e of doc.errors) errors.push({ file: mdFile, line: (e.linePos?.[0].line ?? 1) + 1, message: e.message.split('\n')[0] })
    return { lesson: null, errors }
  }
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: 100 })
  } catch (e) {
    // An alias bomb or a similar abuse of YAML: refused, like any other error in the file.
    return { lesson: null, errors: [{ file: mdFile, line: 2, message: e instanceof Error ? e.message : String(e) }] }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { lesson: null, errors: [{ file: mdFile, line: 2, message: 'expected the front matter to be a mapping of fields (id: …, lab: …, steps: …)' }] }
  const parsed = v.safeParse(FRONT_MATTER, data)
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      const path = (issue.path ?? []).map((p) => p.key as PathKey)
      errors.push({ file: mdFile, line: lineOf(doc, lc, path, 1), field: path.length ? fieldName(path) : undefined, message: issueMessage(issue) })
    }
    return { lesson: null, errors }
  }
  const fm: FrontMatter = parsed.output
  const at = (path: PathKey[], message: string) => errors.push({ file: mdFile, line: lineOf(doc, lc, path, 1), field: fieldName(path), message })

  if (fm.id !== input.id) at(['id'], `must equal the folder's name "${input.id}"`)
  const lab = LABS[fm.lab]
  if (!lab) at(['lab'], `unknown lab "${fm.lab}" (labs: ${Object.keys(LABS).join(', ')})`)
  fm.requires.forEach((r, i) => {
    if (known && !known.has(r)) at(['requires', i], `unknown lesson "${r}"`)
  })
  const hostKnown = (name: string) => !lab || lab.hosts.some((h) => h.hostname.toLowerCase() === name.toLowerCase() || h.aliases.some((a) => a.toLowerCase() === name.toLowerCase()))
  const labHosts = () => lab!.hosts.map((h) => h.hostname).join(', ')

  const stepIds = new Set<string>()
  const checkIds = new Set<string>()
  const steps = fm.steps.map((s, si) => {
    if (stepIds.has(s.id)) at(['steps', si, 'id'], `duplicate step id "${s.id}"`)
    stepIds.add(s.id)
    const checks = s.checks.map((c, ci): Check => {
      const kind = KIND_NAMES.find((k) => c[k] !== undefined)!
      const id = c.id ?? `${s.id}-${ci + 1}`
      if (checkIds.has(id)) at(['steps', si, 'checks', ci, 'id'], `duplicate check id "${id}"`)
      checkIds.add(id)
      const check = { kind, args: c[kind], id, step: s.id, afterReboot: c.afterReboot ?? false } as Check
      for (const [path, name] of hostFields(check as { kind: CheckKind; args: Record<string, unknown> })) {
        if (!hostKnown(name)) at(['steps', si, 'checks', ci, kind, ...path], `no host "${name}" in lab ${fm.lab} (hosts: ${labHosts()})`)
      }
      return check
    })
    return { id: s.id, checks }
  })

  for (const name of ['setup.script', 'solution.script'] as const) {
    const script = input.files[name]
    if (script === undefined) {
      if (name === 'solution.script') errors.push({ file: `${input.dir}/${name}`, line: 1, message: 'missing solution.script' })
      continue
    }
    for (const c of splitScript(script)) if (c.host !== null && !hostKnown(c.host)) errors.push({ file: `${input.dir}/${name}`, line: c.lineNo, message: `no host "${c.host}" in lab ${fm.lab}` })
    if (name === 'solution.script') for (const m of scriptMarks(script, steps.map((s) => s.id))) if (m.error) errors.push({ file: `${input.dir}/${name}`, line: m.lineNo, message: m.error })
    for (const p of scriptPredictions(script)) {
      const at = (message: string) => errors.push({ file: `${input.dir}/${name}`, line: p.lineNo, message })
      const asked = steps.flatMap((s) => s.checks).find((c) => c.id === p.check)
      if (asked?.kind !== 'predict') at(`#predict: no predict check "${p.check}" in this lesson`)
      for (const e of p.errors) at(`#predict ${p.check}: ${e}`)
      if (asked?.kind === 'predict') for (const f of Object.keys(p.answers)) if (!(asked.args.fields as string[]).includes(f)) at(`#predict ${p.check}: the check does not ask for ${f} (it asks for ${asked.args.fields.join(', ')})`)
    }
  }

  const { text, errors: textErrors } = parseLessonText(lines.slice(end + 1).join('\n'), end + 2, fm.steps.length)
  for (const e of textErrors) errors.push({ file: mdFile, line: e.line, message: e.message })
  if (errors.length || !text) return { lesson: null, errors }

  const versioned: Record<string, string> = {}
  for (const f of LESSON_FILES) if (input.files[f] !== undefined) versioned[f] = input.files[f]
  const solution = input.files['solution.script']!
  return {
    lesson: {
      summary: { id: fm.id, lab: fm.lab, title: fm.title, level: fm.level, minutes: fm.minutes, requires: fm.requires, exam: fm.exam, order: fm.order, steps: fm.steps.length },
      version: lessonVersion(versioned),
      text,
      steps,
      setup: input.files['setup.script'] ?? null,
      solution,
      solutionCommands: splitScript(solution).length,
    },
    errors,
  }
}

/** Compiles a set of lesson folders, each `requires` checked against the others (or against `known`). */
export function compileLessons(inputs: LessonFiles[], known?: Set<string>): { lessons: Lesson[]; errors: LessonError[] } {
  const lessons: Lesson[] = []
  const errors: LessonError[] = []
  const ids = known ?? new Set(inputs.map((i) => i.id))
  for (const input of inputs) {
    const r = compileLesson(input, ids)
    errors.push(...r.errors)
    if (r.lesson) lessons.push(r.lesson)
  }
  // The picker's order: labs as the lab list has them, then each lesson's order.
  const labs = Object.keys(LABS)
  lessons.sort((a, b) => labs.indexOf(a.summary.lab) - labs.indexOf(b.summary.lab) || a.summary.order - b.summary.order || a.summary.id.localeCompare(b.summary.id))
  return { lessons, errors }
}
