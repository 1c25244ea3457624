// `lvs-lab help [VERB]`: the overview of every verb, or one verb's usage, on stdout.

import { UsageError, usage, type Verb } from './args.ts'

/** The overview `lvs-lab --help` prints. */
export function overview(verbs: readonly Verb[]): string {
  const width = Math.max(...verbs.map((v) => v.name.length)) + 3
  return [
    'usage: lvs-lab VERB [OPTIONS]',
    '',
    'The LVS Lab engine headless: the same labs, shell and packets as the browser.',
    '',
    'verbs:',
    ...verbs.map((v) => `  ${v.name.padEnd(width)}${v.summary}`),
    '',
    "Run 'lvs-lab help VERB' or 'lvs-lab VERB --help' for a verb's options.",
  ].join('\n') + '\n'
}

/** The help verb, given the registry it describes (verbs.ts passes it, so there is no import cycle). */
export function helpVerb(verbs: () => readonly Verb[]): Verb {
  return {
    name: 'help',
    summary: 'print the usage of lvs-lab or of one verb',
    synopsis: '[VERB]',
    options: [],
    operands: true,
    main(args, io) {
      const name = args.operands.join(' ')
      if (!name) {
        io.out(overview(verbs()))
        return 0
      }
      const verb = verbs().find((v) => v.name === name)
      if (!verb) throw new UsageError(`unknown verb '${name}'`)
      io.out(usage(verb))
      return 0
    },
  }
}
