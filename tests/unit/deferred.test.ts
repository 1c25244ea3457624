// The browser worker's split (vite.config.ts `deferred`): before the commands' code arrives, the
// stand-in registry answers every lookup as the real one does, a command that runs anyway waits
// for its code and then runs, and the API gate holds typed lines and lesson calls, in order,
// until the packs are in, while plain typing echoes at once.

import { describe, expect, it } from 'vitest'
import { loadLessons } from '../../src/cli/lesson-files.ts'
import { Lab } from '../../src/lab/lab.ts'
import { Shell } from '../../src/shell/interp.ts'
import { Session } from '../../src/shell/session.ts'
import { Task } from '../../src/sim/task.ts'
import { COMMANDS } from '../../src/shell/commands/index.ts'
import { commandManifest } from '../../src/shell/commands/manifest.ts'
import { COMMANDS as STAND_INS, commandsLoaded, loadCommands } from '../../src/worker/deferred/commands.ts'
import { BUILTINS as REAL_BUILTINS, SPECIAL_BUILTINS as REAL_SPECIAL } from '../../src/shell/builtins/index.ts'
import { BUILTINS as BUILTIN_STAND_INS, builtinsLoaded, loadBuiltins, SPECIAL_BUILTINS } from '../../src/worker/deferred/builtins.ts'
import { Io } from '../../src/shell/exec/io.ts'
import { EMPTY_INPUT, sinkOutput } from '../../src/shell/stream.ts'
import { createApi } from '../../src/worker/api.ts'
import { gate } from '../../src/worker/gate.ts'
import type { WorkerEvent } from '../../src/worker/protocol.ts'
import { collect } from './helpers.ts'

function standInShell(lab: Lab, host: string): Shell {
  return new Shell(new Session(lab.host(host)!), { ...lab.shellEnv(), commands: STAND_INS, term: () => null })
}

/** The shell's own lookups (builtins): a command such as `which` is itself deferred, so it waits. */
const LOOKUPS = 'type ipvsadm curl ls; command -v ab || echo no ab; command -v awk sed nmcli; type -P ip; type -a true; hash ls; hash'

describe('the deferred command registry', () => {
  it('lists every command of the registry, with what lookups read', () => {
    expect(Object.keys(STAND_INS)).toEqual(Object.keys(COMMANDS))
    expect(commandManifest(STAND_INS)).toEqual(commandManifest(COMMANDS))
    // The summaries (what `help` lists) come with the code.
    expect(STAND_INS.ls.summary).toBe('')
  })

  it('answers type, command -v and hash as the real registry does before any code is loaded', () => {
    expect(commandsLoaded()).toBe(false)
    const lab = Lab.create('nat')
    const real = lab.run('lvs', LOOKUPS)
    const early = lab.run('lvs', LOOKUPS, standInShell(lab, 'lvs'))
    expect(early.output).toBe(real.output)
    expect(early.exitCode).toBe(real.exitCode)
    expect(early.output).toContain("curl is /usr/bin/curl\nls is aliased to `ls --color=auto'\n")
    expect(early.output).toContain('/usr/bin/awk\n/usr/bin/sed\n/usr/bin/nmcli\n')
    expect(commandsLoaded()).toBe(false)
  })

  it('runs a lab setup’s systemctl at once (the routed TUN lab stops the router’s firewalld)', () => {
    const lab = Lab.create('tun-routed')
    const r = lab.run('rt', 'systemctl is-active firewalld; systemctl start firewalld; systemctl is-active firewalld', standInShell(lab, 'rt'))
    expect(r.output).toBe('inactive\nactive\n')
    expect(commandsLoaded()).toBe(false)
  })

  it('lets a command that runs before its code arrives wait for it on the virtual clock, then run', async () => {
    const lab = Lab.create('nat')
    let out = ''
    const task = new Task(standInShell(lab, 'lvs').runSource('echo before; hostname; echo after', { stdin: '', out: (t) => (out += t), err: (t) => (out += t), tty: false })).start()
    lab.engine.advanceTo(lab.engine.now + 1_000_000)
    expect(out).toBe('before\n')
    expect(task.finished).toBe(false)
    await loadCommands()
    lab.engine.runUntil(() => task.finished, lab.engine.now + 1_000_000)
    expect(out).toBe('before\nlvs\nafter\n')
    // Once loaded, the stand-ins are the real commands, options included, and `which` answers.
    expect(STAND_INS.ls.args).toBe(COMMANDS.ls.args)
    expect(Object.keys(STAND_INS).every((k) => STAND_INS[k].summary === COMMANDS[k].summary)).toBe(true)
    expect(lab.run('lvs', 'which awk nmcli', standInShell(lab, 'lvs')).output).toBe('/usr/bin/awk\n/usr/bin/nmcli\n')
  })
})

