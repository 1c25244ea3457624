// `lvs-lab labs`: the lab ids and titles.

import { LABS } from '../lab/labs/index.ts'
import type { Verb } from './args.ts'

export const labs: Verb = {
  name: 'labs',
  summary: 'list the labs',
  synopsis: '',
  options: [],
  main(_args, io) {
    for (const l of Object.values(LABS)) io.out(`${l.id.padEnd(12)}${l.title}\n`)
    return 0
  },
}
