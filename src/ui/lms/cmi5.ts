// cmi5 as an assignable unit speaks it (AICC/ADL cmi5, sections 8 to 10): the platform launches
// the page with endpoint, fetch, actor, registration and activityId in the query string; the AU
// POSTs to the fetch URL once for an authorization token, reads the LMS.LaunchData state document
// (context template, launch mode, mastery score) and the learner's language preference
// (cmi5LearnerPreferences in the agent profile), then sends xAPI statements to the LRS at the
// endpoint: initialized; completed once every check holds; passed (with the score) once the score
// reaches the mastery score (the platform's, from LaunchData, else every check: the package's
// masteryScore is 1); when the page goes, failed (with the score) if the learner worked at the
// lesson and is below it, then terminated. Only a "Normal" launch may complete, pass or fail;
// failed never follows passed (section 9.3).
//
// The learner's work is kept between attempts in a state document of the AU's own (the xAPI State
// API, stateId STATE_ID, beside the platform's LMS.LaunchData, for the same activity, agent and
// registration): the session as SCORM's cmi.suspend_data carries it, and whether completed and
// passed were sent, since the AU may send each only once per registration (9.3.3, 9.3.4). It is
// read at launch (the page resumes from it), written again whenever the session or the result
// changes (one request at a time, the latest contents winning) and once more as the page goes.

import type { LessonResult, Reporter } from './result.ts'

export interface Cmi5Launch {
  endpoint: string
  fetch: string
  actor: Record<string, unknown>
  registration: string
  activityId: string
}

const XAPI_VERSION = '1.0.3'
const VERBS = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
} as const
type VerbName = keyof typeof VERBS
const CATEGORY_CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5'
const CATEGORY_MOVEON = 'https://w3id.org/xapi/cmi5/context/categories/moveon'
const EXT_MASTERY = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore'
/** The AU's own state document (any id but the platform's LMS.LaunchData). */
export const STATE_ID = 'https://lvs-lab.invalid/xapi/state/suspend'
/** The version of the state document this page writes and reads. */
export const STATE_VERSION = 1

/** The AU's state document: what it kept of the learner's work and what it reported. */
export interface Cmi5State {
  version: number
  /** The lesson's session in a share link's form (session/link.ts), as SCORM's cmi.suspend_data carries it. */
  suspendData: string
  completed: boolean
  passed: boolean
}

/** A state document of this version, or null (none, damaged, or another version's: left as it is). */
export function readState(data: unknown): Cmi5State | null {
  if (typeof data !== 'object' || data === null) return null
  const d = data as Record<string, unknown>
  if (d.version !== STATE_VERSION || typeof d.suspendData !== 'string' || typeof d.completed !== 'boolean' || typeof d.passed !== 'boolean') return null
  return { version: STATE_VERSION, suspendData: d.suspendData, completed: d.completed, passed: d.passed }
}

/** The launch parameters, when the page was launched by a cmi5 platform (all five are required). */
export function cmi5Launch(search: string): Cmi5Launch | null {
  const q = new URLSearchParams(search)
  const [endpoint, fetchUrl, actor, registration, activityId] = ['endpoint', 'fetch', 'actor', 'registration', 'activityId'].map((k) => q.get(k))
  if (!endpoint || !fetchUrl || !actor || !registration || !activityId) return null
  try {
    const parsed: unknown = JSON.parse(actor)
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null
    return { endpoint: endpoint.endsWith('/') ? endpoint : `${endpoint}/`, fetch: fetchUrl, actor: parsed as Record<string, unknown>, registration, activityId }
  } catch {
    return null
  }
}

interface LaunchData {
  contextTemplate?: { contextActivities?: Record<string, unknown[]>; extensions?: Record<string, unknown> } & Record<string, unknown>
  launchMode?: string
  masteryScore?: number
}

/** ISO 8601 duration in seconds, as xAPI results carry it. */
export const duration = (ms: number): string => `PT${(Math.max(0, ms) / 1000).toFixed(2)}S`

type Fetch = (url: string, init: RequestInit) => Promise<Response>

