// curl's -w/--write-out (tool_writeout.c, 7.76.1): `%{variable}` replaced after the transfer,
// `%%` a percent sign, `\n` `\r` `\t` escapes; times in seconds with six decimals. An unknown
// variable is reported on stderr and printed as nothing, as curl does.

export interface Transfer {
  httpCode: number
  httpVersion: string
  timeNamelookup: number
  timeConnect: number
  timeStarttransfer: number
  timeTotal: number
  sizeDownload: number
  sizeHeader: number
  sizeRequest: number
  remoteIp: string
  remotePort: number
  localIp: string
  localPort: number
  urlEffective: string
  contentType: string | null
  numConnects: number
  numRedirects: number
  redirectUrl: string | null
  scheme: string
  exitCode: number
  errorMsg: string
}

const secs = (us: number) => (us / 1e6).toFixed(6)

function value(name: string, t: Transfer): string | null {
  switch (name) {
    case 'http_code':
    case 'response_code':
      return String(t.httpCode).padStart(3, '0')
    case 'http_version':
      return t.httpVersion
    case 'time_namelookup':
      return secs(t.timeNamelookup)
    case 'time_connect':
      return secs(t.timeConnect)
    case 'time_appconnect':
      return secs(0)
    case 'time_pretransfer':
      return secs(t.timeConnect)
    case 'time_starttransfer':
      return secs(t.timeStarttransfer)
    case 'time_redirect':
      return secs(0)
    case 'time_total':
      return secs(t.timeTotal)
    case 'size_download':
      return String(t.sizeDownload)
    case 'size_header':
      return String(t.sizeHeader)
    case 'size_request':
      return String(t.sizeRequest)
    case 'size_upload':
      return '0'
    case 'speed_download':
      return t.timeTotal ? String(Math.round(t.sizeDownload / (t.timeTotal / 1e6))) : '0'
    case 'speed_upload':
      return '0'
    case 'remote_ip':
      return t.remoteIp
    case 'remote_port':
      return String(t.remotePort)
    case 'local_ip':
      return t.localIp
    case 'local_port':
      return String(t.localPort)
    case 'url_effective':
      return t.urlEffective
    case 'content_type':
      return t.contentType ?? ''
    case 'num_connects':
      return String(t.numConnects)
    case 'num_redirects':
      return String(t.numRedirects)
    case 'redirect_url':
      return t.redirectUrl ?? ''
    case 'scheme':
      return t.scheme.toUpperCase()
    case 'exitcode':
      return String(t.exitCode)
    case 'errormsg':
      return t.errorMsg
    default:
      return null
  }
}

export function writeOut(format: string, t: Transfer, err: (text: string) => void): string {
  let out = ''
  for (let i = 0; i < format.length; i++) {
    const c = format[i]
    if (c === '%' && format[i + 1] === '%') {
      out += '%'
      i++
    } else if (c === '%' && format[i + 1] === '{') {
      const end = format.indexOf('}', i)
      if (end < 0) {
        out += c
        continue
      }
      const name = format.slice(i + 2, end)
      const v = value(name, t)
      if (v === null) err(`curl: unknown --write-out variable: '${name}'\n`)
      else out += v
      i = end
    } else if (c === '\\' && (format[i + 1] === 'n' || format[i + 1] === 'r' || format[i + 1] === 't')) {
      out += { n: '\n', r: '\r', t: '\t' }[format[i + 1] as 'n' | 'r' | 't']
      i++
    } else out += c
  }
  return out
}