describe('the deferred builtins', () => {
  it('name every builtin of the shell, and the same special ones', () => {
    expect([...BUILTIN_STAND_INS.keys()]).toEqual([...REAL_BUILTINS.keys()])
    expect([...SPECIAL_BUILTINS]).toEqual([...REAL_SPECIAL])
  })

  it('let a builtin that runs before its code arrives wait for it on the virtual clock, then run as the real one', async () => {
    expect(builtinsLoaded()).toBe(false)
    const lab = Lab.create('nat')
    const sh = new Shell(new Session(lab.host('lvs')!), { ...lab.shellEnv(), term: () => null })
    let out = ''
    const io = Io.of(EMPTY_INPUT, sinkOutput((t) => (out += t)), sinkOutput((t) => (out += t)))
    const task = new Task(BUILTIN_STAND_INS.get('printf')!(sh, ['printf', '%s-%d\\n', 'x', '7'], io)).start()
    lab.engine.advanceTo(lab.engine.now + 1_000_000)
    expect(out).toBe('')
    expect(task.finished).toBe(false)
    await loadBuiltins()
    const loadedAt = lab.engine.now
    lab.engine.runUntil(() => task.finished, lab.engine.now + 1_000_000)
    expect(lab.engine.now).toBe(loadedAt)
    expect(out).toBe('x-7\n')
    expect(task.done.value).toEqual({ ok: true, value: 0 })
  })
})

describe('the worker API gate', () => {
  function gated() {
    const api = createApi({ lessons: loadLessons() })
    let release!: () => void
    let ready = false
    const loads: number[] = []
    const g = gate(api, {
      ready: () => ready,
      load: () => {
        loads.push(api.current()?.engine.now ?? -1)
        return new Promise<void>((r) => (release = () => ((ready = true), r())))
      },
    })
    return { api, g, ...collect(api), loads, release: () => release() }
  }

  it('boots a lab at once and starts the packs once the page has drawn its prompt', () => {
    const { g, out, loads } = gated()
    g.load('nat')
    expect(out.get('lvs')).toBe('[root@lvs ~]# ')
    expect(loads).toEqual([])
    g.promptDrawn()
    g.promptDrawn()
    expect(loads).toEqual([0])
  })

  it('starts the packs at once when a line needs them before the prompt is drawn', () => {
    const { g, loads } = gated()
    g.load('nat')
    g.keys('lvs', 'hostname')
    expect(loads).toEqual([])
    void g.keys('lvs', '\r')
    expect(loads).toEqual([0])
  })

  it('echoes typing at once, holds a line until the packs are in, and keeps every key in order', async () => {
    const { api, g, out, saved, release } = gated()
    g.load('nat')
    g.keys('lvs', 'uname')
    expect(out.get('lvs')).toBe('[root@lvs ~]# uname')
    const enter = g.keys('lvs', ' -n\r')
    const more = g.keys('lvs', 'hostname')
    const tab = g.keys('lvs', '\t')
    expect(out.get('lvs')).toBe('[root@lvs ~]# uname')
    const lab = api.current()!
    lab.engine.advanceTo(lab.engine.now + 50_000)
    release()
    await Promise.all([enter, more, tab])
    lab.engine.advanceTo(lab.engine.now + 1_000_000)
    api.flush()
    expect(out.get('lvs')).toBe(
      '[root@lvs ~]# uname -n\r\nlvs\r\n[root@lvs ~]# hostname',
    )
    // Held keys are logged when they ran, so a replay types them at that virtual time.
    const keys = (saved.at(-1) as Extract<WorkerEvent, { type: 'saved' }>).session.keys
    expect(keys.map((k) => k.data)).toEqual(['uname', ' -n\r', 'hostname', '\t'])
    expect(keys[0].t).toBe(0)
    expect(keys[1].t).toBe(50_000)
  })

  it('holds run, a replay and a lesson until the packs are in, then answers them in order', async () => {
    const { g, release } = gated()
    g.load('nat')
    const order: string[] = []
    const ran = Promise.resolve(g.run('lvs', 'hostname')).then((r) => (order.push('run'), r))
    const lessons = g.lessons()
    const opened = Promise.resolve(g.openLesson('nat')).then((v) => (order.push('lesson'), v))
    expect(order).toEqual([])
    expect(lessons.length).toBeGreaterThan(0)
    release()
    const [r, v] = await Promise.all([ran, opened])
    expect(order).toEqual(['run', 'lesson'])
    expect(r).toEqual({ stdout: 'lvs\n', exitCode: 0 })
    expect(v.lesson.summary.id).toBe('nat')
  })

  it('takes a stored session as its text, starts the packs before parsing a long one, and replays it once they are in', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => ({ t: 1_000_000 + i * 100_000, host: 'lvs', data: `echo ${i}\r` }))
    const text = JSON.stringify({ version: 1, lab: 'nat', seed: 1, keys })
    const { api, g, out, loads, release } = gated()
    const view = Promise.resolve(g.load('nat', text))
    // Asked for before the text was parsed, so before any lab was built.
    expect(loads).toEqual([-1])
    release()
    expect((await view).lab.id).toBe('nat')
    expect(out.get('lvs')).toContain('echo 39\r\n39\r\n[root@lvs ~]# ')
    expect(api.session()!.keys).toEqual(keys)
    expect(JSON.parse(api.sessionText()!)).toEqual(api.session())
  })

  it('opens an empty lab for text that is no session, without loading the packs first', () => {
    const { api, g, out, loads } = gated()
    g.load('nat', '{"version":1,"lab":"nat","keys":[{')
    expect(out.get('lvs')).toBe('[root@lvs ~]# ')
    expect(loads).toEqual([])
    expect(api.session()!.keys).toEqual([])
    g.promptDrawn()
    expect(loads).toEqual([0])
  })
})
