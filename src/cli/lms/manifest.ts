// The files that tell a course platform what a package holds. SCORM 1.2 (ADL's content packaging
// over IMS CP 1.1.2): imsmanifest.xml with one organization whose one item is the lesson, and one
// SCO resource listing every file of the site with index.html as its launch file. cmi5 (AICC/ADL,
// section 13 of the specification): cmi5.xml with the course and one assignable unit whose url is
// index.html and whose moveOn asks for both completion and a pass, with a mastery score of 1 (every
// check holds; a partial score is reported but does not pass). An exam package launches
// index.html?exam=1: no hints, no solution (the platform adds its own parameters after it).

import type { Locale } from '../../i18n/locale.ts'
import { LOCALES } from '../../i18n/locale.ts'

export interface PackageInfo {
  id: string
  /** The lesson's version (a hash of its files), so a platform can tell two builds apart. */
  version: string
  title: Record<Locale, string>
  description: Record<Locale, string>
  /** Every file of the site, relative to the package root. */
  files: string[]
  /** The launch address: the site's index.html, with ?exam=1 for a lesson taken as an exam. */
  launch: string
}

export const INDEX = 'index.html'

/** The IRI cmi5 needs for the course and its AU: a URN, absolute without a web address to own. */
export const courseIri = (id: string): string => `urn:lvs-lab:lesson:${id}`
export const auIri = (id: string): string => `${courseIri(id)}:au`

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
}

export function scorm12Manifest(p: PackageInfo): string {
  const files = p.files.map((f) => `      <file href="${escapeXml(f)}"/>`).join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="lvs-lab-${escapeXml(p.id)}" version="${escapeXml(p.version)}"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="lvs-lab-org">
    <organization identifier="lvs-lab-org">
      <title>${escapeXml(p.title.en)}</title>
      <item identifier="lvs-lab-item-${escapeXml(p.id)}" identifierref="lvs-lab-sco" isvisible="true">
        <title>${escapeXml(p.title.en)}</title>
        <adlcp:masteryscore>100</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="lvs-lab-sco" type="webcontent" adlcp:scormtype="sco" href="${escapeXml(p.launch)}">
${files}
    </resource>
  </resources>
</manifest>
`
}

export function cmi5Structure(p: PackageInfo): string {
  const langs = (text: Record<Locale, string>, indent: string) => LOCALES.map((l) => `${indent}<langstring lang="${l}">${escapeXml(text[l])}</langstring>`).join('\n')
  const block = (indent: string) => `${indent}<title>
${langs(p.title, `${indent}  `)}
${indent}</title>
${indent}<description>
${langs(p.description, `${indent}  `)}
${indent}</description>`
  return `<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${escapeXml(courseIri(p.id))}">
${block('    ')}
  </course>
  <au id="${escapeXml(auIri(p.id))}" moveOn="CompletedAndPassed" masteryScore="1" launchMethod="AnyWindow">
${block('    ')}
    <url>${escapeXml(p.launch)}</url>
  </au>
</courseStructure>
`
}

/** The first paragraph of a lesson's sanitised HTML as plain text, for a platform's description. */
export function plainIntro(html: string): string {
  const first = /<p>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? html
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" }
  return first
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|apos);/g, (_m, e: string) => entities[e])
    .replace(/\s+/g, ' ')
    .trim()
}
