// The lesson format's validator and renderer on hand-made lessons: schema errors name the file, the
// line and the field; the text needs every locale, step and hint; hostile markdown comes out
// sanitised (raw HTML escaped, no script, no javascript: links, no event handlers).

import { describe, expect, it } from 'vitest'
import { compileLesson, compileLessons, formatError } from '../../src/lab/lessons/compile.ts'
import { renderMarkdown } from '../../src/lab/lessons/markdown.ts'

const TEXT = ['en', 'zh-Hans', 'zh-Hant'].map((l) => `## ${l}\n\nIntro.\n\n### Step\n\nDo it.\n\n#### Hint\n\nLike this.\n`).join('\n')

function lesson(front: string, text = TEXT, extra: Record<string, string> = {}) {
  return compileLesson({ dir: 'lessons/t', id: 't', files: { 'lesson.md': `---\n${front}---\n\n${text}`, 'solution.script': '[root@lvs ~]# true\n', ...extra } })
}

const errors = (r: ReturnType<typeof lesson>) => r.errors.map(formatError)

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

describe('lesson validation', () => {
  it('a valid lesson compiles, with defaults and check ids', () => {
    const r = lesson(FRONT)
    expect(errors(r)).toEqual([])
    expect(r.lesson!.summary).toEqual({ id: 't', lab: 'nat', title: { en: 'T', 'zh-Hans': 'T', 'zh-Hant': 'T' }, level: 'beginner', minutes: 5, requires: [], exam: false, order: 100, steps: 1 })
    expect(r.lesson!.steps[0].checks).toEqual([{ kind: 'sysctl', args: { host: 'lvs', key: 'net.ipv4.ip_forward', value: 1 }, id: 's-1', step: 's', afterReboot: false }])
    expect(r.lesson!.solutionCommands).toBe(1)
    expect(r.lesson!.version).toMatch(/^[0-9a-f]{12}$/)
  })

  it('names file, line and field of a wrong value', () => {
    const front = FRONT.replace('      - { sysctl: { host: lvs, key: net.ipv4.ip_forward, value: 1 } }\n', '      - { sysctl: { host: lvs, key: net.ipv4.ip_forward, value: 1 } }\n      - route: { host: rs1, to: default, via: 192.168.0.300 }\n')
    expect(errors(lesson(front))).toEqual(['lessons/t/lesson.md:11: steps[0].checks[1].route.via: expected an IPv4 address'])
  })

  it('names a missing field, an unknown field and a wrong enum', () => {
    const front = FRONT.replace('level: beginner\n', 'level: expert\n').replace('minutes: 5\n', 'minuets: 5\n')
    expect(errors(lesson(front))).toEqual([
      'lessons/t/lesson.md:4: level: expected beginner, intermediate or advanced',
      'lessons/t/lesson.md:2: minutes: required',
      'lessons/t/lesson.md:5: minuets: unknown field',
    ])
  })

  it('a check needs exactly one kind; a probe exactly one expectation', () => {
    const front = FRONT.replace('      - { sysctl: { host: lvs, key: net.ipv4.ip_forward, value: 1 } }\n', '      - { id: two }\n      - probe: { from: client, url: http://172.25.254.200/, requests: 2, expect: { answered: all, same: true } }\n')
    expect(errors(lesson(front))).toEqual([
      'lessons/t/lesson.md:10: steps[0].checks[0]: expected exactly one check kind (service, dest, sysctl, file, unit, package, address, route, module, firewalld, iptables, arptables, probe, predict), found none',
      'lessons/t/lesson.md:11: steps[0].checks[1].probe.expect: expected exactly one of answered, distribution, same, viaDirector, fails',
    ])
  })

  it('hosts must be in the lesson\'s lab, the id must be the folder\'s, the lab must exist', () => {
    expect(errors(lesson(FRONT.replace('host: lvs', 'host: dr-lvs')))).toEqual(['lessons/t/lesson.md:10: steps[0].checks[0].sysctl.host: no host "dr-lvs" in lab nat (hosts: client, lvs, RS1, RS2)'])
    expect(errors(lesson(FRONT.replace('id: t\n', 'id: other\n')))).toEqual(['lessons/t/lesson.md:2: id: must equal the folder\'s name "t"'])
    expect(errors(lesson(FRONT.replace('lab: nat', 'lab: nope')))).toEqual(['lessons/t/lesson.md:3: lab: unknown lab "nope" (labs: nat, dr, tun, tun-routed, fullnat)'])
  })

  it('YAML syntax errors and broken front matter are reported with their line', () => {
    expect(errors(lesson(FRONT.replace('minutes: 5', 'minutes: [5')))).toEqual([expect.stringMatching(/^lessons\/t\/lesson\.md:\d+: /)])
    expect(errors(compileLesson({ dir: 'lessons/t', id: 't', files: { 'lesson.md': 'no front matter\n' } }))).toEqual(['lessons/t/lesson.md:1: expected front matter: the file must start with a line "---"'])
  })

  it('the text needs every locale, a section per step and one to three hints', () => {
    const noHant = TEXT.slice(0, TEXT.indexOf('## zh-Hant'))
    expect(errors(lesson(FRONT, noHant))).toEqual(['lessons/t/lesson.md:12: missing "## zh-Hant" section'])
    const noHint = TEXT.replace('#### Hint\n\nLike this.\n\n## zh-Hans', '## zh-Hans')
    expect(errors(lesson(FRONT, noHint))).toEqual(['lessons/t/lesson.md:17: en: step "Step" has 0 hints (expected 1 to 3 "#### Hint" sections)'])
    const twoSteps = TEXT.replace('### Step\n\nDo it.\n\n#### Hint\n\nLike this.\n\n## zh-Hans', '### Step\n\nDo it.\n\n#### Hint\n\nx\n\n### More\n\ny\n\n#### Hint\n\nz\n\n## zh-Hans')
    expect(errors(lesson(FRONT, twoSteps))).toEqual(['lessons/t/lesson.md:13: en: 2 step sections ("### "), but the front matter has 1 steps'])
  })

  it('scripts must name hosts of the lab; requires must name known lessons', () => {
    expect(errors(lesson(FRONT, TEXT, { 'solution.script': '# x\n[root@dr-lvs ~]# true\n' }))).toEqual(['lessons/t/solution.script:2: no host "dr-lvs" in lab nat'])
    const r = compileLessons([{ dir: 'lessons/t', id: 't', files: { 'lesson.md': `---\n${FRONT.replace('minutes: 5\n', 'minutes: 5\nrequires: [missing]\n')}---\n\n${TEXT}`, 'solution.script': 'true\n' } }])
    expect(r.errors.map(formatError)).toEqual(['lessons/t/lesson.md:6: requires[0]: unknown lesson "missing"'])
  })
})

