// `lvs-lab grade`, `lvs-lab lessons` and `lvs-lab lesson validate` on small fixtures: a one-page
// lesson (tests/fixtures/lessons/mini) and three submissions (a passing transcript, a transcript
// that leaves firewalld on, the page's submission file made for an older version). Each output
// format is compared in full with its golden file; regenerate with UPDATE_GOLDEN=1 after checking.

import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseArgs, UsageError, type Verb } from '../../src/cli/args.ts'
import { grade } from '../../src/cli/grade.ts'
import { lesson as lessonVerb } from '../../src/cli/lesson.ts'
import { gradeSubmission } from '../../src/lab/grade/grade.ts'
import { readSubmission } from '../../src/lab/grade/submission.ts'
import { loadLessons } from '../../src/cli/lesson-files.ts'

const fixtures = new URL('../fixtures/', import.meta.url).pathname
const lessons = `${fixtures}lessons`
const subs = 'tests/fixtures/submissions'
const golden = `${fixtures}grade/`

/** Runs a verb in-process as main.ts does (a usage error is exit 2 with the message). */
function cli(args: string[], verb: Verb = grade) {
  let out = ''
  let err = ''
  const io = {
    out: (t: string) => (out += t),
    err: (t: string) => (err += t),
    stdin: () => '',
    readFile: (path: string) => {
      try {
        return readFileSync(path, 'utf8')
      } catch {
        err += `lvs-lab: ${path}: No such file or directory\n`
        return null
      }
    },
  }
  let code: number
  try {
    const status = verb.main(parseArgs(verb, args), io)
    if (typeof status !== 'number') throw new Error(`${verb.name} should answer at once`)
    code = status
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    err += `usage: ${e.message}\n`
    code = 2
  }
  return { code, out, err }
}

function matches(name: string, text: string) {
  if (process.env.UPDATE_GOLDEN) writeFileSync(golden + name, text)
  expect(text).toBe(readFileSync(golden + name, 'utf8'))
}

describe('lvs-lab grade', () => {
  it('prints each check with what it expected and found, then the score; exit 1 when one fails', () => {
    const r = cli(['--lesson', 'mini', '--lessons', lessons, subs])
    expect(r.code).toBe(1)
    expect(r.err).toBe('lvs-lab grade: tests/fixtures/submissions/c-page.json: warning: made for lesson version 000000000000, graded against the current version 9f6030528195\n')
    matches('text.txt', r.out)
  })

  it('exit 0 when every submission passes; the text in the grader\'s language', () => {
    const r = cli(['--lesson', 'mini', '--lessons', lessons, '--lang', 'zh-Hant', `${subs}/a-pass.script`])
    expect(r.code).toBe(0)
    matches('text-zh-Hant.txt', r.out)
  })

  it('--json: one object per submission per line', () => {
    const r = cli(['--lesson', 'mini', '--lessons', lessons, '--json', subs])
    matches('grades.jsonl', r.out)
    const first = JSON.parse(r.out.split('\n')[0])
    expect(Object.keys(first)).toEqual(['file', 'lesson', 'version', 'submittedVersion', 'passed', 'score', 'warnings', 'help', 'exam', 'checks'])
    expect(first.checks[0]).toEqual({ id: 'ip-forward', step: 'forward', kind: 'sysctl', passed: true, expected: 'lvs has net.ipv4.ip_forward = 1', found: 'sysctl net.ipv4.ip_forward shows 1' })
  })

  it('--csv: one row per submission for a gradebook; --junit FILE for CI', () => {
    const junit = join(mkdtempSync(join(tmpdir(), 'lvs-grade-')), 'grades.xml')
    const r = cli(['--lesson', 'mini', '--lessons', lessons, '--csv', '--junit', junit, subs])
    expect(r.code).toBe(1)
    matches('grades.csv', r.out)
    matches('junit.xml', readFileSync(junit, 'utf8'))
  })

  it('a broken submission file is an error, not a crash; usage errors exit 2', () => {
    const r = cli(['--lesson', 'mini', '--lessons', lessons, 'tests/fixtures/grade/broken.json'])
    expect(r).toEqual({ code: 1, out: 'tests/fixtures/grade/broken.json: error: not a valid submission file: lessonVersion: Invalid key: Expected "lessonVersion" but received undefined\n', err: '' })
    expect(cli(['--lesson', 'nope', '--lessons', lessons, subs])).toEqual({ code: 2, out: '', err: "lvs-lab grade: unknown lesson 'nope' (try: mini)\n" })
    expect(cli(['--lesson', 'mini', '--lessons', lessons])).toEqual({ code: 2, out: '', err: 'usage: no submission given\n' })
    expect(cli(['--lesson', 'mini', '--lessons', lessons, '--lang', 'fr', subs])).toEqual({ code: 2, out: '', err: "usage: unknown language 'fr' (try: en, zh-Hans, zh-Hant)\n" })
    expect(cli(['--lesson', 'mini', '--lessons', lessons, 'tests/fixtures/nothing.json'])).toMatchObject({ code: 1, out: 'tests/fixtures/nothing.json: error: cannot be read\n' })
  })

  it('grades the keystrokes, not the command list a learner could edit', () => {
    const lesson = loadLessons(lessons)[0]
    const text = readFileSync(`${subs}/c-page.json`, 'utf8')
    const forged = JSON.parse(text)
    forged.commands.push({ t: 9_000_000, host: 'RS1', line: 'systemctl start httpd' })
    const g = gradeSubmission(lesson, readSubmission(JSON.stringify(forged)) as never)
    expect('error' in g ? g.error : g.score).toBe(33.3)
  })
})

