// Per-service, per-destination and total counters, and the kernel's rate estimator
// (ip_vs_est.c): every 2 s an EWMA with weight 1/4 over the deltas, scaled by 2^10 for
// connections and packets and 2^5 for bytes, reported rounded (ipvs-kernel.md §4).

export interface Counters {
  conns: number
  inPkts: number
  outPkts: number
  inBytes: number
  outBytes: number
}

export function zeroCounters(): Counters {
  return { conns: 0, inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0 }
}

export class Stats {
  /** Raw counters since creation. */
  readonly raw = zeroCounters()
  /** Zero point set by `ipvsadm -Z`. */
  private base = zeroCounters()
  private last = zeroCounters()
  private avg = zeroCounters()

  /** One packet of `bytes` from the client side (InPkts, InBytes). */
  countIn(bytes: number): void {
    this.raw.inPkts++
    this.raw.inBytes += bytes
  }

  /** One packet of `bytes` from the real server's side (OutPkts, OutBytes). */
  countOut(bytes: number): void {
    this.raw.outPkts++
    this.raw.outBytes += bytes
  }

  get counters(): Counters {
    return {
      conns: this.raw.conns - this.base.conns,
      inPkts: this.raw.inPkts - this.base.inPkts,
      outPkts: this.raw.outPkts - this.base.outPkts,
      inBytes: this.raw.inBytes - this.base.inBytes,
      outBytes: this.raw.outBytes - this.base.outBytes,
    }
  }

  /** One 2-second estimator tick. */
  estimate(): void {
    const r = this.raw
    const step = (key: keyof Counters, shift: number) => {
      const rate = (r[key] - this.last[key]) * 2 ** shift
      this.last[key] = r[key]
      this.avg[key] += Math.floor((rate - this.avg[key]) / 4)
    }
    step('conns', 9)
    step('inPkts', 9)
    step('outPkts', 9)
    step('inBytes', 4)
    step('outBytes', 4)
  }

  /** CPS, InPPS, OutPPS, InBPS, OutBPS as the kernel reports them. */
  get rates(): Counters {
    const a = this.avg
    return {
      conns: Math.floor((a.conns + 0x1ff) / 1024),
      inPkts: Math.floor((a.inPkts + 0x1ff) / 1024),
      outPkts: Math.floor((a.outPkts + 0x1ff) / 1024),
      inBytes: Math.floor((a.inBytes + 0xf) / 32),
      outBytes: Math.floor((a.outBytes + 0xf) / 32),
    }
  }

  zero(): void {
    this.base = { ...this.raw }
    this.last = { ...this.raw }
    this.avg = zeroCounters()
  }
}
