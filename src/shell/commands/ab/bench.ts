// ApacheBench's test() loop (ab.c 2.3) over the simulated TCP: `concurrency` connections, each a
// small state machine (connect, write the request, read the header and body, then close or, with
// -k, reuse), recording per request the connect, wait and total times on the virtual clock. As in
// ab, only the first connection starts until its response header arrives; a request counts when
// the server closes (or, kept alive, when Content-Length bytes arrived); a body whose length
// differs from the first one is a "Length" failure; any socket error ends the run unless -r.

import { byteLength } from '../../../net/packet.ts'
import type { Ip } from '../../../net/addr.ts'
import type { Engine } from '../../../sim/engine.ts'
import { Signal } from '../../../sim/task.ts'
import type { TcpError, TcpSocket, TcpStack } from '../../../host/tcp.ts'
import { ERRNO } from '../resolve.ts'

export interface Sample {
  /** Connect time, total time and wait (request written to first byte read), in µs. */
  ctime: number
  time: number
  waittime: number
}

export interface BenchConfig {
  ip: Ip
  port: number
  request: string
  requests: number
  concurrency: number
  keepalive: boolean
  head: boolean
  variableLength: boolean
  recvErrorsOk: boolean
  /** µs; Infinity without -t. */
  timelimit: number
  /** µs of silence on every socket before apr_pollset_poll gives up. */
  timeout: number
  heartbeat: number
  verbosity: number
}

export interface BenchResult {
  start: number
  lasttime: number
  done: number
  bad: number
  errConn: number
  errRecv: number
  errLength: number
  errExcept: number
  errResponse: number
  doneka: number
  totalread: number
  totalbread: number
  totalposted: number
  doclen: number
  servername: string
  stats: Sample[]
  /** Set when ab stopped on an error: its stderr line and exit status. */
  fatal: { text: string; code: number } | null
}

interface Conn {
  sock: TcpSocket | null
  start: number
  connect: number
  endwrite: number
  beginread: number
  read: number
  bread: number
  length: number
  keepalive: boolean
  gotheader: boolean
  cbuff: string
  /** The connection has written its request (ab's STATE_READ). */
  reading: boolean
}

/** apr_strerror texts of the APR-specific statuses ab can end on. */
export const APR_TIMEUP = { no: 70007, text: 'The timeout specified has expired' }

export class Bench {
  readonly result: BenchResult
  /** Fires once the loop would end: all requests done, the time limit passed, or a fatal error. */
  readonly finished = new Signal<void>()
  private conns: Conn[] = []
  private started = 0
  private good = 0
  private initialized = false
  private watchdog: { cancel(): void } | null = null
  private stoptime: number

  constructor(
    private readonly tcp: TcpStack,
    private readonly engine: Engine,
    private readonly cfg: BenchConfig,
    private readonly err: (text: string) => void,
    private readonly out: (text: string) => void,
  ) {
    const now = engine.now
    this.result = {
      start: now, lasttime: now, done: 0, bad: 0, errConn: 0, errRecv: 0, errLength: 0, errExcept: 0, errResponse: 0, doneka: 0,
      totalread: 0, totalbread: 0, totalposted: 0, doclen: 0, servername: '', stats: [], fatal: null,
    }
    this.stoptime = now + cfg.timelimit
  }

  run(): void {
    for (let i = 0; i < this.cfg.concurrency; i++) this.conns.push({ sock: null, start: 0, connect: 0, endwrite: 0, beginread: 0, read: 0, bread: 0, length: 0, keepalive: false, gotheader: false, cbuff: '', reading: false })
    this.armWatchdog()
    this.startConnect(this.conns[0])
  }

  /** The process exits: every socket still open is closed (FIN), or dropped while connecting. */
  closeAll(): void {
    this.watchdog?.cancel()
    for (const c of this.conns) {
      const s = c.sock
      if (!s) continue
      c.sock = null
      if (s.state === 'SYN_SENT') s.abort()
      else s.close()
    }
  }

  private get now(): number {
    return this.engine.now
  }

  private stop(fatal: { text: string; code: number } | null = null): void {
    if (this.finished.fired) return
    if (fatal) this.result.fatal = fatal
    this.finished.fire()
  }

  /** The `while (lasttime < stoptime && done < requests)` test, made after every event. */
  private check(): void {
    if (this.result.done >= this.cfg.requests || this.result.lasttime >= this.stoptime) this.stop()
  }

  private armWatchdog(): void {
    this.watchdog?.cancel()
    this.watchdog = this.engine.after(this.cfg.timeout, () => this.stop({ text: `apr_pollset_poll: ${APR_TIMEUP.text} (${APR_TIMEUP.no})`, code: APR_TIMEUP.no & 255 }))
  }

  /** A poll() wake-up: something happened on one of our sockets. */
  private event(fn: () => void): void {
    if (this.finished.fired) return
    this.armWatchdog()
    fn()
    this.check()
  }

