// The options every verb that runs a lab shares: which lab, which script, which seed. The script
// is a file or standard input (`-` or no --script).

import { Lab } from '../lab/lab.ts'
import { LABS } from '../lab/labs/index.ts'
import { integerOption, UsageError, type Io, type OptionSpec, type Parsed } from './args.ts'

export const LAB_OPTIONS: OptionSpec[] = [
  { name: 'lab', arg: 'ID', help: `the lab to start (${Object.keys(LABS).join(', ')})` },
  { name: 'script', arg: 'FILE', help: 'commands to run, one per line (default: standard input)' },
  { name: 'seed', arg: 'N', help: 'seed of the lab\'s random numbers (default 1)' },
]

export const LAB_SYNOPSIS = '--lab ID [--script FILE] [--seed N]'

/** The lab the options name, booted, and the script to run in it; null when the script cannot be read. */
export function labFromOptions(args: Parsed, io: Io, trace: boolean): { lab: Lab; script: string } | null {
  const id = args.values.get('lab')
  if (id === undefined) throw new UsageError("option '--lab' is required")
  if (!Object.hasOwn(LABS, id)) throw new UsageError(`unknown lab '${id}' (try: ${Object.keys(LABS).join(', ')})`)
  const seed = integerOption(args, 'seed', 1)
  const file = args.values.get('script')
  const script = file === undefined || file === '-' ? io.stdin() : io.readFile(file)
  if (script === null) return null
  return { lab: Lab.create(id, { seed, trace }), script }
}

/** Internal errors the lab's boundaries caught, for stderr: a run that had one must not exit 0. */
export function faultLines(lab: Lab): string[] {
  return lab.engine.trace.since(0).flatMap((r) => (r.type === 'internal' ? [`lvs-lab: ${(r.t / 1e6).toFixed(6)} ${r.reason.text}`] : []))
}
