// `lvs-lab run`: a script's commands typed into a lab, the session printed as the terminal shows
// it. The packet trace stays off: nothing is recorded that this verb would not print.

import type { Verb } from './args.ts'
import { faultLines, LAB_OPTIONS, LAB_SYNOPSIS, labFromOptions } from './lab-option.ts'
import { EXIT_INTERNAL } from './status.ts'
import { runTranscript } from './transcript.ts'

export const run: Verb = {
  name: 'run',
  summary: 'run a script of commands in a lab and print the session',
  synopsis: LAB_SYNOPSIS,
  description:
    'A line `[root@HOST ~]# cmd` runs on HOST; any other line runs on the host of the line before.\n' +
    `Exit status: 0, 1 if a line named a host the lab does not have, ${EXIT_INTERNAL} if the simulator hit an internal error.`,
  options: LAB_OPTIONS,
  main(args, io) {
    const loaded = labFromOptions(args, io, false)
    if (!loaded) return 1
    const { lab, script } = loaded
    const { text, failures } = runTranscript(lab, script)
    io.out(text)
    const faults = faultLines(lab)
    for (const line of faults) io.err(line + '\n')
    return lab.engine.faults ? EXIT_INTERNAL : failures ? 1 : 0
  },
}