describe('lesson text is sanitised', () => {
  it('raw HTML is escaped, not rendered', () => {
    expect(renderMarkdown('Hello <script>alert(1)</script> <b onclick="x()">bold</b>')).toBe('<p>Hello &lt;script&gt;alert(1)&lt;/script&gt; &lt;b onclick=&quot;x()&quot;&gt;bold&lt;/b&gt;</p>')
    expect(renderMarkdown('<iframe src="https://evil.example/"></iframe>')).toBe('&lt;iframe src=&quot;https://evil.example/&quot;&gt;&lt;/iframe&gt;')
  })

  it('javascript: links lose their target; ordinary markdown survives', () => {
    expect(renderMarkdown('[click](javascript:alert(1)) and [docs](https://www.kernel.org/)')).toBe('<p><a href>click</a> and <a href="https://www.kernel.org/">docs</a></p>')
    expect(renderMarkdown('![x](javascript:alert(1))')).toBe('<p><img src alt="x"></p>')
    expect(renderMarkdown('Run `ipvsadm -Ln` and **look**:\n\n```\n<b>literal</b>\n```')).toBe('<p>Run <code>ipvsadm -Ln</code> and <strong>look</strong>:</p>\n<pre><code>&lt;b&gt;literal&lt;/b&gt;\n</code></pre>')
  })

  it('a hostile lesson compiles to safe HTML in every part', () => {
    const hostile = TEXT.replace('Intro.', 'Intro <script>steal()</script> [x](javascript:steal())').replace('Like this.', '<img src=x onerror=steal()>')
    const r = lesson(FRONT, hostile)
    expect(errors(r)).toEqual([])
    const html = JSON.stringify(r.lesson!.text)
    expect(html).not.toMatch(/<script|<img|<iframe|javascript:|<[^>]*\bon\w+=/)
    expect(r.lesson!.text.en.steps[0].hints[0]).toBe('&lt;img src=x onerror=steal()&gt;')
    expect(r.lesson!.text.en.intro).toBe('<p>Intro &lt;script&gt;steal()&lt;/script&gt; <a href>x</a></p>')
  })
})

describe('hostile lesson files', () => {
  it('an alias bomb is refused with its line, not expanded', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`
    expect(errors(lesson(bomb))).toEqual([expect.stringMatching(/^lessons\/t\/lesson\.md:2: .*alias/i)])
  })

  it('front matter that is not a mapping, and a pattern too long to trust, are schema errors', () => {
    expect(errors(lesson('- just\n- a list\n'))).toEqual(['lessons/t/lesson.md:2: expected the front matter to be a mapping of fields (id: …, lab: …, steps: …)'])
    expect(errors(lesson(FRONT.replace("{ sysctl: { host: lvs, key: net.ipv4.ip_forward, value: 1 } }", `{ file: { host: lvs, path: /etc/x, matches: '${'(a+)+'.repeat(50)}' } }`)))).toEqual(['lessons/t/lesson.md:10: steps[0].checks[0].file.matches: expected a regular expression of at most 200 characters'])
  })
})
