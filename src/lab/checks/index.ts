// Evaluating a lesson's checks (lessons/FORMAT.md). State predicates read the learner's lab as it
// stands; probes and after-reboot checks run on copies of it (world.ts), each probe on its own
// copy so one probe's connections and templates cannot change another's answer. A step's probes
// and after-reboot checks wait until its plain state checks hold, unless every check is asked for
// (the Check button, the grader). A literal registry maps each kind to its predicate. A predict
// check is graded when the learner answers (predict/), on the world of that moment; its result
// comes in with the options.

import type { Host } from '../../host/host.ts'
import type { CheckResult } from '../lessons/contract.ts'
import type { Lab } from '../lab.ts'
import type { Check, KindArgs, Lesson } from '../lessons/types.ts'
import { arptablesCheck, firewalldCheck, iptablesCheck } from './firewall.ts'
import { destCheck, serviceCheck } from './ipvs.ts'
import { addressCheck, routeCheck } from './network.ts'
import { evaluatePrediction, gradePrediction, type Answers, type Capture, type PredictOutcome } from './predict/index.ts'
import { evaluateProbe } from './probe.ts'
import { fileCheck, moduleCheck, packageCheck, sysctlCheck, unitCheck } from './system.ts'
import { say, type Outcome } from './text.ts'
import { rebootedCopy, type World } from './world.ts'

type StateKind = Exclude<Check['kind'], 'probe' | 'predict'>
type PredictCheck = Extract<Check, { kind: 'predict' }>

export const STATE_CHECKS: { [K in StateKind]: (host: Host, args: KindArgs[K]) => Outcome } = {
  service: serviceCheck,
  dest: destCheck,
  sysctl: sysctlCheck,
  file: fileCheck,
  unit: unitCheck,
  package: packageCheck,
  address: addressCheck,
  route: routeCheck,
  module: moduleCheck,
  firewalld: firewalldCheck,
  iptables: iptablesCheck,
  arptables: arptablesCheck,
}

/** A check that could not be evaluated: it fails, saying why, and the engine goes on. */
function failedToRun(id: string, found: Outcome['found']): Outcome {
  return { passed: false, expected: say({ en: 'check {id} evaluates', 'zh-Hans': '检查 {id} 可以执行', 'zh-Hant': '檢查 {id} 可以執行' }, { id }), found }
}

/** Does the check need a copy of the world (a probe, or anything after a reboot)? */
export const needsCopy = (c: Check) => c.kind === 'probe' || c.afterReboot

/** One check on `lab` (for a probe, `lab` must be a copy: the probe sends traffic through it). */
export function evaluateCheck(c: Check, lab: Lab): Outcome {
  try {
    if (c.kind === 'probe') return evaluateProbe(lab, c.args)
    if (c.kind === 'predict') return { passed: false, expected: say({ en: 'an answer to {id}', 'zh-Hans': '对 {id} 的回答', 'zh-Hant': '對 {id} 的回答' }, { id: c.id }), found: NO_ANSWER }
    const host = lab.host(c.args.host)
    if (!host) return { passed: false, expected: say({ en: 'a host {host}', 'zh-Hans': '主机 {host}', 'zh-Hant': '主機 {host}' }, { host: c.args.host }), found: say({ en: 'no host {host} in this lab', 'zh-Hans': '本实验没有主机 {host}', 'zh-Hant': '本實驗沒有主機 {host}' }, { host: c.args.host }) }
    return (STATE_CHECKS[c.kind] as (h: Host, a: unknown) => Outcome)(host, c.args)
  } catch (e) {
    // A check must never take the engine down; say what went wrong instead.
    const msg = e instanceof Error ? e.message : String(e)
    return failedToRun(c.id, say({ en: 'the check failed to run: {msg}', 'zh-Hans': '检查执行失败：{msg}', 'zh-Hant': '檢查執行失敗：{msg}' }, { msg }))
  }
}

const NO_ANSWER = { en: 'no answer was given', 'zh-Hans': '没有作答', 'zh-Hant': '沒有作答' }

const REBOOT_NOTE = { en: ' (after a reboot)', 'zh-Hans': '（重新开机后）', 'zh-Hant': '（重新開機後）' }

