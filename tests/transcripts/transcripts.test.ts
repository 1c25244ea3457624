// Golden transcripts: a lab's script run headless must print exactly the session stored beside it.
// The expected outputs were checked against the references (ipvsadm.md §2-§4, rhel9-system.md
// §1, §2, §6, rhel9-network.md §1-§4); regenerate with `UPDATE_GOLDEN=1 npm run test:unit` only
// after checking the difference against them again.

import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runTranscript } from '../../src/cli/transcript.ts'
import { Lab } from '../../src/lab/lab.ts'

const dir = new URL('.', import.meta.url).pathname

const lessons = new URL('../../lessons/', import.meta.url).pathname

/** Each script runs in a lab: the five lessons' solutions, and the command groups on the NAT machines. */
const SCRIPTS: [string, string, string][] = [
  ['nat', 'nat', `${lessons}/nat/tutorial.script`],
  ['dr', 'dr', `${lessons}/dr/tutorial.script`],
  ['tun', 'tun', `${lessons}/tun/tutorial.script`],
  ['tun-routed', 'tun-routed', `${lessons}/tun-routed/tutorial.script`],
  ['fullnat', 'fullnat', `${lessons}/fullnat/tutorial.script`],
  ['commands', 'nat', `${dir}/commands.script`],
]

describe.each(SCRIPTS)('%s transcript', (name, lab, path) => {
  it('matches the golden session', () => {
    const script = readFileSync(path, 'utf8')
    const { text, failures } = runTranscript(Lab.create(lab), script)
    expect(failures).toBe(0)
    if (process.env.UPDATE_GOLDEN) writeFileSync(`${dir}/${name}.golden`, text)
    expect(text).toBe(readFileSync(`${dir}/${name}.golden`, 'utf8'))
  })
})
