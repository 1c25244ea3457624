// Name and errno facts the network clients share: getaddrinfo as glibc answers it from files
// (a dotted quad in any inet_aton form, else /etc/hosts), and the errno numbers and strerror()
// texts of the socket errors the simulated TCP reports (glibc's errlist, Linux x86_64 numbers).

import type { Ip } from '../../net/addr.ts'
import { Names } from '../../host/names.ts'
import type { TcpError } from '../../host/tcp.ts'
import { inetAton } from './ipvsadm/parse.ts'
import type { CommandContext } from './types.ts'

/** The address a client connects to for `name`, or null when the resolver has none. */
export function resolveHost(ctx: CommandContext, name: string): Ip | null {
  if (/^[0-9a-fA-FxX.]+$/.test(name) && /^\d/.test(name)) return inetAton(name)
  return new Names(ctx.host.fs).host(name)
}

export const ERRNO: Record<TcpError, { no: number; text: string }> = {
  ECONNREFUSED: { no: 111, text: 'Connection refused' },
  EHOSTUNREACH: { no: 113, text: 'No route to host' },
  ENETUNREACH: { no: 101, text: 'Network is unreachable' },
  ETIMEDOUT: { no: 110, text: 'Connection timed out' },
  ECONNRESET: { no: 104, text: 'Connection reset by peer' },
  ENOPROTOOPT: { no: 92, text: 'Protocol not available' },
}