describe('lvs-lab lesson validate', () => {
  it('validates a folder of lessons or one lesson', () => {
    expect(cli(['validate', lessons], lessonVerb)).toEqual({ code: 0, out: '1 lesson valid: mini\n', err: '' })
    expect(cli(['validate', `${lessons}/mini`], lessonVerb)).toEqual({ code: 0, out: '1 lesson valid: mini\n', err: '' })
    expect(cli(['check'], lessonVerb)).toEqual({ code: 2, out: '', err: "usage: unknown sub-command 'check' (try: validate)\n" })
  })
})

describe('hostile submissions', () => {
  it('keys for hosts the lab lacks, control keys and garbage are replayed like any keystrokes, never thrown', () => {
    const lesson = loadLessons(lessons)[0]
    const sub = JSON.parse(readFileSync(`${subs}/c-page.json`, 'utf8'))
    sub.keys = [
      { t: 0, host: 'nowhere', data: 'rm -rf /\r' },
      { t: 1, host: 'lvs', data: '\x1b[A\x1b[B\x03\x04\x7f\t\tconstructor __proto__ $(( 1/0 ))\r' },
      { t: 2, host: 'lvs', data: 'sysctl -w net.ipv4.ip_forward=1\r' },
      { t: 3e9, host: 'RS1', data: 'cat <<EOF\r' },
    ]
    const g = gradeSubmission(lesson, readSubmission(JSON.stringify(sub)) as never)
    expect('error' in g ? g.error : g.checks.map((c) => [c.id, c.passed])).toEqual([['ip-forward', true], ['rs1-httpd', false], ['rs1-answers', false]])
    sub.keys.push({ t: 1e15, host: 'lvs', data: 'true\r' })
    expect(readSubmission(JSON.stringify(sub))).toEqual({ error: 'not a valid submission file: keys[4].t: expected a time within a week of the start' })
  })
})

describe('the Done-when commands, through the real binary', { timeout: 120_000 }, () => {
  const bin = new URL('../../bin/lvs-lab.mjs', import.meta.url).pathname
  const lvs = (...args: string[]) => spawnSync('node', [bin, ...args], { cwd: new URL('../..', import.meta.url).pathname, encoding: 'utf8' })

  it('the NAT solution passes; the NAT lab without rs2\'s gateway fails naming rs2, its route, and why requests went unanswered', () => {
    const ok = lvs('grade', '--lesson', 'nat', 'lessons/nat/solution.script')
    expect([ok.status, ok.stdout.trimEnd().split('\n').at(-1)]).toEqual([0, '  score 15/15 (100%) PASS'])
    const bad = lvs('grade', '--lesson', 'nat', 'lessons/nat/wrong/no-rs2-gateway.script')
    expect(bad.status).toBe(1)
    expect(bad.stdout).toContain('  ✗ rs2-gateway: rs2 has a default route via 192.168.0.100\n      found: rs2 has no default route via 192.168.0.100 (ip route shows: 192.168.0.0/24 dev eth0 proto kernel scope link src 192.168.0.20 metric 100)\n')
    expect(bad.stdout).toContain('  ✗ all-answered: 8 requests from client to http://172.25.254.200/: every one gets an answer\n      found: 4 of 8 requests got no answer: RS2: reverse-path filter (rp_filter=1 on eth0): the route back to 172.25.254.111 does not leave through eth0; 4 of 8 answered: 4 × "RS1 - 192.168.0.10"\n')
    expect(bad.stdout.trimEnd().split('\n').at(-1)).toBe('  score 12/15 (80%) FAIL')
  })
})
