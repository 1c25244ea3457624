// The NAT lesson as a course platform runs it: `lvs-lab package` builds both packages, each is
// unzipped and served beside a stub platform (a SCORM 1.2 page whose window.API records every call
// around the SCO's frame; a cmi5 launch with a fetch URL, the learner's language preference and an
// LRS that records statements), the lesson's solution runs through window.lvsLab, and the platform
// must hear a pass with a score.
// The manifests are read by the browser's XML parser and checked against the zip's files.

import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { inflateRawSync } from 'node:zlib'
import { solutionCommands } from './solution.ts'
import { expect, test, type Frame, type Page } from '@playwright/test'

test.describe.configure({ mode: 'serial' })

interface Automation {
  run(host: string, command: string): Promise<{ stdout: string; exitCode: number }>
  progress(): { lesson: string | null; complete: boolean }
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml' }

/** The SCORM platform's page: an API that records each call, and the SCO in a frame below it. */
const SCORM_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stub LMS</title><script src="/lms/api.js"></script></head>
<body style="margin:0"><iframe id="sco" title="lesson" src="/scorm/index.html" style="border:0;width:100vw;height:100vh"></iframe></body></html>`
const SCORM_API = `window.calls = [];
const values = { 'cmi.core.lesson_status': 'not attempted' };
const call = (name, fn) => (...args) => { window.calls.push([name, ...args]); return fn(...args) };
window.API = {
  LMSInitialize: call('LMSInitialize', () => 'true'),
  LMSFinish: call('LMSFinish', () => 'true'),
  LMSGetValue: call('LMSGetValue', (k) => values[k] ?? ''),
  LMSSetValue: call('LMSSetValue', (k, v) => { values[k] = v; return 'true' }),
  LMSCommit: call('LMSCommit', () => 'true'),
  LMSGetLastError: () => '0',
  LMSGetErrorString: () => '',
};`

const TOKEN = 'bHZzLWxhYjpzdHVi'
const ACTOR = { objectType: 'Agent', account: { homePage: 'https://lms.example', name: 'learner-1' } }

let server: Server
let base = ''
let dir = ''
const zips: Record<'scorm' | 'cmi5', Record<string, Uint8Array>> = { scorm: {}, cmi5: {} }
const statements: { auth: string | undefined; body: Record<string, unknown> }[] = []
let fetches = 0
const fetched = new Set<string>()
/** The LRS's State resource: the AU's own documents, by stateId, activity, agent and registration. */
const states = new Map<string, string>()
const stateKey = (q: URLSearchParams) => ['stateId', 'activityId', 'agent', 'registration'].map((k) => q.get(k)).join(' ')

test.beforeAll(async () => {
  test.setTimeout(240_000)
  dir = mkdtempSync(join(tmpdir(), 'lvs-lab-lms-'))
  execFileSync(process.execPath, ['bin/lvs-lab.mjs', 'package', '--lesson', 'nat', '--scorm12', join(dir, 'scorm.zip'), '--cmi5', join(dir, 'cmi5.zip')], { stdio: 'pipe' })
  zips.scorm = unzipSync(readFileSync(join(dir, 'scorm.zip')))
  zips.cmi5 = unzipSync(readFileSync(join(dir, 'cmi5.zip')))
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub')
    const send = (status: number, type: string, body: string | Uint8Array) => {
      res.writeHead(status, { 'Content-Type': type })
      res.end(body)
    }
    const [, top, ...rest] = url.pathname.split('/')
    if (top === 'scorm' || top === 'cmi5') {
      const file = zips[top][rest.join('/') || 'index.html']
      return file ? send(200, TYPES[extname(url.pathname)] ?? 'application/octet-stream', file) : send(404, 'text/plain', 'not in the package')
    }
    if (url.pathname === '/lms/scorm.html') return send(200, 'text/html', SCORM_PAGE)
    if (url.pathname === '/lms/api.js') return send(200, 'text/javascript', SCORM_API)
    if (url.pathname === '/lms/fetch' && req.method === 'POST') {
      // Each launch has its own fetch URL (launch=N), good for one token.
      fetches++
      const first = !fetched.has(url.search)
      fetched.add(url.search)
      return send(200, 'application/json', JSON.stringify(first ? { 'auth-token': TOKEN } : { 'error-code': '1', 'error-text': 'already fetched' }))
    }
    if (url.pathname === '/lrs/activities/state' && req.headers.authorization !== `Basic ${TOKEN}`) return send(403, 'text/plain', 'no')
    if (url.pathname === '/lrs/activities/state' && req.method === 'GET' && url.searchParams.get('stateId') === 'LMS.LaunchData') {
      return send(200, 'application/json', JSON.stringify({ contextTemplate: { contextActivities: { grouping: [{ id: 'urn:stub:course' }] }, extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 'session-1' } }, launchMode: 'Normal', moveOn: 'CompletedAndPassed', masteryScore: 1 }))
    }
    if (url.pathname === '/lrs/activities/state' && req.method === 'GET') {
      const doc = states.get(stateKey(url.searchParams))
      return doc === undefined ? send(404, 'text/plain', 'no such document') : send(200, 'application/json', doc)
    }
    if (url.pathname === '/lrs/activities/state' && req.method === 'PUT' && url.searchParams.get('stateId') !== 'LMS.LaunchData') {
      let body = ''
      req.on('data', (c: Buffer) => (body += c))
      req.on('end', () => {
        states.set(stateKey(url.searchParams), body)
        res.writeHead(204)
        res.end()
      })
      return
    }
    if (url.pathname === '/lrs/agents/profile' && req.method === 'GET') {
      if (req.headers.authorization !== `Basic ${TOKEN}` || url.searchParams.get('profileId') !== 'cmi5LearnerPreferences') return send(403, 'text/plain', 'no')
      return send(200, 'application/json', JSON.stringify({ languagePreference: 'zh-TW,en-US', audioPreference: 'on' }))
    }
    if (url.pathname === '/lrs/statements' && req.method === 'POST') {
      let body = ''
      req.on('data', (c: Buffer) => (body += c))
      req.on('end', () => {
        const parsed: unknown = JSON.parse(body)
        for (const one of Array.isArray(parsed) ? parsed : [parsed]) statements.push({ auth: req.headers.authorization, body: one as Record<string, unknown> })
        send(200, 'application/json', '["ok"]')
      })
      return
    }
    send(404, 'text/plain', 'no such page')
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

test.afterAll(async () => {
  await new Promise((done) => server?.close(done))
  if (dir) rmSync(dir, { recursive: true, force: true })
})

async function runSolution(frame: Frame | Page): Promise<void> {
  await expect.poll(() => frame.evaluate(() => (window as unknown as { lvsLab?: Automation }).lvsLab?.progress().lesson ?? null), { timeout: 30_000 }).toBe('nat')
  for (const s of solutionCommands('lessons/nat/solution.script')) await frame.evaluate(([h, c]) => (window as unknown as { lvsLab: Automation }).lvsLab.run(h, c), [s.host, s.command])
  await expect.poll(() => frame.evaluate(() => (window as unknown as { lvsLab: Automation }).lvsLab.progress().complete), { timeout: 60_000 }).toBe(true)
}

test('the manifests parse as XML and name exactly the files in their zip', async ({ page }) => {
  await page.goto(`${base}/lms/scorm.html`)
  const scorm = await page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml')
    if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror')!.textContent }
    const CP = 'http://www.imsproject.org/xsd/imscp_rootv1p1p2'
    const ADL = 'http://www.adlnet.org/xsd/adlcp_rootv1p2'
    const el = (parent: Element | Document, name: string) => [...parent.getElementsByTagNameNS(CP, name)]
    const root = doc.documentElement
    const orgs = el(doc, 'organizations')[0]
    const org = el(orgs, 'organization')
    const items = el(org[0], 'item')
    const resources = el(doc, 'resource')
    return {
      root: [root.namespaceURI, root.localName, !!root.getAttribute('identifier')],
      schema: [el(doc, 'schema')[0]?.textContent, el(doc, 'schemaversion')[0]?.textContent],
      defaultOrg: orgs.getAttribute('default') === org[0].getAttribute('identifier'),
      orgs: org.length,
      items: items.map((i) => [i.getAttribute('identifierref') === resources[0].getAttribute('identifier'), el(i, 'title')[0]?.textContent]),
      resources: resources.map((r) => [r.getAttribute('type'), r.getAttributeNS(ADL, 'scormtype'), r.getAttribute('href')]),
      files: el(resources[0], 'file').map((f) => f.getAttribute('href')),
    }
  }, strFromU8(zips.scorm['imsmanifest.xml']))
  const inZip = (zip: Record<string, Uint8Array>, manifest: string) => Object.keys(zip).filter((f) => f !== manifest).sort()
  expect(scorm).toEqual({
    root: ['http://www.imsproject.org/xsd/imscp_rootv1p1p2', 'manifest', true],
    schema: ['ADL SCORM', '1.2'],
    defaultOrg: true,
    orgs: 1,
    items: [[true, 'LVS-NAT']],
    resources: [['webcontent', 'sco', 'index.html']],
    files: inZip(zips.scorm, 'imsmanifest.xml'),
  })
  expect(zips.scorm['index.html']).toBeDefined()

  const cmi5 = await page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml')
    if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror')!.textContent }
    const NS = 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd'
    const el = (parent: Element | Document, name: string) => [...parent.getElementsByTagNameNS(NS, name)]
    const course = el(doc, 'course')[0]
    const aus = el(doc, 'au')
    const au = aus[0]
    return {
      root: [doc.documentElement.namespaceURI, doc.documentElement.localName],
      course: [/^[a-z][\w+.-]*:/.test(course.getAttribute('id') ?? ''), el(course, 'title')[0].children.length, el(course, 'description')[0].children.length],
      aus: aus.length,
      au: [/^[a-z][\w+.-]*:/.test(au.getAttribute('id') ?? ''), au.getAttribute('moveOn'), Number(au.getAttribute('masteryScore')), au.getAttribute('launchMethod')],
      children: [...au.children].map((c) => c.localName),
      langs: [...el(au, 'title')[0].children].map((l) => l.getAttribute('lang')),
      url: el(au, 'url')[0].textContent,
    }
  }, strFromU8(zips.cmi5['cmi5.xml']))
  expect(cmi5).toEqual({
    root: ['https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd', 'courseStructure'],
    course: [true, 3, 3],
    aus: 1,
    au: [true, 'CompletedAndPassed', 1, 'AnyWindow'],
    children: ['title', 'description', 'url'],
    langs: ['en', 'zh-Hans', 'zh-Hant'],
    url: 'index.html',
  })
  expect(zips.cmi5[cmi5.url as string]).toBeDefined()
  expect(inZip(zips.cmi5, 'cmi5.xml')).toEqual(inZip(zips.scorm, 'imsmanifest.xml'))
})

test('SCORM 1.2: the packaged lesson in a stub LMS frame reports passed with a score of 100', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${base}/lms/scorm.html`)
  const sco = page.frame({ url: /\/scorm\/index\.html/ })!
  await runSolution(sco)
  const calls = () => page.evaluate(() => (window as unknown as { calls: string[][] }).calls)
  await expect.poll(async () => (await calls()).filter((c) => c[0] === 'LMSSetValue' && c[1] === 'cmi.core.lesson_status').map((c) => c[2])).toEqual(['incomplete', 'passed'])
  const all = await calls()
  expect(all.slice(0, 4)).toEqual([['LMSInitialize', ''], ['LMSGetValue', 'cmi.student_preference.language'], ['LMSGetValue', 'cmi.core.lesson_mode'], ['LMSGetValue', 'cmi.core.lesson_status']])
  expect(all.filter((c) => c[1]?.startsWith('cmi.core.score.')).at(-1)).toEqual(['LMSSetValue', 'cmi.core.score.raw', '100'])
  expect(all.filter((c) => c[1] === 'cmi.core.score.min' || c[1] === 'cmi.core.score.max')).toEqual([['LMSSetValue', 'cmi.core.score.min', '0'], ['LMSSetValue', 'cmi.core.score.max', '100']])
  expect(all.at(-1)).toEqual(['LMSCommit', ''])
  await expect(sco.locator('.lms')).toHaveText('Reported to your course: passed, score 100 of 100.')
  mkdirSync('artifacts', { recursive: true })
  await page.screenshot({ path: 'artifacts/lms-scorm.png' })
  // The platform closes the lesson: the SCO's page goes and says goodbye.
  await page.evaluate(() => document.getElementById('sco')!.remove())
  await expect.poll(async () => (await calls()).slice(-4).map((c) => c.slice(0, 2).join(' '))).toEqual(['LMSSetValue cmi.core.session_time', 'LMSSetValue cmi.core.exit', 'LMSCommit ', 'LMSFinish '])
  expect((await calls()).find((c) => c[1] === 'cmi.core.session_time')![2]).toMatch(/^\d{2,4}:\d{2}:\d{2}\.\d{2}$/)
  expect(errors).toEqual([])
})

