// The manifests `lvs-lab package` writes, validated against the standards' schemas with xmllint
// (libxml2-utils): imsmanifest.xml against IMS CP 1.1.2 + ADL CP 1.2, cmi5.xml against the cmi5
// course structure schema (tests/fixtures/lms/SOURCE.md says where each came from). Broken
// manifests must fail with xmllint's reason, so the validation is known to bite.

import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadLessons } from '../../src/cli/lesson-files.ts'
import { cmi5Structure, scorm12Manifest } from '../../src/cli/lms/manifest.ts'
import { packageInfo } from '../../src/cli/package.ts'

const FIXTURES = join(import.meta.dirname, '../fixtures/lms')
const FILES = ['assets/app-1.js', 'assets/app-1.css', 'favicon.svg', 'index.html']
const QUARTZ = 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd'

const dir = mkdtempSync(join(tmpdir(), 'lvs-lab-xsd-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
for (const f of ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'ims_xml.xsd', 'scorm12.xsd']) copyFileSync(join(FIXTURES, f), join(dir, f))
// The Quartz edition's namespace on the ADL edition's schema (SOURCE.md).
writeFileSync(join(dir, 'cmi5.xsd'), readFileSync(join(FIXTURES, 'CourseStructure.xsd'), 'utf8').replaceAll('http://www.adlnet.gov/cmi5/CourseStructure.xsd', QUARTZ))

/** xmllint's verdict: null when valid, else its validity errors (libxml2 also warns, on every run,
 * that ims_xml.xsd binds the xml namespace as a default: that line is not the manifest's). */
function xmllint(schema: string, xml: string): string | null {
  const file = join(dir, 'manifest.xml')
  writeFileSync(file, xml)
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', join(dir, schema), file], { stdio: 'pipe' })
    return null
  } catch (e) {
    const err = e as { code?: string; stderr?: Buffer }
    if (err.code === 'ENOENT') throw new Error('xmllint is not installed: apt-get install libxml2-utils (.ci/run does)')
    return String(err.stderr)
      .split('\n')
      .filter((line) => line.includes('validity error'))
      .join('\n')
      .replace(/\{https?:[^}]*\}/g, '')
  }
}

const lessons = loadLessons()
const nat = lessons.find((l) => l.summary.id === 'nat')!

describe('SCORM 1.2 imsmanifest.xml against IMS CP 1.1.2 and ADL CP 1.2', () => {
  it('every lesson’s manifest is valid, as a lesson and as an exam', () => {
    for (const lesson of lessons) {
      expect(xmllint('scorm12.xsd', scorm12Manifest(packageInfo(lesson, FILES))), lesson.summary.id).toBeNull()
      if (lesson.summary.exam) expect(xmllint('scorm12.xsd', scorm12Manifest(packageInfo(lesson, FILES, true))), lesson.summary.id).toBeNull()
    }
  })

  it('a manifest the schemas refuse is refused: no resources, an unknown scormtype, a file without its href, an identifier that is not an XML ID', () => {
    const good = scorm12Manifest(packageInfo(nat, FILES))
    expect(xmllint('scorm12.xsd', good.replace(/ {2}<resources>[\s\S]*<\/resources>\n/, ''))).toMatch(/Element 'manifest': Missing child element\(s\)\. Expected is .*resources/)
    expect(xmllint('scorm12.xsd', good.replace('adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"'))).toMatch(/scormtype': \[facet 'enumeration'\] The value 'lesson' is not an element of the set \{'asset', 'sco'\}/)
    expect(xmllint('scorm12.xsd', good.replace('<file href="index.html"/>', '<file/>'))).toMatch(/Element 'file': The attribute 'href' is required but missing/)
    expect(xmllint('scorm12.xsd', good.replace('identifier="lvs-lab-item-nat"', 'identifier="2-nat"'))).toMatch(/attribute 'identifier': '2-nat' is not a valid value of the atomic type 'xs:ID'/)
  })
})

describe('cmi5.xml against the cmi5 course structure schema', () => {
  it('every lesson’s course structure is valid, as a lesson and as an exam', () => {
    for (const lesson of lessons) {
      expect(xmllint('cmi5.xsd', cmi5Structure(packageInfo(lesson, FILES))), lesson.summary.id).toBeNull()
      if (lesson.summary.exam) expect(xmllint('cmi5.xsd', cmi5Structure(packageInfo(lesson, FILES, true))), lesson.summary.id).toBeNull()
    }
  })

  it('a structure the schema refuses is refused: a mastery score above 1, an unknown moveOn, an AU without its url', () => {
    const good = cmi5Structure(packageInfo(nat, FILES))
    expect(xmllint('cmi5.xsd', good.replace('masteryScore="1"', 'masteryScore="100"'))).toMatch(/masteryScore': \[facet 'maxInclusive'\] The value '100' is greater than the maximum value allowed \('1'\)/)
    expect(xmllint('cmi5.xsd', good.replace('moveOn="CompletedAndPassed"', 'moveOn="Passed+Completed"'))).toMatch(/moveOn': \[facet 'enumeration'\]/)
    expect(xmllint('cmi5.xsd', good.replace(/ *<url>.*<\/url>\n/, ''))).toMatch(/Missing child element\(s\)\. Expected is .*url/)
    expect(xmllint('cmi5.xsd', good.replace(QUARTZ, 'http://aicc.org/CMI5/CourseStructure.xsd'))).toMatch(/No matching global declaration available for the validation root/)
  })
})