export class Cmi5Reporter implements Reporter {
  readonly platform = 'cmi5'
  languages: string[] = []
  private token = ''
  private launchData: LaunchData = {}
  private completed = false
  private passed = false
  /** The best result reported, for a failed statement when the page goes. */
  private last: LessonResult | null = null
  private finished = false
  resumeData = ''
  /** What the state document should hold now. */
  private kept: Cmi5State = { version: STATE_VERSION, suspendData: '', completed: false, passed: false }
  /** The LRS does not have `kept` yet. */
  private unsent = false
  private writing: Promise<void> | null = null
  /** The LRS holds a state document this page cannot read (another version's): it is not written over. */
  private foreign = false

  constructor(
    private readonly launch: Cmi5Launch,
    private readonly http: Fetch,
    private readonly now: () => number,
    private readonly uuid: () => string,
    private readonly started = now(),
  ) {}

  async start(): Promise<void> {
    const answer = await this.http(this.launch.fetch, { method: 'POST' })
    const body = (await this.json(answer, 'fetch')) as { 'auth-token'?: string; 'error-code'?: string; 'error-text'?: string }
    if (!body['auth-token']) throw new Error(`fetch: ${body['error-code'] ?? ''} ${body['error-text'] ?? 'no auth-token'}`.trim())
    this.token = body['auth-token']
    this.launchData = (await this.json(await this.http(this.stateUrl('LMS.LaunchData'), { headers: this.headers() }), 'LMS.LaunchData')) as LaunchData
    await this.readOwnState()
    this.languages = await this.preferences()
    await this.send(this.statement('initialized'))
  }

  /** Keeps the learner's work with the platform (written now, or after the write in progress). */
  keep(data: string): 'ok' {
    if (!this.normal || this.finished || data === this.kept.suspendData) return 'ok'
    this.kept = { ...this.kept, suspendData: data }
    this.writeState()
    return 'ok'
  }

  /** Waits until the state document's writes under way are done (tests; the page never needs to). */
  async settled(): Promise<void> {
    while (this.writing) await this.writing
  }

  /** The resume data and the pass of an earlier attempt of this registration, from the AU's state document. */
  private async readOwnState(): Promise<void> {
    const answer = await this.http(this.stateUrl(STATE_ID), { headers: this.headers() })
    if (answer.status === 404) return
    if (!answer.ok) throw new Error(`${STATE_ID}: HTTP ${answer.status}`)
    let data: unknown = null
    try {
      data = await answer.json()
    } catch {
      // Not JSON: nothing this page wrote.
    }
    const state = readState(data)
    if (!state) {
      this.foreign = true
      return
    }
    this.kept = state
    this.resumeData = state.suspendData
    this.completed = state.completed
    this.passed = state.passed
  }

  /** A state document of this launch's activity, learner and registration. */
  private stateUrl(stateId: string): string {
    const q = new URLSearchParams({ stateId, activityId: this.launch.activityId, agent: JSON.stringify(this.launch.actor), registration: this.launch.registration })
    return `${this.launch.endpoint}activities/state?${q}`
  }

  /**
   * PUTs the state document. A change while a write is under way is written once it is done; a
   * failed write is tried again at the next change. As the page goes (`keepalive`), what is not
   * written yet goes at once, without waiting for an answer.
   */
  private writeState(keepalive = false): void {
    if (this.foreign || !this.normal) return
    this.unsent = true
    if (this.writing && !keepalive) return
    this.unsent = false
    const put = this.http(this.stateUrl(STATE_ID), { method: 'PUT', keepalive, headers: { ...this.headers(), 'Content-Type': 'application/json' }, body: JSON.stringify(this.kept) }).then((answer) => {
      if (!answer.ok) throw new Error(`${STATE_ID}: HTTP ${answer.status}`)
    })
    if (keepalive) return void put.catch(() => {})
    this.writing = put.then(
      () => {
        this.writing = null
        if (this.unsent && !this.finished) this.writeState()
      },
      () => {
        // Tried again at the next change, or as the page goes; not at once, not in a loop.
        this.writing = null
        this.unsent = true
      },
    )
  }

