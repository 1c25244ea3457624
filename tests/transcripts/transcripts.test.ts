// Golden transcripts: a lab's script run headless must print exactly the session stored beside it.
// The expected outputs were checked against the references (ipvsadm.md §2-§4, rhel9-system.md
// §1, §2, §6, rhel9-network.md §1-§4); regenerate with `UPDATE_GOLDEN=1 npm run test:unit` only
// after checking the difference against them again.

import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runTranscript } from '../../src/cli/transcript.ts'
import { Lab } from '../../src/lab/lab.ts'

const dir = new URL('.', import.meta.url).pathname

describe.each(['nat', 'dr', 'tun', 'tun-routed', 'fullnat'])('%s lab transcript', (id) => {
  it('matches the golden session', () => {
    const script = readFileSync(`${dir}/${id}.script`, 'utf8')
    const { text, failures } = runTranscript(Lab.create(id), script)
    expect(failures).toBe(0)
    if (process.env.UPDATE_GOLDEN) writeFileSync(`${dir}/${id}.golden`, text)
    expect(text).toBe(readFileSync(`${dir}/${id}.golden`, 'utf8'))
  })
})
