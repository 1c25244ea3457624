// The worker contract in Node: keystrokes in, terminal output out (readline echo, prompt, typeahead,
// Ctrl-C), and a saved keystroke log that rebuilds the same session after a reload.

import * as Comlink from 'comlink'
import { afterAll, describe, expect, it } from 'vitest'
import { createApi } from '../../src/worker/api.ts'
import type { LabApi } from '../../src/worker/protocol.ts'
import { collect } from './helpers.ts'


/** Advances virtual time as the browser driver would, until the host's terminal is idle again. */
function settle(api: ReturnType<typeof createApi>, ms = 2000): void {
  const lab = api.current()!
  lab.engine.advanceTo(lab.engine.now + ms * 1000)
  api.flush()
}

describe('worker api', () => {
  it('types into a terminal and gets the shell back', () => {
    const api = createApi()
    const { out } = collect(api)
    api.load('nat')
    expect(out.get('lvs')).toBe('[root@lvs ~]# ')
    api.keys('lvs', 'echo hi\r')
    settle(api)
    expect(out.get('lvs')).toBe('[root@lvs ~]# echo hi\r\nhi\r\n[root@lvs ~]# ')
  })

  it('keeps typeahead while a command runs and interrupts with Ctrl-C', () => {
    const api = createApi()
    const { out } = collect(api)
    api.load('nat')
    api.keys('client', 'sleep 5\r')
    api.keys('client', 'hostname\r')
    settle(api, 6000)
    expect(out.get('client')).toBe('[root@client ~]# sleep 5\r\n[root@client ~]# hostname\r\nclient\r\n[root@client ~]# ')
    api.keys('client', 'sleep 100\r')
    settle(api, 100)
    api.keys('client', '\x03')
    expect(out.get('client')!.endsWith('sleep 100\r\n^C\r\n[root@client ~]# ')).toBe(true)
  })

  it('replays a saved session after a reload: nothing typed is lost', () => {
    const api = createApi()
    const { out, saved } = collect(api)
    api.load('nat')
    api.keys('lvs', 'echo net.ipv4.ip_forward=1 > /etc/sysctl.conf\r')
    api.keys('lvs', 'sysctl -p\r')
    settle(api)
    const session = saved.at(-1)!
    expect(session.type).toBe('saved')
    const again = createApi()
    const second = collect(again)
    again.load('nat', session.type === 'saved' ? session.session : null)
    again.flush()
    expect(second.out.get('lvs')).toBe(out.get('lvs'))
    expect(again.run('lvs', 'sysctl net.ipv4.ip_forward').stdout).toBe('net.ipv4.ip_forward = 1\n')
  })

  const channels: MessageChannel[] = []
  afterAll(() => channels.forEach((c) => (c.port1.close(), c.port2.close())))

  it('works through comlink over a MessageChannel', async () => {
    const channel = new MessageChannel()
    channels.push(channel)
    Comlink.expose(createApi(), channel.port1 as unknown as Comlink.Endpoint)
    const remote = Comlink.wrap<LabApi>(channel.port2 as unknown as Comlink.Endpoint)
    expect((await remote.labs()).map((l) => l.id)).toContain('nat')
    await remote.load('nat')
    expect(await remote.run('client', 'hostname')).toEqual({ stdout: 'client\n', exitCode: 0 })
  })
})
