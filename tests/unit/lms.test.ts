// Course packages: the manifests name what a platform needs (one SCO or one AU, the launch file,
// every file of the site), the zip holds exactly the manifest and those files, and the page's two
// reporters say to a platform what the SCORM 1.2 run-time and cmi5 ask, in the order they ask it.
// The real build in a browser against stub platforms: tests/e2e/lms.spec.ts.

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync, strFromU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { loadLessons } from '../../src/cli/lesson-files.ts'
import { cmi5Structure, plainIntro, scorm12Manifest } from '../../src/cli/lms/manifest.ts'
import { parseArgs, UsageError, type Verb } from '../../src/cli/args.ts'
import { build } from '../../src/cli/build.ts'
import { buildLessonSite } from '../../src/cli/lms/site.ts'
import { pack, packageInfo, packageZip } from '../../src/cli/package.ts'
import { localeOf } from '../../src/ui/i18n/i18n.svelte.ts'
import { Cmi5Reporter, cmi5Launch, duration, readState, STATE_ID } from '../../src/ui/lms/cmi5.ts'
import { better, lessonResult } from '../../src/ui/lms/result.ts'
import { Scorm12Reporter, findScormApi, timespan, type Scorm12Api } from '../../src/ui/lms/scorm12.ts'
import type { LessonProgress } from '../../src/worker/protocol.ts'

const nat = loadLessons().find((l) => l.summary.id === 'nat')!
const FILES = ['assets/app-1.js', 'assets/app-1.css', 'assets/lessons-x.json', 'favicon.svg', 'index.html']

