// The engine's names in the reader's language: labs, host roles, networks and the inspector's
// packet fields arrive from the worker as ids (English), and each id has a catalogue key in
// parts/s2-i18n-lms.ts. An id without a key (a lab added later) shows as the engine wrote it.

import type { Field } from '../../worker/protocol.ts'
import { i18n } from './i18n.svelte.ts'

function named(key: string, fallback: string): string {
  return i18n.has(key) ? i18n.t(key) : fallback
}

export const labTitle = (lab: { id: string; title: string }): string => named(`lab.${lab.id}.title`, lab.title)
export const labSummary = (lab: { id: string; summary: string }): string => named(`lab.${lab.id}.summary`, lab.summary)
export const roleName = (role: string): string => named(`role.${role}`, role)
export const networkName = (id: string): string => named(`net.${id}`, id)
export const layerName = (layer: Field['layer']): string => named(`layer.${layer}`, layer)
/** An inner IPv4 header's fields are named as the outer one's. */
export const fieldName = (f: Pick<Field, 'layer' | 'name'>): string => named(`field.${f.layer === 'Inner IPv4' ? 'IPv4' : f.layer}.${f.name}`, f.name)
