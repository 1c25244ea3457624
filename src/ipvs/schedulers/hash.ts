// The kernel's hash functions the hashing schedulers use: hash_32 (include/linux/hash.h, golden
// ratio multiply keeping the top bits) and hsiphash on 64-bit kernels, i.e. SipHash-1-3 of one
// 32-bit word (lib/siphash.c). BigInt keeps the 64-bit arithmetic exact.

export function hash32(v: number, bits: number): number {
  return Math.imul(v >>> 0, 0x61c88647) >>> 0 >>> (32 - bits)
}

const MASK = (1n << 64n) - 1n
const rotl = (x: bigint, b: bigint) => ((x << b) | (x >> (64n - b))) & MASK

/** hsiphash_1u32 on a 64-bit kernel: SipHash-1-3 with k0 = k1 = key, low 32 bits of the result. */
export function hsiphash32(word: number, key: number): number {
  const k = BigInt(key >>> 0)
  let v0 = 0x736f6d6570736575n ^ k
  let v1 = 0x646f72616e646f6dn ^ k
  let v2 = 0x6c7967656e657261n ^ k
  let v3 = 0x7465646279746573n ^ k
  const round = () => {
    v0 = (v0 + v1) & MASK
    v1 = rotl(v1, 13n) ^ v0
    v0 = rotl(v0, 32n)
    v2 = (v2 + v3) & MASK
    v3 = rotl(v3, 16n) ^ v2
    v0 = (v0 + v3) & MASK
    v3 = rotl(v3, 21n) ^ v0
    v2 = (v2 + v1) & MASK
    v1 = rotl(v1, 17n) ^ v2
    v2 = rotl(v2, 32n)
  }
  const b = (4n << 56n) | BigInt(word >>> 0)
  v3 ^= b
  round()
  v0 ^= b
  v2 ^= 0xffn
  round()
  round()
  round()
  return Number((v0 ^ v1 ^ v2 ^ v3) & 0xffffffffn)
}
