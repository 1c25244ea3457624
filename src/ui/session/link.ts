// Share links: a session (lab, seed, every key with its virtual time, terminal sizes, the lesson and
// its predictions, the moment reached) carried in the URL fragment, which never reaches a server.
// The fragment is `#share=VERSION.DATA`: DATA is the session in a compact JSON form (host names
// listed once, key times as differences), raw-deflated by the browser's own CompressionStream (no
// library in the bundle) and written in base64url. Opening one checks everything before the engine
// sees it: the version, the length, the inflated size (a small link cannot inflate into a huge
// one: inflating stops at the limit), and the shape, which must make a valid SavedSession.

import * as v from 'valibot'
import type { KeyEvent, SavedSession, TerminalSize } from '../../worker/protocol.ts'
import { isSavedSession } from './schema.ts'
import { isShareFragment, SHARE_PREFIX } from './fragment.ts'

export const LINK_VERSION = 1
/** Longer fragments are refused before decoding (Chromium keeps URLs up to 2 MiB, others less). */
export const MAX_LINK_CHARS = 1_000_000
/** The inflated JSON may not exceed this. */
export const MAX_JSON_BYTES = 8 * 1024 * 1024

export type LinkProblem = { reason: 'damaged' | 'newer' | 'large'; detail: string }
export type Decoded = { session: SavedSession } | LinkProblem

const whole = v.pipe(v.number(), v.integer(), v.minValue(0))
const Compact = v.strictObject({
  lab: v.string(),
  seed: v.pipe(v.number(), v.safeInteger()),
  hosts: v.array(v.string()),
  /** [time since the previous key (µs), index into hosts, data] */
  keys: v.array(v.tuple([whole, whole, v.string()])),
  /** [key index, index into hosts, cols, rows] */
  sizes: v.optional(v.array(v.tuple([whole, whole, whole, whole]))),
  now: v.optional(whole),
  lesson: v.optional(v.string()),
  predictions: v.optional(v.array(v.strictObject({ check: v.string(), at: whole, t: whole, answers: v.record(v.string(), v.string()) }))),
})
type CompactSession = v.InferOutput<typeof Compact>

export async function encodeLink(session: SavedSession): Promise<string> {
  const bytes = await pipe(new TextEncoder().encode(JSON.stringify(compact(session))), new CompressionStream('deflate-raw'), Infinity)
  return `${SHARE_PREFIX}${LINK_VERSION}.${base64url(bytes!)}`
}

export async function decodeLink(hash: string): Promise<Decoded> {
  if (!isShareFragment(hash)) return { reason: 'damaged', detail: 'not a share link' }
  if (hash.length > MAX_LINK_CHARS) return { reason: 'large', detail: `${hash.length} characters` }
  const body = hash.slice(SHARE_PREFIX.length)
  const dot = body.indexOf('.')
  const version = Number(body.slice(0, dot))
  if (dot < 1 || !/^\d+$/.test(body.slice(0, dot))) return { reason: 'damaged', detail: 'no version' }
  if (version > LINK_VERSION) return { reason: 'newer', detail: `version ${version}` }
  if (version !== LINK_VERSION) return { reason: 'damaged', detail: `unknown version ${version}` }
  const bytes = unbase64url(body.slice(dot + 1))
  if (!bytes) return { reason: 'damaged', detail: 'not base64url' }
  let inflated: Uint8Array | null
  try {
    inflated = await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_JSON_BYTES)
  } catch {
    return { reason: 'damaged', detail: 'not deflate data' }
  }
  if (!inflated) return { reason: 'large', detail: `more than ${MAX_JSON_BYTES} bytes inflated` }
  let data: unknown
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated))
  } catch {
    return { reason: 'damaged', detail: 'not JSON' }
  }
  const r = v.safeParse(Compact, data)
  if (!r.success) {
    const path = v.getDotPath(r.issues[0])
    return { reason: 'damaged', detail: path ? `${path}: ${r.issues[0].message}` : r.issues[0].message }
  }
  const session = expand(r.output)
  return session ? { session } : { reason: 'damaged', detail: 'a host index out of range' }
}

function compact(s: SavedSession): CompactSession {
  const hosts: string[] = []
  const index = (h: string): number => {
    const i = hosts.indexOf(h)
    return i >= 0 ? i : hosts.push(h) - 1
  }
  let t = 0
  const keys = s.keys.map((k): [number, number, string] => {
    const dt = Math.max(0, k.t - t)
    t = Math.max(t, k.t)
    return [dt, index(k.host), k.data]
  })
  const sizes = s.sizes?.map((z): [number, number, number, number] => [z.at, index(z.host), z.cols, z.rows])
  return {
    lab: s.lab,
    seed: s.seed,
    hosts,
    keys,
    ...(sizes?.length ? { sizes } : {}),
    ...(s.now !== undefined ? { now: s.now } : {}),
    ...(s.lesson ? { lesson: s.lesson } : {}),
    ...(s.predictions?.length ? { predictions: s.predictions } : {}),
  }
}

function expand(c: CompactSession): SavedSession | null {
  const host = (i: number): string | undefined => c.hosts[i]
  let t = 0
  const keys: KeyEvent[] = []
  for (const [dt, h, data] of c.keys) {
    const name = host(h)
    if (name === undefined) return null
    t += dt
    keys.push({ t, host: name, data })
  }
  const sizes: TerminalSize[] = []
  for (const [at, h, cols, rows] of c.sizes ?? []) {
    const name = host(h)
    if (name === undefined) return null
    sizes.push({ at, host: name, cols, rows })
  }
  const session: SavedSession = {
    version: 1,
    lab: c.lab,
    seed: c.seed,
    keys,
    ...(sizes.length ? { sizes } : {}),
    ...(c.now !== undefined ? { now: c.now } : {}),
    ...(c.lesson ? { lesson: c.lesson } : {}),
    ...(c.predictions ? { predictions: c.predictions } : {}),
  }
  return isSavedSession(session) ? session : null
}

/** Runs bytes through a (de)compression stream; null once the output passes `limit` bytes. */
async function pipe(input: Uint8Array, transform: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array | null> {
  const reader = new Blob([input as BlobPart]).stream().pipeThrough(transform).getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > limit) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  return new Uint8Array(await new Blob(chunks as BlobPart[]).arrayBuffer())
}

function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function unbase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
