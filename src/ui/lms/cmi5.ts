// cmi5 as an assignable unit speaks it (AICC/ADL cmi5, sections 8 to 10): the platform launches
// the page with endpoint, fetch, actor, registration and activityId in the query string; the AU
// POSTs to the fetch URL once for an authorization token, reads the LMS.LaunchData state document
// (context template, launch mode, mastery score) and the learner's language preference
// (cmi5LearnerPreferences in the agent profile), then sends xAPI statements to the LRS at the
// endpoint: initialized, completed and passed (with the score) once every check holds, and
// terminated when the page goes. Only a "Normal" launch may complete or pass.

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
  private done = false
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
    if (!r.passed || this.done || (this.launchData.launchMode ?? 'Normal') !== 'Normal') return
    this.done = true
    const time = duration(this.now() - this.started)
    const score = { scaled: r.score / 100, raw: r.score, min: 0, max: 100 }
    await this.send(this.statement('completed', { completion: true, duration: time }))
    await this.send(this.statement('passed', { success: true, score, duration: time }))
  }

  finish(): void {
    if (this.finished || !this.token) return
    this.finished = true
    void this.send(this.statement('terminated', { duration: duration(this.now() - this.started) }), true).catch(() => {})
  }

  /** A cmi5-defined statement: the launch's context template, the cmi5 category, and moveOn's for a completion or a pass. */
  statement(verb: VerbName, result?: Record<string, unknown>): Record<string, unknown> {
    const template = this.launchData.contextTemplate ?? {}
    const moveOn = verb === 'completed' || verb === 'passed'
    const category = [...(template.contextActivities?.category ?? []), { id: CATEGORY_CMI5 }, ...(moveOn ? [{ id: CATEGORY_MOVEON }] : [])]
    const mastery = verb === 'passed' && this.launchData.masteryScore !== undefined ? { [EXT_MASTERY]: this.launchData.masteryScore } : {}
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

  private async send(statement: Record<string, unknown>, keepalive = false): Promise<void> {
    const answer = await this.http(`${this.launch.endpoint}statements`, { method: 'POST', keepalive, headers: { ...this.headers(), 'Content-Type': 'application/json' }, body: JSON.stringify(statement) })
    if (!answer.ok) throw new Error(`statement ${(statement.verb as { display: { 'en-US': string } }).display['en-US']}: HTTP ${answer.status}`)
  }

  private async json(answer: Response, what: string): Promise<unknown> {
    if (!answer.ok) throw new Error(`${what}: HTTP ${answer.status}`)
    return answer.json()
  }
}