test('SCORM 1.2: a half-done lesson is kept in cmi.suspend_data and comes back when the platform resumes it in another browser', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${base}/lms/scorm.html`)
  const sco = () => page.frame({ url: /\/scorm\/index\.html/ })!
  // The frame comes and goes with the attempt: no frame, or no page in it yet, reads as nothing.
  const lvs = () => page.frame({ url: /\/scorm\/index\.html/ })?.evaluate(() => (window as unknown as { lvsLab?: { terminal(h: string): string } }).lvsLab?.terminal('lvs') ?? '').catch(() => '') ?? ''
  await expect.poll(() => sco().evaluate(() => (window as unknown as { lvsLab?: Automation }).lvsLab?.progress().lesson ?? null), { timeout: 30_000 }).toBe('nat')
  await sco().locator('.term[data-host="lvs"] .xterm-helper-textarea').focus()
  await page.keyboard.type('echo kept-by-the-$((2*2))-lms')
  await page.keyboard.press('Enter')
  await expect.poll(lvs).toMatch(/\nkept-by-the-4-lms\n/)
  const kept = () => page.evaluate(() => (window as unknown as { calls: string[][] }).calls.filter((c) => c[0] === 'LMSSetValue' && c[1] === 'cmi.suspend_data').map((c) => c[2]))
  // What the platform holds: a share link's form (src/ui/session/link.ts), its keys read back here.
  const typed = (data: string) => {
    const m = /^#share=1\.([\w-]+)$/.exec(data)
    if (!m) return ''
    const json = JSON.parse(inflateRawSync(Buffer.from(m[1], 'base64url')).toString('utf8')) as { lesson?: string; keys: [number, number, string][] }
    return `${json.lesson}: ${json.keys.map((k) => k[2]).join('')}`
  }
  await expect.poll(async () => typed((await kept()).at(-1) ?? ''), { timeout: 10_000 }).toBe('nat: echo kept-by-the-$((2*2))-lms\r')
  expect((await kept()).at(-1)!.length).toBeLessThanOrEqual(4096)
  // The platform closes the attempt; the learner comes back on another machine (nothing in this browser's storage).
  await page.evaluate(() => document.getElementById('sco')!.remove())
  await page.evaluate(() => localStorage.clear())
  await page.evaluate(() => {
    const f = document.createElement('iframe')
    f.id = 'sco'
    f.title = 'lesson'
    f.src = '/scorm/index.html'
    f.style.cssText = 'border:0;width:100vw;height:100vh'
    document.body.append(f)
  })
  await expect.poll(lvs, { timeout: 30_000 }).toMatch(/echo kept-by-the-\$\(\(2\*2\)\)-lms\nkept-by-the-4-lms\n/)
  const calls = await page.evaluate(() => (window as unknown as { calls: string[][] }).calls)
  expect(calls.filter((c) => c[0] === 'LMSGetValue' && c[1] === 'cmi.suspend_data').length).toBe(2)
  expect(errors).toEqual([])
})

test('cmi5: the launched AU reports initialized, completed and passed with the score, in the learner’s language, then terminated', async ({ page }) => {
  const q = new URLSearchParams({ endpoint: `${base}/lrs/`, fetch: `${base}/lms/fetch?launch=1`, actor: JSON.stringify(ACTOR), registration: '6f1b3a5e-0000-4000-8000-000000000001', activityId: 'urn:lvs-lab:lesson:nat:au' })
  await page.goto(`${base}/cmi5/index.html?${q}`)
  await runSolution(page)
  const verbs = () => statements.map((s) => (s.body.verb as { id: string }).id.replace('http://adlnet.gov/expapi/verbs/', ''))
  await expect.poll(verbs).toEqual(['initialized', 'completed', 'passed'])
  expect(fetches).toBe(1)
  expect(statements.every((s) => s.auth === `Basic ${TOKEN}`)).toBe(true)
  const passed = statements[2].body as { actor: unknown; object: unknown; result: unknown; context: { registration: string; contextActivities: { category: { id: string }[]; grouping: unknown } } }
  expect(passed.actor).toEqual(ACTOR)
  expect(passed.object).toEqual({ id: 'urn:lvs-lab:lesson:nat:au', objectType: 'Activity' })
  expect(passed.result).toMatchObject({ success: true, score: { scaled: 1, raw: 100, min: 0, max: 100 } })
  expect(passed.context.registration).toBe('6f1b3a5e-0000-4000-8000-000000000001')
  expect(passed.context.contextActivities.grouping).toEqual([{ id: 'urn:stub:course' }])
  expect(passed.context.contextActivities.category.map((c) => c.id)).toEqual(['https://w3id.org/xapi/cmi5/context/categories/cmi5', 'https://w3id.org/xapi/cmi5/context/categories/moveon'])
  // The learner's language preference in the platform (zh-TW) is the page's.
  await expect(page.locator('.lms')).toHaveText('已回報給課程平台：通過，得分 100/100。')
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hant')
  await page.goto('about:blank')
  await expect.poll(verbs).toEqual(['initialized', 'completed', 'passed', 'terminated'])
})

test('cmi5: a first attempt left half done is kept in the AU’s state document; the relaunch on another machine resumes it, finishes, and passes', async ({ page, browser }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  const registration = '6f1b3a5e-0000-4000-8000-000000000002'
  const launch = (n: number) => `${base}/cmi5/index.html?${new URLSearchParams({ endpoint: `${base}/lrs/`, fetch: `${base}/lms/fetch?launch=two-${n}`, actor: JSON.stringify(ACTOR), registration, activityId: 'urn:lvs-lab:lesson:nat:au' })}`
  const from = statements.length
  const verbs = () => statements.slice(from).map((s) => (s.body.verb as { id: string }).id.replace('http://adlnet.gov/expapi/verbs/', ''))
  const lvs = (p: Page) => p.evaluate(() => (window as unknown as { lvsLab?: { terminal(h: string): string } }).lvsLab?.terminal('lvs') ?? '')
  const director = solutionCommands('lessons/nat/solution.script').filter((c) => c.host === 'lvs')
  await page.goto(launch(1))
  await expect.poll(() => page.evaluate(() => (window as unknown as { lvsLab?: Automation }).lvsLab?.progress().lesson ?? null), { timeout: 30_000 }).toBe('nat')
  // The first half, typed: the director's part of the solution.
  await page.locator('.term[data-host="lvs"] .xterm-helper-textarea').focus()
  for (const c of director) {
    await page.keyboard.type(c.command)
    await page.keyboard.press('Enter')
    await expect.poll(() => lvs(page), { timeout: 20_000 }).toMatch(new RegExp(`${c.command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n(.*\n)*\\[root@lvs ~\\]# ?$`))
  }
  const doc = () => [...states.entries()].filter(([k]) => k.includes(registration)).map(([, v]) => JSON.parse(v) as { version: number; suspendData: string; completed: boolean; passed: boolean })[0]
  const typed = (data: string) => {
    const m = /^#share=1\.([\w-]+)$/.exec(data)
    return m ? (JSON.parse(inflateRawSync(Buffer.from(m[1], 'base64url')).toString('utf8')) as { keys: [number, number, string][] }).keys.map((k) => k[2]).join('') : ''
  }
  const last = director.at(-1)!.command
  await expect.poll(() => typed(doc()?.suspendData ?? ''), { timeout: 10_000 }).toContain(`${last}\r`)
  expect(doc()).toMatchObject({ version: 1, completed: false, passed: false })
  // The learner closes the lesson: below the mastery score, so failed, then terminated.
  await page.goto('about:blank')
  await expect.poll(verbs).toEqual(['initialized', 'failed', 'terminated'])
  // The platform relaunches the registration on another machine: nothing in its browser's storage.
  const other = await browser.newContext()
  const again = await other.newPage()
  again.on('pageerror', (e) => errors.push(e.message))
  await again.goto(launch(2))
  await expect.poll(() => lvs(again), { timeout: 30_000 }).toContain(`[root@lvs ~]# ${last}\n`)
  for (const c of solutionCommands('lessons/nat/solution.script').filter((c) => c.host !== 'lvs')) await again.evaluate(([h, c]) => (window as unknown as { lvsLab: Automation }).lvsLab.run(h, c), [c.host, c.command])
  await expect.poll(() => again.evaluate(() => (window as unknown as { lvsLab: Automation }).lvsLab.progress().complete), { timeout: 60_000 }).toBe(true)
  await expect.poll(verbs).toEqual(['initialized', 'failed', 'terminated', 'initialized', 'completed', 'passed'])
  const passed = statements.at(-1)!.body as { result: unknown; context: { registration: string } }
  expect(passed.result).toMatchObject({ success: true, score: { scaled: 1, raw: 100, min: 0, max: 100 } })
  expect(passed.context.registration).toBe(registration)
  await expect.poll(doc).toMatchObject({ version: 1, completed: true, passed: true })
  await again.goto('about:blank')
  await expect.poll(verbs).toEqual(['initialized', 'failed', 'terminated', 'initialized', 'completed', 'passed', 'terminated'])
  await other.close()
  expect(errors).toEqual([])
})