  private startConnect(c: Conn): void {
    if (this.finished.fired || this.started >= this.cfg.requests) return
    Object.assign(c, { read: 0, bread: 0, keepalive: false, cbuff: '', gotheader: false, reading: false, length: 0 })
    c.start = this.result.lasttime = this.now
    const sock = this.tcp.connect(this.cfg.ip, this.cfg.port)
    if (typeof sock === 'string') {
      c.sock = null
      if (this.result.bad++ > 10) {
        this.err('\nTest aborted after 10 failures\n\n')
        return this.stop({ text: `apr_socket_connect(): ${ERRNO[sock].text} (${ERRNO[sock].no})`, code: ERRNO[sock].no })
      }
      this.result.errConn++
      return this.startConnect(c)
    }
    c.sock = sock
    sock.established.on(() => this.event(() => c.sock === sock && this.writeRequest(c)))
    sock.onData = (text) => this.event(() => c.sock === sock && this.readData(c, text))
    sock.onPeerClose = () => this.event(() => {
      if (c.sock !== sock) return
      this.good++
      this.closeConnection(c)
    })
    sock.finished.on((e) => e && this.event(() => c.sock === sock && this.socketError(c, e)))
  }

  private writeRequest(c: Conn): void {
    if (this.started >= this.cfg.requests) return
    c.connect = this.result.lasttime = this.now
    c.sock!.send(this.cfg.request)
    this.result.totalposted += byteLength(this.cfg.request)
    c.endwrite = this.result.lasttime = this.now
    c.reading = true
    this.started++
  }

  /** recv() failed: a refused or reset connection, or one the network gave up on. */
  private socketError(c: Conn, e: TcpError): void {
    if (this.cfg.recvErrorsOk) {
      this.result.errRecv++
      this.result.bad++
      this.closeConnection(c)
      if (this.cfg.verbosity >= 1) this.err(`apr_socket_recv: ${ERRNO[e].text} (${ERRNO[e].no})\n`)
      return
    }
    this.result.errRecv++
    this.stop({ text: `apr_socket_recv: ${ERRNO[e].text} (${ERRNO[e].no})`, code: ERRNO[e].no })
  }

  private record(c: Conn, at: number): void {
    const r = this.result
    if (this.good === 1) r.doclen = c.bread
    else if (c.bread !== r.doclen && !this.cfg.variableLength) {
      r.bad++
      r.errLength++
    }
    if (r.done < this.cfg.requests) {
      r.stats.push({ ctime: Math.max(0, c.connect - c.start), time: Math.max(0, at - c.start), waittime: Math.max(0, c.beginread - c.endwrite) })
      r.done++
      if (this.cfg.heartbeat && r.done % this.cfg.heartbeat === 0) this.err(`Completed ${r.done} requests\n`)
    }
  }

  private closeConnection(c: Conn): void {
    if (c.read === 0 && c.keepalive) {
      if (this.good) this.good--
    } else {
      this.result.lasttime = this.now
      this.record(c, this.now)
    }
    const s = c.sock
    c.sock = null
    if (s && s.state !== 'CLOSED') s.close()
    this.startConnect(c)
  }

  private readData(c: Conn, text: string): void {
    const r = this.result
    const n = byteLength(text)
    r.totalread += n
    if (c.read === 0) c.beginread = this.now
    c.read += n
    if (!c.gotheader) {
      c.cbuff += text
      if (this.cfg.verbosity >= 2) this.out(`LOG: header received:\n${c.cbuff}\n`)
      let end = c.cbuff.indexOf('\r\n\r\n')
      let sep = 4
      if (end < 0) {
        end = c.cbuff.indexOf('\n\n')
        sep = 2
      }
      if (end < 0) return
      const head = c.cbuff.slice(0, end)
      if (!this.good) {
        const m = /server:/i.exec(head)
        r.servername = m ? /^[\x21-\xff]*/.exec(head.slice(m.index + 8))![0] : ''
      }
      const at = head.indexOf('HTTP')
      const code = at >= 0 && head.length - at > 9 ? head.slice(at + 9, at + 12) : '500'
      if (code[0] !== '2') {
        r.errResponse++
        if (this.cfg.verbosity >= 2) this.out(`WARNING: Response code not 2xx (${code})\n`)
      } else if (this.cfg.verbosity >= 3) this.out(`LOG: Response code = ${code}\n`)
      c.gotheader = true
      if (this.cfg.keepalive && /keep-alive/i.test(head)) {
        c.keepalive = true
        const cl = /content-length:/i.exec(head)
        c.length = cl && !this.cfg.head ? atoiAfter(head, cl.index + 16) : 0
      }
      c.bread = byteLength(c.cbuff.slice(end + sep))
      r.totalbread += c.bread
      if (!this.initialized) {
        this.initialized = true
        for (let i = 1; i < this.conns.length; i++) this.startConnect(this.conns[i])
      }
    } else {
      c.bread += n
      r.totalbread += n
    }
    if (c.keepalive && c.bread >= c.length) {
      this.good++
      r.doneka += r.done < this.cfg.requests ? 1 : 0
      this.record(c, this.now)
      Object.assign(c, { keepalive: false, length: 0, gotheader: false, cbuff: '', read: 0, bread: 0 })
      c.start = c.connect = r.lasttime = this.now
      this.writeRequest(c)
    }
  }
}

function atoiAfter(text: string, at: number): number {
  const m = /^\s*([+-]?\d+)/.exec(text.slice(at))
  return m ? Number(m[1]) : 0
}
