// The labs, by id (labs.md): a literal registry.

import { table } from '../../sim/table.ts'
import type { LabDef } from '../topology.ts'
import { dr } from './dr.ts'
import { fullnat } from './fullnat.ts'
import { nat } from './nat.ts'
import { tun, tunRouted } from './tun.ts'

export const LABS = table<LabDef>({ nat, dr, tun, 'tun-routed': tunRouted, fullnat })
