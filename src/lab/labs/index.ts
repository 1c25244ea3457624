// The labs, by id (labs.md): a literal registry.

import type { LabDef } from '../topology.ts'
import { nat } from './nat.ts'

export const LABS: Record<string, LabDef> = { nat }
