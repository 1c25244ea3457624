// telnet (netkit telnet 0.17, RHEL 9's telnet package) as the labs use it: to see whether a TCP
// port answers. `Trying IP...`, `Connected to HOST.`, `Escape character is '^]'.`, then the
// terminal's lines go out with CR LF and what arrives is printed; Ctrl-] gives the `telnet>`
// prompt (quit/close). Piped input is sent and telnet exits at its end, often before the answer,
// as the real one does. Errors: `telnet: connect to address IP: Connection refused`, exit 1.

import { formatIp } from '../../../net/addr.ts'
import { Names } from '../../../host/names.ts'
import { Interrupt, race, type Proc, type Signal, wait } from '../../../sim/task.ts'
import { ERRNO, resolveHost } from '../resolve.ts'
import { Stdin } from '../terminal-input.ts'
import type { CommandContext, CommandDef } from '../types.ts'

const ESCAPE = '\x1d'

function* run(ctx: CommandContext): Proc<number> {
  const args = ctx.argv.slice(1)
  const bad = args.find((a) => a.startsWith('-'))
  if (bad) {
    ctx.err(`telnet: invalid option -- '${bad.slice(1, 2)}'\nUsage: telnet [-4] [-6] [-8] [-E] [-L] [-S tos] [-a] [-c] [-d] [-e char] [-l user]\n\t[-n tracefile] [-b hostalias ] [-r] [ host-name [port] ]\n`)
    return 1
  }
  if (!args.length) {
    ctx.err('telnet: interactive mode (telnet>) is not modelled in this lab; give a host and port\n')
    return 1
  }
  const [hostName, portText = '23'] = args
  const port = /^\d+$/.test(portText) ? Number(portText) : new Names(ctx.host.fs).port(portText, 'tcp')
  if (port === null || port > 65535) {
    ctx.err(`telnet: ${hostName}: Servname not supported for ai_socktype\n`)
    return 1
  }
  const ip = resolveHost(ctx, hostName)
  if (ip === null) {
    ctx.err(`telnet: ${hostName}: Name or service not known\n${hostName}: Unknown host\n`)
    return 1
  }
  const stdin = new Stdin(ctx)
  const terminal = yield* stdin.start()
  ctx.out(`Trying ${formatIp(ip)}...\n`)
  const sock = ctx.host.tcp.connect(ip, port)
  if (typeof sock === 'string') {
    ctx.err(`telnet: connect to address ${formatIp(ip)}: ${ERRNO[sock].text}\n`)
    return 1
  }
  try {
    while (sock.state === 'SYN_SENT') yield* wait(sock.next())
    if ((sock.state as string) === 'CLOSED') {
      ctx.err(`telnet: connect to address ${formatIp(ip)}: ${ERRNO[sock.error ?? 'ECONNREFUSED'].text}\n`)
      return 1
    }
    ctx.out(`Connected to ${hostName}.\nEscape character is '^]'.\n`)
    sock.onData = (text) => ctx.out(text)
    if (!terminal) {
      const text = stdin.takePiped()
      if (text) sock.send(text.replace(/\r?\n/g, '\r\n'))
      sock.close()
      return 0
    }
    let prompt = false
    let command = ''
    while (sock.state !== 'CLOSED' && !sock.peerClosed) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- signals of any payload race
      const waits: Signal<any>[] = [sock.next(), stdin.nextKey()]
      const r = yield* wait(race(waits))
      if (r.index !== 1) continue
      if (prompt) {
        // The telnet> prompt reads its own line (no echo of the connection meanwhile).
        const chunk = r.value as string
        stdin.feed('')
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n') {
            ctx.out('\n')
            const cmd = command.trim()
            command = ''
            prompt = false
            if (cmd === 'quit' || cmd === 'q' || cmd === 'close' || cmd === 'c') {
              sock.close()
              ctx.out('Connection closed.\n')
              return 0
            }
            if (cmd) ctx.out('?Invalid command\n')
          } else {
            command += ch
            ctx.out(ch)
          }
        }
        continue
      }
      const lines = stdin.feed(r.value as string, ESCAPE)
      if (lines === 'interrupt') {
        sock.close()
        return 130
      }
      if (lines === 'escape') {
        prompt = true
        ctx.out('^]\ntelnet> ')
        continue
      }
      for (const l of lines) sock.send(l.replace(/\n$/, '\r\n'))
    }
    ctx.out('Connection closed by foreign host.\n')
    return 1
  } catch (e) {
    if (e instanceof Interrupt) sock.state === 'SYN_SENT' ? sock.abort() : sock.close()
    throw e
  }
}

export const telnet: CommandDef = { name: 'telnet', path: '/usr/bin/telnet', summary: 'user interface to the TELNET protocol', pkg: 'telnet', run }
