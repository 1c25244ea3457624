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
    const q = new URLSearchParams({ stateId: 'LMS.LaunchData', activityId: this.launch.activityId, agent: JSON.stringify(this.launch.actor), registration: this.launch.registration })
    this.launchData = (await this.json(await this.http(`${this.launch.endpoint}activities/state?${q}`, { headers: this.headers() }), 'LMS.LaunchData')) as LaunchData
    this.languages = await this.preferences()
    await this.send(this.statement('initialized'))
  }

  async report(r: LessonResult): Promise<void> {
    if (!this.normal) return
    this.last = r
    const time = duration(this.now() - this.started)
    if (r.passed && !this.completed) {
      this.completed = true
      await this.send(this.statement('completed', { completion: true, duration: time }))
    }
    if (!this.passed && this.masters(r)) {
      this.passed = true
      await this.send(this.statement('passed', { success: true, score: scoreOf(r), duration: time }))
    }
  }

  /** Says failed (an attempt below the mastery score) and terminated in one request the page need not wait for. */
  finish(): void {
    if (this.finished || !this.token) return
    this.finished = true
    const time = duration(this.now() - this.started)
    const last = this.last
    const failed = this.normal && !this.passed && last?.attempted ? [this.statement('failed', { success: false, score: scoreOf(last), duration: time })] : []
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