describe('package manifests', () => {
  const info = packageInfo(nat, FILES)

  it('take the lesson’s titles and the first paragraph of its introduction', () => {
    expect(info.title).toEqual(nat.summary.title)
    expect(info.description.en.length).toBeGreaterThan(20)
    expect(info.description.en).not.toMatch(/[<>]/)
    expect(plainIntro('<p>Build <code>ipvsadm</code> &amp; go.</p><p>More</p>')).toBe('Build ipvsadm & go.')
  })

  it('SCORM 1.2: ADL metadata, one organization with one item pointing at one SCO launched at index.html, every file listed', () => {
    const xml = scorm12Manifest(info)
    expect(xml).toContain('xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"')
    expect(xml).toContain('xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"')
    expect(xml).toContain('<schema>ADL SCORM</schema>\n    <schemaversion>1.2</schemaversion>')
    expect(xml).toContain('<organizations default="lvs-lab-org">\n    <organization identifier="lvs-lab-org">')
    expect(xml).toContain(`<item identifier="lvs-lab-item-nat" identifierref="lvs-lab-sco" isvisible="true">\n        <title>${nat.summary.title.en}</title>`)
    expect(xml).toContain('<resource identifier="lvs-lab-sco" type="webcontent" adlcp:scormtype="sco" href="index.html">')
    expect([...xml.matchAll(/<file href="([^"]+)"\/>/g)].map((m) => m[1])).toEqual(FILES)
    expect(xml).toContain(`version="${nat.version}"`)
  })

  it('cmi5: the course and one AU with absolute IRIs, titles and descriptions in every locale, moveOn and the launch url', () => {
    const xml = cmi5Structure(info)
    expect(xml).toContain('<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">')
    expect(xml).toContain('<course id="urn:lvs-lab:lesson:nat">')
    expect(xml).toContain('<au id="urn:lvs-lab:lesson:nat:au" moveOn="CompletedAndPassed" masteryScore="1" launchMethod="AnyWindow">')
    expect(xml).toMatch(/<\/description>\n {4}<url>index\.html<\/url>\n {2}<\/au>/)
    for (const l of ['en', 'zh-Hans', 'zh-Hant'] as const) expect(xml.split(`<langstring lang="${l}">${nat.summary.title[l]}</langstring>`).length).toBe(3)
  })

  it('an exam package launches index.html?exam=1, and only a lesson that allows exams can be one', { timeout: 30_000 }, async () => {
    const exam = packageInfo(nat, FILES, true)
    expect(scorm12Manifest(exam)).toContain('adlcp:scormtype="sco" href="index.html?exam=1">')
    expect(scorm12Manifest(exam)).toContain('<file href="index.html"/>')
    expect(cmi5Structure(exam)).toContain('<url>index.html?exam=1</url>')
    const io = { out: () => {}, err: () => {}, stdin: () => '', readFile: () => null }
    await expect(Promise.resolve().then(() => pack.main(parseArgs(pack, ['--lesson', 'sched-legacy', '--exam', '--cmi5', 'x.zip']), io))).rejects.toThrow(new UsageError('lesson sched-legacy cannot be taken as an exam (its lesson.md does not say exam: true)'))
  })

  it('escape what a title could hold', () => {
    const xml = scorm12Manifest({ ...info, title: { ...info.title, en: 'A <b> & "c"' } })
    expect(xml).toContain('<title>A &lt;b&gt; &amp; &quot;c&quot;</title>')
  })

  it.each(['scorm12', 'cmi5'] as const)('the %s zip holds the manifest at its root and every file the manifest names, nothing else', (format) => {
    const zip = unzipSync(packageZip(format, info, (f) => new TextEncoder().encode(`content of ${f}`)))
    const manifest = format === 'scorm12' ? 'imsmanifest.xml' : 'cmi5.xml'
    expect(Object.keys(zip).sort()).toEqual([manifest, ...FILES].sort())
    expect(strFromU8(zip['assets/app-1.js'])).toBe('content of assets/app-1.js')
    expect(strFromU8(zip[manifest])).toBe(format === 'scorm12' ? scorm12Manifest(info) : cmi5Structure(info))
  })

  it('the same lesson packs to the same bytes', () => {
    const read = (f: string) => new TextEncoder().encode(f)
    expect(packageZip('cmi5', info, read)).toEqual(packageZip('cmi5', info, read))
  })
})

function progress(held: (boolean | null)[], complete = held.every((h) => h === true)): LessonProgress {
  const checks = held.map((passed, i) => ({ id: `c${i}`, step: 's', kind: 'service', passed, expected: { en: '', 'zh-Hans': '', 'zh-Hant': '' }, found: { en: '', 'zh-Hans': '', 'zh-Hant': '' } }))
  return { lesson: 'nat', steps: [{ id: 's', done: complete, checks }], complete, commands: 3, elapsed: 0 }
}

describe('the lesson’s result', () => {
  it('scores the checks that hold, as the grader does; a pending check does not hold', () => {
    expect(lessonResult(progress([true, false, null]))).toEqual({ lesson: 'nat', score: 33.3, passed: false, attempted: true })
    expect(lessonResult(progress([true, true]))).toEqual({ lesson: 'nat', score: 100, passed: true, attempted: true })
  })

  it('keeps the best score and a pass once passed', () => {
    expect(better(lessonResult(progress([true, true])), lessonResult(progress([true, false])))).toEqual({ lesson: 'nat', score: 100, passed: true, attempted: true })
  })
})

/** A SCORM 1.2 API that records every call, answering as a platform does. */
function stubApi(status = 'not attempted', fail: string | null = null, more: [string, string][] = []): Scorm12Api & { calls: string[][] } {
  const calls: string[][] = []
  const values = new Map([['cmi.core.lesson_status', status], ...more])
  return {
    calls,
    LMSInitialize: (a) => (calls.push(['LMSInitialize', a]), 'true'),
    LMSFinish: (a) => (calls.push(['LMSFinish', a]), 'true'),
    LMSGetValue: (e) => (calls.push(['LMSGetValue', e]), values.get(e) ?? ''),
    LMSSetValue: (e, v) => {
      calls.push(['LMSSetValue', e, v])
      if (e === fail) return 'false'
      values.set(e, v)
      return 'true'
    },
    LMSCommit: (a) => (calls.push(['LMSCommit', a]), 'true'),
    LMSGetLastError: () => '405',
    LMSGetErrorString: () => 'Incorrect Data Type',
  }
}

describe('SCORM 1.2', () => {
  it('finds the API in a frame above, or above the opener, and not across origins', () => {
    const api = stubApi()
    const top = { API: api } as unknown as Window & { parent: Window }
    top.parent = top
    const mid = { parent: top } as unknown as Window
    const page = { parent: mid, opener: null } as unknown as Window
    expect(findScormApi(page)).toBe(api)
    const alone = { opener: mid } as unknown as Window & { parent: Window }
    alone.parent = alone
    expect(findScormApi(alone)).toBe(api)
    const foreign = Object.defineProperty({}, 'API', { get: () => { throw new DOMException('Blocked', 'SecurityError') } }) as Window & { parent: Window }
    foreign.parent = foreign
    expect(findScormApi({ parent: foreign, opener: null } as unknown as Window)).toBeNull()
  })

  it('initializes, reports progress and the pass, then suspends or finishes', async () => {
    const api = stubApi()
    let t = 1_000
    const r = new Scorm12Reporter(api, () => t)
    await r.start()
    await r.report({ lesson: 'nat', score: 40, passed: false, attempted: true })
    await r.report({ lesson: 'nat', score: 100, passed: true, attempted: true })
    t += 3_723_450
    r.finish()
    r.finish()
    expect(api.calls).toEqual([
      ['LMSInitialize', ''],
      ['LMSGetValue', 'cmi.student_preference.language'],
      ['LMSGetValue', 'cmi.core.lesson_mode'],
      ['LMSGetValue', 'cmi.core.lesson_status'],
      ['LMSGetValue', 'cmi.suspend_data'],
      ['LMSSetValue', 'cmi.core.lesson_status', 'incomplete'],
      ['LMSSetValue', 'cmi.core.score.min', '0'],
      ['LMSSetValue', 'cmi.core.score.max', '100'],
      ['LMSCommit', ''],
      ['LMSSetValue', 'cmi.core.score.raw', '40'],
      ['LMSCommit', ''],
      ['LMSSetValue', 'cmi.core.score.raw', '100'],
      ['LMSSetValue', 'cmi.core.lesson_status', 'passed'],
      ['LMSCommit', ''],
      ['LMSSetValue', 'cmi.core.session_time', '01:02:03.45'],
      ['LMSSetValue', 'cmi.core.exit', ''],
      ['LMSCommit', ''],
      ['LMSFinish', ''],
    ])
  })

  it('keeps the learner’s session in cmi.suspend_data, up to its 4096 characters, and reads it back on a resumed attempt', async () => {
    const api = stubApi('incomplete', null, [['cmi.suspend_data', '#share=1.earlier']])
    const r = new Scorm12Reporter(api, () => 0)
    await r.start()
    expect(r.resumeData).toBe('#share=1.earlier')
    api.calls.length = 0
    expect(r.keep('#share=1.earlier')).toBe('ok')
    expect(api.calls).toEqual([])
    expect(r.keep('#share=1.now')).toBe('ok')
    expect(r.keep('x'.repeat(4096))).toBe('ok')
    expect(r.keep('x'.repeat(4097))).toBe('long')
    expect(api.calls).toEqual([
      ['LMSSetValue', 'cmi.suspend_data', '#share=1.now'],
      ['LMSCommit', ''],
      ['LMSSetValue', 'cmi.suspend_data', 'x'.repeat(4096)],
      ['LMSCommit', ''],
    ])
    // A review launch reads what was kept and writes nothing.
    const review = stubApi('passed', null, [['cmi.core.lesson_mode', 'review'], ['cmi.suspend_data', '#share=1.old']])
    const rv = new Scorm12Reporter(review, () => 0)
    await rv.start()
    expect(rv.resumeData).toBe('#share=1.old')
    expect(rv.keep('#share=1.new')).toBe('ok')
    expect(review.calls.filter((c) => c[0] === 'LMSSetValue')).toEqual([])
  })

  it('an unfinished lesson is suspended; an attempt already passed is not set back', async () => {
    const api = stubApi('passed')
    const r = new Scorm12Reporter(api, () => 0)
    await r.start()
    r.finish()
    expect(api.calls.filter((c) => c[0] === 'LMSSetValue').map((c) => c[1])).toEqual(['cmi.core.score.min', 'cmi.core.score.max', 'cmi.core.session_time', 'cmi.core.exit'])
    const open = stubApi('incomplete')
    const o = new Scorm12Reporter(open, () => 0)
    await o.start()
    o.finish()
    expect(open.calls.find((c) => c[1] === 'cmi.core.exit')).toEqual(['LMSSetValue', 'cmi.core.exit', 'suspend'])
  })

  it('a browse or review launch changes nothing; the learner’s language is read', async () => {
    const api = stubApi('incomplete', null, [['cmi.core.lesson_mode', 'review'], ['cmi.student_preference.language', 'zh-TW, en']])
    const r = new Scorm12Reporter(api, () => 0)
    await r.start()
    await r.report({ lesson: 'nat', score: 100, passed: true, attempted: true })
    r.finish()
    expect(api.calls.filter((c) => c[0] !== 'LMSGetValue')).toEqual([['LMSInitialize', ''], ['LMSFinish', '']])
    expect(r.languages).toEqual(['zh-TW', 'en'])
  })

  it('a refused value is an error that names the element and the platform’s reason', async () => {
    const r = new Scorm12Reporter(stubApi('not attempted', 'cmi.core.score.max'), () => 0)
    await expect(r.start()).rejects.toThrow('LMSSetValue cmi.core.score.max: 405 Incorrect Data Type')
  })

  it('writes CMITimespan', () => {
    expect([timespan(0), timespan(59_999), timespan(100 * 3_600_000)]).toEqual(['00:00:00.00', '00:01:00.00', '100:00:00.00'])
  })
})

const LAUNCH = `?endpoint=${encodeURIComponent('https://lrs.test/xapi')}&fetch=${encodeURIComponent('https://lms.test/fetch?k=1')}&actor=${encodeURIComponent(JSON.stringify({ objectType: 'Agent', account: { homePage: 'https://lms.test', name: 'ada' } }))}&registration=reg-1&activityId=${encodeURIComponent('urn:lvs-lab:lesson:nat:au')}`

/**
 * A platform and LRS in one: the fetch URL, the State resource (LMS.LaunchData written by the
 * platform, any other document as the AU PUTs it, per registration; 404 for none), statements recorded.
 */
function stubLrs(launchData: Record<string, unknown>, prefs: Record<string, unknown> | null = null, state = new Map<string, string>()) {
  const requests: { url: string; init: RequestInit }[] = []
  const statements: Record<string, unknown>[] = []
  const http = async (url: string, init: RequestInit): Promise<Response> => {
    requests.push({ url, init })
    if (url === 'https://lms.test/fetch?k=1') return Response.json({ 'auth-token': 'dG9rZW4=' })
    if (url.startsWith('https://lrs.test/xapi/activities/state?')) {
      const q = new URL(url).searchParams
      const key = `${q.get('stateId')} ${q.get('activityId')} ${q.get('registration')} ${q.get('agent')}`
      if (q.get('stateId') === 'LMS.LaunchData') return init.method ? new Response('', { status: 403 }) : Response.json(launchData)
      if (init.method === 'PUT') return state.set(key, String(init.body)), new Response(null, { status: 204 })
      const doc = state.get(key)
      return doc === undefined ? new Response('', { status: 404 }) : new Response(doc, { headers: { 'Content-Type': 'application/json' } })
    }
    if (url.startsWith('https://lrs.test/xapi/agents/profile?') && prefs) return Response.json(prefs)
    if (url === 'https://lrs.test/xapi/statements') {
      const body: unknown = JSON.parse(String(init.body))
      statements.push(...(Array.isArray(body) ? body : [body]))
      return Response.json(['ok'])
    }
    return new Response('', { status: 404 })
  }
  return { http, requests, statements, state }
}

describe('cmi5', () => {
  const template = { contextActivities: { grouping: [{ id: 'urn:lms:course' }] }, extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 's-1' } }

  it('reads the launch parameters, and nothing when one is missing or the actor is not JSON', () => {
    expect(cmi5Launch(LAUNCH)).toEqual({ endpoint: 'https://lrs.test/xapi/', fetch: 'https://lms.test/fetch?k=1', actor: { objectType: 'Agent', account: { homePage: 'https://lms.test', name: 'ada' } }, registration: 'reg-1', activityId: 'urn:lvs-lab:lesson:nat:au' })
    expect(cmi5Launch(LAUNCH.replace(/&registration=[^&]*/, ''))).toBeNull()
    expect(cmi5Launch(LAUNCH.replace(/actor=[^&]*/, 'actor=nope'))).toBeNull()
    expect(cmi5Launch('?lesson=nat')).toBeNull()
  })

  it('fetches the token once, reads LMS.LaunchData, then initialized, completed, passed and terminated', async () => {
    const lrs = stubLrs({ contextTemplate: template, launchMode: 'Normal', masteryScore: 1 })
    let t = Date.UTC(2026, 11, 1, 11, 0, 0)
    let n = 0
    const r = new Cmi5Reporter(cmi5Launch(LAUNCH)!, lrs.http, () => t, () => `uuid-${++n}`)
    await r.start()
    await r.report({ lesson: 'nat', score: 60, passed: false, attempted: true })
    t += 90_500
    await r.report({ lesson: 'nat', score: 100, passed: true, attempted: true })
    await r.report({ lesson: 'nat', score: 100, passed: true, attempted: true })
    await r.settled()
    r.finish()
    await new Promise((done) => setTimeout(done, 0))
    expect(lrs.requests.map((q) => [q.init.method ?? 'GET', q.url.replace(/\?.*/, '')])).toEqual([
      ['POST', 'https://lms.test/fetch'],
      ['GET', 'https://lrs.test/xapi/activities/state'],
      ['GET', 'https://lrs.test/xapi/activities/state'],
      ['GET', 'https://lrs.test/xapi/agents/profile'],
      ['POST', 'https://lrs.test/xapi/statements'],
      ['POST', 'https://lrs.test/xapi/statements'],
      ['PUT', 'https://lrs.test/xapi/activities/state'],
      ['POST', 'https://lrs.test/xapi/statements'],
      ['PUT', 'https://lrs.test/xapi/activities/state'],
      ['POST', 'https://lrs.test/xapi/statements'],
    ])
    const state = new URL(lrs.requests[1].url).searchParams
    expect([state.get('stateId'), state.get('activityId'), state.get('registration'), JSON.parse(state.get('agent')!).account.name]).toEqual(['LMS.LaunchData', 'urn:lvs-lab:lesson:nat:au', 'reg-1', 'ada'])
    const own = new URL(lrs.requests[2].url).searchParams
    expect([own.get('stateId'), own.get('activityId'), own.get('registration'), JSON.parse(own.get('agent')!).account.name]).toEqual([STATE_ID, 'urn:lvs-lab:lesson:nat:au', 'reg-1', 'ada'])
    // What was sent is kept, so a later launch of the registration sends neither again.
    expect(JSON.parse(String(lrs.requests[8].init.body))).toEqual({ version: 1, suspendData: '', completed: true, passed: true })
    expect(r.languages).toEqual([])
    for (const q of lrs.requests.slice(1)) expect(q.init.headers).toMatchObject({ Authorization: 'Basic dG9rZW4=', 'X-Experience-API-Version': '1.0.3' })
    expect(lrs.requests.at(-1)!.init.keepalive).toBe(true)
    const cmi5 = { id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' }
    const moveOn = { id: 'https://w3id.org/xapi/cmi5/context/categories/moveon' }
    const base = (verb: string, id: number, category: object[], extensions: object = template.extensions) => ({
      id: `uuid-${id}`,
      actor: { objectType: 'Agent', account: { homePage: 'https://lms.test', name: 'ada' } },
      verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': verb } },
      object: { id: 'urn:lvs-lab:lesson:nat:au', objectType: 'Activity' },
      context: { registration: 'reg-1', contextActivities: { grouping: [{ id: 'urn:lms:course' }], category }, extensions },
    })
    expect(lrs.statements).toEqual([
      { ...base('initialized', 1, [cmi5]), timestamp: '2026-12-01T11:00:00.000Z' },
      { ...base('completed', 2, [cmi5, moveOn]), result: { completion: true, duration: 'PT90.50S' }, timestamp: '2026-12-01T11:01:30.500Z' },
      { ...base('passed', 3, [cmi5, moveOn], { ...template.extensions, 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore': 1 }), result: { success: true, score: { scaled: 1, raw: 100, min: 0, max: 100 }, duration: 'PT90.50S' }, timestamp: '2026-12-01T11:01:30.500Z' },
      { ...base('terminated', 4, [cmi5]), result: { duration: 'PT90.50S' }, timestamp: '2026-12-01T11:01:30.500Z' },
    ])
  })

  it('below the mastery score when the page goes: failed with the score, then terminated, in one request; a visit without a command is not failed', async () => {
    const verbs = (lrs: ReturnType<typeof stubLrs>) => lrs.statements.map((st) => (st.verb as { display: Record<string, string> }).display['en-US'])
    const lrs = stubLrs({ contextTemplate: template, launchMode: 'Normal', masteryScore: 1 })
    const r = new Cmi5Reporter(cmi5Launch(LAUNCH)!, lrs.http, () => 0, () => 'u')
    await r.start()
    await r.report({ lesson: 'nat', score: 62.5, passed: false, attempted: true })
    r.finish()
    r.finish()
    await new Promise((done) => setTimeout(done, 0))
    expect(verbs(lrs)).toEqual(['initialized', 'failed', 'terminated'])
    expect(lrs.requests.filter((q) => q.url.endsWith('/statements')).length).toBe(2)
    expect(lrs.requests.at(-1)!.init.keepalive).toBe(true)
    expect(lrs.statements[1]).toMatchObject({ result: { success: false, score: { scaled: 0.625, raw: 62.5, min: 0, max: 100 } }, context: { extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore': 1 } } })

    const visit = stubLrs({ contextTemplate: template, launchMode: 'Normal', masteryScore: 1 })
    const v = new Cmi5Reporter(cmi5Launch(LAUNCH)!, visit.http, () => 0, () => 'u')
    await v.start()
    await v.report({ lesson: 'nat', score: 0, passed: false, attempted: false })
    v.finish()
    await new Promise((done) => setTimeout(done, 0))
    expect(verbs(visit)).toEqual(['initialized', 'terminated'])
  })

  it('the platform’s mastery score decides the pass: 0.75 passes at 80 before every check holds; completed waits for them; failed never follows passed', async () => {
    const lrs = stubLrs({ contextTemplate: template, launchMode: 'Normal', masteryScore: 0.75 })
    const r = new Cmi5Reporter(cmi5Launch(LAUNCH)!, lrs.http, () => 0, () => 'u')
    await r.start()
    await r.report({ lesson: 'nat', score: 50, passed: false, attempted: true })
    await r.report({ lesson: 'nat', score: 80, passed: false, attempted: true })
    r.finish()
    await new Promise((done) => setTimeout(done, 0))
    expect(lrs.statements.map((st) => [(st.verb as { display: Record<string, string> }).display['en-US'], (st.result as { score?: { scaled: number } } | undefined)?.score?.scaled])).toEqual([
      ['initialized', undefined],
      ['passed', 0.8],
      ['terminated', undefined],
    ])
  })

  it('a Browse or Review launch neither completes nor passes; the learner’s languages come from cmi5LearnerPreferences', async () => {
    const lrs = stubLrs({ contextTemplate: template, launchMode: 'Review' }, { languagePreference: 'zh-Hant,en-US', audioPreference: 'off' })
    const r = new Cmi5Reporter(cmi5Launch(LAUNCH)!, lrs.http, () => 0, () => 'u')
    await r.start()
    await r.report({ lesson: 'nat', score: 100, passed: true, attempted: true })
    expect(lrs.statements.map((s) => (s.verb as { display: Record<string, string> }).display['en-US'])).toEqual(['initialized'])
    expect(r.languages).toEqual(['zh-Hant', 'en-US'])
    expect(new URL(lrs.requests[3].url).searchParams.get('profileId')).toBe('cmi5LearnerPreferences')
  })

  it('keeps the session in the AU’s own state document, one write at a time with the latest contents, and a relaunch of the registration resumes from it', async () => {
    const first = stubLrs({ contextTemplate: template, launchMode: 'Normal', masteryScore: 1 })
    const puts = (lrs: ReturnType<typeof stubLrs>) => lrs.requests.filter((q) => q.init.method === 'PUT').map((q) => JSON.parse(String(q.init.body)) as Record<string, unknown>)
    const verbs = (lrs: ReturnType<typeof stubLrs>) => lrs.statements.map((st) => (st.verb as { display: Record<string, string> }).display['en-US'])
    const a = new Cmi5Reporter(cmi5Launch(LAUNCH)!, first.http, () => 0, () => 'u')
    await a.start()
    expect(a.resumeData).toBe('')
    expect(a.keep('#share=1.half')).toBe('ok')
    // Written while the first write is under way: these wait, and only the last goes.
    a.keep('#share=1.more')
    a.keep('#share=1.most')
    a.keep('#share=1.most')
    await a.report({ lesson: 'nat', score: 50, passed: false, attempted: true })
    await a.settled()
    expect(puts(first)).toEqual([
      { version: 1, suspendData: '#share=1.half', completed: false, passed: false },
      { version: 1, suspendData: '#share=1.most', completed: false, passed: false },
    ])
    a.finish()
    await new Promise((done) => setTimeout(done, 0))
    expect(verbs(first)).toEqual(['initialized', 'failed', 'terminated'])

    // The platform launches the same registration again, the LRS keeping its documents.
    const second = stubLrs({ contextTemplate: template, launchMode: 'Normal', masteryScore: 1 }, null, first.state)
    const b = new Cmi5Reporter(cmi5Launch(LAUNCH)!, second.http, () => 0, () => 'u')
    await b.start()
    expect(b.resumeData).toBe('#share=1.most')
    b.keep('#share=1.done')
    await b.report({ lesson: 'nat', score: 100, passed: true, attempted: true })
    await b.settled()
    b.finish()
    await new Promise((done) => setTimeout(done, 0))
    expect(verbs(second)).toEqual(['initialized', 'completed', 'passed', 'terminated'])
    expect(puts(second).at(-1)).toEqual({ version: 1, suspendData: '#share=1.done', completed: true, passed: true })

    // A third launch: completed and passed were sent in this registration, so neither goes again.
    const third = stubLrs({ contextTemplate: template, launchMode: 'Normal', masteryScore: 1 }, null, first.state)
    const c = new Cmi5Reporter(cmi5Launch(LAUNCH)!, third.http, () => 0, () => 'u')
    await c.start()
    await c.report({ lesson: 'nat', score: 100, passed: true, attempted: true })
    c.finish()
    await new Promise((done) => setTimeout(done, 0))
    expect(verbs(third)).toEqual(['initialized', 'terminated'])
    // Another registration (another enrolment) starts afresh.
    const other = stubLrs({ contextTemplate: template, launchMode: 'Normal', masteryScore: 1 }, null, first.state)
    const d = new Cmi5Reporter(cmi5Launch(LAUNCH.replace('registration=reg-1', 'registration=reg-2'))!, other.http, () => 0, () => 'u')
    await d.start()
    expect(d.resumeData).toBe('')
  })

  it('what is not written yet goes as the page goes, with keepalive; a failed write is tried again at the next change', async () => {
    const lrs = stubLrs({ contextTemplate: template, launchMode: 'Normal', masteryScore: 1 })
    let refuse = true
    const http = async (url: string, init: RequestInit) => (init.method === 'PUT' && refuse ? (lrs.requests.push({ url, init }), new Response('', { status: 503 })) : lrs.http(url, init))
    const r = new Cmi5Reporter(cmi5Launch(LAUNCH)!, http, () => 0, () => 'u')
    await r.start()
    r.keep('#share=1.a')
    await r.settled()
    refuse = false
    r.keep('#share=1.b')
    r.keep('#share=1.c')
    r.finish()
    await new Promise((done) => setTimeout(done, 0))
    const puts = lrs.requests.filter((q) => q.init.method === 'PUT')
    expect(puts.map((q) => [JSON.parse(String(q.init.body)).suspendData, q.init.keepalive])).toEqual([
      ['#share=1.a', false],
      ['#share=1.b', false],
      ['#share=1.c', true],
    ])
    expect([...lrs.state.values()].map((d) => JSON.parse(d).suspendData)).toEqual(['#share=1.c'])
  })

  it('a Review launch resumes and writes nothing; a document of another version is not read and never written over; an LRS that fails the read is an error', async () => {
    const state = new Map<string, string>()
    const seed = stubLrs({ contextTemplate: template, launchMode: 'Normal' }, null, state)
    const w = new Cmi5Reporter(cmi5Launch(LAUNCH)!, seed.http, () => 0, () => 'u')
    await w.start()
    w.keep('#share=1.mine')
    await w.settled()
    const review = stubLrs({ contextTemplate: template, launchMode: 'Review' }, null, state)
    const r = new Cmi5Reporter(cmi5Launch(LAUNCH)!, review.http, () => 0, () => 'u')
    await r.start()
    expect(r.resumeData).toBe('#share=1.mine')
    r.keep('#share=1.changed')
    r.finish()
    await new Promise((done) => setTimeout(done, 0))
    expect(review.requests.filter((q) => q.init.method === 'PUT')).toEqual([])

    const key = [...state.keys()][0]
    state.set(key, JSON.stringify({ version: 2, suspendData: 'x', completed: true, passed: true, more: 1 }))
    const newer = stubLrs({ contextTemplate: template, launchMode: 'Normal', masteryScore: 1 }, null, state)
    const n = new Cmi5Reporter(cmi5Launch(LAUNCH)!, newer.http, () => 0, () => 'u')
    await n.start()
    expect(n.resumeData).toBe('')
    n.keep('#share=1.over')
    await n.report({ lesson: 'nat', score: 100, passed: true, attempted: true })
    await n.settled()
    expect(newer.requests.filter((q) => q.init.method === 'PUT')).toEqual([])
    expect(JSON.parse(state.get(key)!).version).toBe(2)
    expect(readState({ version: 1, suspendData: 's', completed: false })).toBeNull()

    const broken = stubLrs({ contextTemplate: template, launchMode: 'Normal' })
    const http = async (url: string, init: RequestInit) => (url.includes(encodeURIComponent(STATE_ID)) ? new Response('', { status: 500 }) : broken.http(url, init))
    await expect(new Cmi5Reporter(cmi5Launch(LAUNCH)!, http, () => 0, () => 'u').start()).rejects.toThrow(`${STATE_ID}: HTTP 500`)
  })

  it('a platform that refuses the token fetch is an error with its reason', async () => {
    const http = async () => Response.json({ 'error-code': '1', 'error-text': 'already fetched' })
    await expect(new Cmi5Reporter(cmi5Launch(LAUNCH)!, http, () => 0, () => 'u').start()).rejects.toThrow('fetch: 1 already fetched')
    expect(duration(1234)).toBe('PT1.23S')
  })
})

// Each of these reads every lesson before it refuses, which takes seconds on a busy machine.
describe('lvs-lab build and package: usage', { timeout: 30_000 }, () => {
  const io = { out: () => {}, err: () => {}, stdin: () => '', readFile: () => null }
  const usage = (verb: Verb, argv: string[]) => Promise.resolve().then(() => verb.main(parseArgs(verb, argv), io))

  it('name what is missing or wrong before building anything', async () => {
    await expect(usage(pack, ['--scorm12', 'x.zip'])).rejects.toThrow(new UsageError('--lesson ID is required'))
    await expect(usage(pack, ['--lesson', 'nat'])).rejects.toThrow(new UsageError('give --scorm12 OUT.zip, --cmi5 OUT.zip or both'))
    await expect(usage(pack, ['--lesson', 'no-such', '--cmi5', 'x.zip'])).rejects.toThrow(/^there is no lesson called 'no-such' \(try: nat, /)
    await expect(usage(build, ['--lesson', 'nat'])).rejects.toThrow(new UsageError('no OUT_DIR given'))
    await expect(usage(build, ['--lesson', 'nat', 'a', 'b'])).rejects.toThrow(new UsageError('one OUT_DIR expected, got 2'))
  })

  it('refuse to empty a folder that is not an earlier build', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvs-lab-out-'))
    writeFileSync(join(dir, 'thesis.tex'), 'years of work')
    try {
      await expect(buildLessonSite('nat', dir)).rejects.toThrow(`${dir} is not empty and holds no earlier build (no index.html): choose another directory`)
      expect(readdirSync(dir)).toEqual(['thesis.tex'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

it('a platform’s language tags map to the page’s locales', () => {
  expect(['zh-TW', 'zh-Hant-HK', 'zh-CN', 'zh', 'en-US', 'fr-FR', 'zhx'].map(localeOf)).toEqual(['zh-Hant', 'zh-Hant', 'zh-Hans', 'zh-Hans', 'en', null, null])
})