  async report(r: LessonResult): Promise<void> {
    if (!this.normal) return
    this.last = r
    const time = duration(this.now() - this.started)
    if (r.passed && !this.completed) {
      this.completed = true
      await this.send(this.statement('completed', { completion: true, duration: time }))
      this.kept = { ...this.kept, completed: true }
      this.writeState()
    }
    if (!this.passed && this.masters(r)) {
      this.passed = true
      await this.send(this.statement('passed', { success: true, score: scoreOf(r), duration: time }))
      this.kept = { ...this.kept, passed: true }
      this.writeState()
    }
  }

  /** Says failed (an attempt below the mastery score) and terminated in one request the page need not wait for. */
  finish(): void {
    if (this.finished || !this.token) return
    this.finished = true
    const time = duration(this.now() - this.started)
    const last = this.last
    const failed = this.normal && !this.passed && last?.attempted ? [this.statement('failed', { success: false, score: scoreOf(last), duration: time })] : []
    if (this.unsent || this.writing) this.writeState(true)
    void this.send([...failed, this.statement('terminated', { duration: time })], true).catch(() => {})
  }

  private get normal(): boolean {
    return (this.launchData.launchMode ?? 'Normal') === 'Normal'
  }

  /** The pass: the score at or above the platform's mastery score, or every check without one. */
  private masters(r: LessonResult): boolean {
    const mastery = this.launchData.masteryScore
    return typeof mastery === 'number' ? r.score / 100 >= mastery : r.passed
  }

  /** A cmi5-defined statement: the launch's context template, the cmi5 category, and moveOn's for a completion or a pass. */
  statement(verb: VerbName, result?: Record<string, unknown>): Record<string, unknown> {
    const template = this.launchData.contextTemplate ?? {}
    const moveOn = verb === 'completed' || verb === 'passed'
    const category = [...(template.contextActivities?.category ?? []), { id: CATEGORY_CMI5 }, ...(moveOn ? [{ id: CATEGORY_MOVEON }] : [])]
    const mastery = (verb === 'passed' || verb === 'failed') && this.launchData.masteryScore !== undefined ? { [EXT_MASTERY]: this.launchData.masteryScore } : {}
    return {
      id: this.uuid(),
      actor: this.launch.actor,
      verb: { id: VERBS[verb], display: { 'en-US': verb } },
      object: { id: this.launch.activityId, objectType: 'Activity' },
      ...(result ? { result } : {}),
      context: { ...template, registration: this.launch.registration, contextActivities: { ...template.contextActivities, category }, extensions: { ...template.extensions, ...mastery } },
      timestamp: new Date(this.now()).toISOString(),
    }
  }

  /** cmi5LearnerPreferences from the agent profile: its languagePreference, when the platform keeps one. */
  private async preferences(): Promise<string[]> {
    const q = new URLSearchParams({ profileId: 'cmi5LearnerPreferences', agent: JSON.stringify(this.launch.actor) })
    try {
      const answer = await this.http(`${this.launch.endpoint}agents/profile?${q}`, { headers: this.headers() })
      if (!answer.ok) return []
      const prefs = (await answer.json()) as { languagePreference?: unknown }
      return typeof prefs.languagePreference === 'string' ? prefs.languagePreference.split(',').map((l) => l.trim()).filter(Boolean) : []
    } catch {
      return []
    }
  }

  private headers(): Record<string, string> {
    return { Authorization: `Basic ${this.token}`, 'X-Experience-API-Version': XAPI_VERSION }
  }

  /** POSTs one statement, or several in order (xAPI takes an array). */
  private async send(statement: Record<string, unknown> | Record<string, unknown>[], keepalive = false): Promise<void> {
    const answer = await this.http(`${this.launch.endpoint}statements`, { method: 'POST', keepalive, headers: { ...this.headers(), 'Content-Type': 'application/json' }, body: JSON.stringify(statement) })
    const verbs = (Array.isArray(statement) ? statement : [statement]).map((s) => (s.verb as { display: { 'en-US': string } }).display['en-US'])
    if (!answer.ok) throw new Error(`statement ${verbs.join(', ')}: HTTP ${answer.status}`)
  }

  private async json(answer: Response, what: string): Promise<unknown> {
    if (!answer.ok) throw new Error(`${what}: HTTP ${answer.status}`)
    return answer.json()
  }
}

const scoreOf = (r: LessonResult) => ({ scaled: r.score / 100, raw: r.score, min: 0, max: 100 })