function result(c: Check, o: Outcome): CheckResult {
  const expected = c.afterReboot ? say({ en: '{e}{r}', 'zh-Hans': '{e}{r}', 'zh-Hant': '{e}{r}' }, { e: o.expected, r: REBOOT_NOTE }) : o.expected
  return { id: c.id, step: c.step, kind: c.kind, passed: o.passed, expected, found: o.found }
}

/** A check not evaluated yet: what it will look for, nothing found. */
export function pending(c: Check): CheckResult {
  const empty = { en: '', 'zh-Hans': '', 'zh-Hant': '' }
  return { id: c.id, step: c.step, kind: c.kind, passed: null, expected: empty, found: empty }
}

/** A check on a copy of the world; a copy that cannot be built fails the check, never the engine. */
function onCopy(c: Check, copy: () => Lab): Outcome {
  let lab: Lab
  try {
    lab = copy()
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    return failedToRun(c.id, say({ en: 'the copy of the lab could not be built: {msg}', 'zh-Hans': '无法建立实验的副本：{msg}', 'zh-Hant': '無法建立實驗的副本：{msg}' }, { msg }))
  }
  return evaluateCheck(c, lab)
}

export interface EvaluateOptions {
  /** Evaluate probes and after-reboot checks even where the step's state checks do not hold. */
  all: boolean
  /** Results of checks that need a copy, computed earlier (the worker's cache); new ones are added. */
  cached?: Map<string, CheckResult>
  /** The results of the predict checks the learner answered (predictResult). */
  predicted?: ReadonlyMap<string, CheckResult>
  /** Grading: a predict check nobody answered fails, where the page waits for the answer. */
  grading?: boolean
  /** May the cached results be reused: has the world not changed since? (default: yes) */
  reuse?: boolean
}

/**
 * A predict check graded on `lab`, a copy of the world at the moment its question was asked;
 * `attempts` is how many answers the learner gave (the last counts); `captured`: the held packet,
 * when the question was already asked on `lab`.
 */
export function predictResult(c: PredictCheck, lab: Lab, answers: Answers, attempts: number, captured?: Capture): { result: CheckResult; outcome: PredictOutcome } {
  let outcome: PredictOutcome
  try {
    outcome = captured ? gradePrediction(c.args, captured, answers, lab) : evaluatePrediction(lab, c.args, answers)
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    outcome = { ...failedToRun(c.id, say({ en: 'the check failed to run: {msg}', 'zh-Hans': '检查执行失败：{msg}', 'zh-Hant': '檢查執行失敗：{msg}' }, { msg })), fields: [] }
  }
  const found = attempts > 1 ? say({ en: '{f} (attempt {n})', 'zh-Hans': '{f}（第 {n} 次作答）', 'zh-Hant': '{f}（第 {n} 次作答）' }, { f: outcome.found, n: attempts }) : outcome.found
  return { result: { id: c.id, step: c.step, kind: c.kind, passed: outcome.passed, expected: outcome.expected, found }, outcome }
}

export interface StepResult {
  id: string
  done: boolean
  checks: CheckResult[]
}

export function evaluateLesson(lesson: Lesson, world: World, opts: EvaluateOptions): StepResult[] {
  let rebooted: Lab | null = null
  const rebootedLab = () => (rebooted ??= rebootedCopy(world))
  const reuse = opts.reuse ?? true
  return lesson.steps.map((step) => {
    const plain = new Map(step.checks.filter((c) => !needsCopy(c) && c.kind !== 'predict').map((c) => [c.id, result(c, evaluateCheck(c, world.lab))]))
    const stateHolds = [...plain.values()].every((r) => r.passed)
    const checks = step.checks.map((c) => {
      if (c.kind === 'predict') return opts.predicted?.get(c.id) ?? (opts.grading ? result(c, evaluateCheck(c, world.lab)) : pending(c))
      if (!needsCopy(c)) return plain.get(c.id)!
      const cached = reuse ? opts.cached?.get(c.id) : undefined
      if (cached) return cached
      // Not reused: whatever was cached describes an older world.
      opts.cached?.delete(c.id)
      if (!opts.all && !stateHolds) return pending(c)
      const r = result(c, onCopy(c, () => (c.kind === 'probe' ? (c.afterReboot ? rebootedCopy(world) : world.copy()) : rebootedLab())))
      opts.cached?.set(c.id, r)
      return r
    })
    return { id: step.id, done: checks.every((r) => r.passed === true), checks }
  })
}
