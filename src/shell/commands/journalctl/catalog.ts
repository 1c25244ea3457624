// The systemd 252 message catalog entries (catalog/systemd.catalog.in) for the job and unit
// messages the lab's units log, as `journalctl -x` prints them: each line after the entry prefixed
// with "░░ ". Rocky Linux builds systemd with its own support URL.

import type { JournalEntry } from '../../../host/journal.ts'

const SUPPORT = 'https://wiki.rockylinux.org/rocky/support'

function entry(subject: string, body: string[]): string[] {
  return [`Subject: ${subject}`, 'Defined-By: systemd', `Support: ${SUPPORT}`, '', ...body]
}

/** The catalog text for an entry, or null when its message has none. */
export function catalog(e: JournalEntry): string[] | null {
  const job = e.job
  if (!job || !e.unit) return null
  const unit = `${e.unit}.service`
  switch (job.event) {
    case 'start-begun':
      return entry(`A start job for unit ${unit} has begun execution`, [`A start job for unit ${unit} has begun execution.`, '', `The job identifier is ${job.id}.`])
    case 'start-done':
      return entry(`A start job for unit ${unit} has finished successfully`, [`A start job for unit ${unit} has finished successfully.`, '', `The job identifier is ${job.id}.`])
    case 'start-failed':
      return entry(`A start job for unit ${unit} has failed`, [`A start job for unit ${unit} has finished with a failure.`, '', `The job identifier is ${job.id} and the job result is ${job.result}.`])
    case 'stop-begun':
      return entry(`A stop job for unit ${unit} has begun execution`, [`A stop job for unit ${unit} has begun execution.`, '', `The job identifier is ${job.id}.`])
    case 'stop-done':
      return entry(`A stop job for unit ${unit} has finished`, [`A stop job for unit ${unit} has finished.`, '', `The job identifier is ${job.id} and the job result is ${job.result}.`])
    case 'unit-succeeded':
      return entry('Unit succeeded', [`The unit ${unit} has successfully entered the 'dead' state.`])
    case 'unit-failed': {
      const result = /with result '(.*)'/.exec(e.msg)?.[1] ?? 'exit-code'
      return entry('Unit failed', [`The unit ${unit} has entered the 'failed' state with result '${result}'.`])
    }
    case 'resources':
      return entry('Resources consumed by unit runtime', [`The unit ${unit} completed and consumed the indicated resources.`])
    case 'process-exited': {
      const m = /code=(\w+), status=(\d+)/.exec(e.msg)
      return entry('Unit process exited', [`An ExecStart= process belonging to unit ${unit} has exited.`, '', `The process' exit code is '${m?.[1] ?? 'exited'}' and its exit status is ${m?.[2] ?? 1}.`])
    }
  }
}
