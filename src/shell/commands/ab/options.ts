// ab's command line as apr_getopt reads it (apr misc/unix/getopt.c with ab.c's option string): no
// permutation (the first operand ends the options, so `ab URL -n 10` has too many arguments), an
// unknown letter prints `ab: illegal option -- Q` and ends option parsing, and main() then insists
// on exactly one operand, the URL, printing the usage on stderr with exit status 22 (EINVAL).

/** Letters that take a value, and letters that do not (ab.c: "n:c:t:s:b:T:p:u:v:lrkVhwiIx:…"). */
const WITH_ARG = new Set('nctsbTpuvxyzCHPAgXeBmZfE')
const FLAGS = new Set('lrkVhwiIdSq')

export interface AbOptions {
  requests: number
  concurrency: number
  /** -t: seconds, 0 = none. */
  timelimit: number
  /** -s: seconds to wait for any socket event. */
  timeout: number
  keepalive: boolean
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | string
  /** -p/-u file to send and -T its type. */
  postfile: string | null
  contentType: string | null
  verbosity: number
  percentiles: boolean
  confidence: boolean
  heartbeat: boolean
  variableLength: boolean
  recvErrorsOk: boolean
  /** Header lines in the order given: -C cookie, -A/-P authorization, then -H lines. */
  cookie: string
  auth: string
  headers: string[]
  csvFile: string | null
  version: boolean
  help: boolean
  url: string | null
  /** What apr_getopt printed before giving up, if anything. */
  diagnostics: string[]
  /** Options that exist in ab but that this lab does not model (HTML tables, proxies, TLS files). */
  unmodelled: string[]
}

/** usage() as httpd-tools' ab prints it (recorded from bullseye's apache2-utils, tests/fixtures/tools/
 *  ab.json). `SSL2` is listed unless OPENSSL_NO_SSL2 is defined, which OpenSSL 1.1 and 3.0 no longer do. */
export const USAGE = `Usage: ab [options] [http[s]://]hostname[:port]/path
Options are:
    -n requests     Number of requests to perform
    -c concurrency  Number of multiple requests to make at a time
    -t timelimit    Seconds to max. to spend on benchmarking
                    This implies -n 50000
    -s timeout      Seconds to max. wait for each response
                    Default is 30 seconds
    -b windowsize   Size of TCP send/receive buffer, in bytes
    -B address      Address to bind to when making outgoing connections
    -p postfile     File containing data to POST. Remember also to set -T
    -u putfile      File containing data to PUT. Remember also to set -T
    -T content-type Content-type header to use for POST/PUT data, eg.
                    'application/x-www-form-urlencoded'
                    Default is 'text/plain'
    -v verbosity    How much troubleshooting info to print
    -w              Print out results in HTML tables
    -i              Use HEAD instead of GET
    -x attributes   String to insert as table attributes
    -y attributes   String to insert as tr attributes
    -z attributes   String to insert as td or th attributes
    -C attribute    Add cookie, eg. 'Apache=1234'. (repeatable)
    -H attribute    Add Arbitrary header line, eg. 'Accept-Encoding: gzip'
                    Inserted after all normal header lines. (repeatable)
    -A attribute    Add Basic WWW Authentication, the attributes
                    are a colon separated username and password.
    -P attribute    Add Basic Proxy Authentication, the attributes
                    are a colon separated username and password.
    -X proxy:port   Proxyserver and port number to use
    -V              Print version number and exit
    -k              Use HTTP KeepAlive feature
    -d              Do not show percentiles served table.
    -S              Do not show confidence estimators and warnings.
    -q              Do not show progress when doing more than 150 requests
    -l              Accept variable document length (use this for dynamic pages)
    -g filename     Output collected data to gnuplot format file.
    -e filename     Output CSV file with percentages served
    -r              Don't exit on socket receive errors.
    -m method       Method name
    -h              Display usage information (this message)
    -I              Disable TLS Server Name Indication (SNI) extension
    -Z ciphersuite  Specify SSL/TLS cipher suite (See openssl ciphers)
    -f protocol     Specify SSL/TLS protocol
                    (SSL2, TLS1, TLS1.1, TLS1.2, TLS1.3 or ALL)
    -E certfile     Specify optional client certificate chain and private key
`

/** C's atoi: leading blanks, a sign, digits; anything else ends the number (0 if none). */
export function atoi(text: string): number {
  const m = /^\s*([+-]?\d+)/.exec(text)
  return m ? Math.max(-2147483648, Math.min(2147483647, Number(m[1]))) : 0
}

export type Parsed = { ok: true; opts: AbOptions } | { ok: false; stderr: string; stdout?: string; code: number }

/** Reads argv as ab's main() does; the result is either options to run or what to print and exit with. */
export function parseAb(argv: string[], base64: (s: string) => string): Parsed {
  const o: AbOptions = {
    requests: 1, concurrency: 1, timelimit: 0, timeout: 30, keepalive: false, method: '', postfile: null, contentType: null, verbosity: 0,
    percentiles: true, confidence: true, heartbeat: true, variableLength: false, recvErrorsOk: false, cookie: '', auth: '', headers: [],
    csvFile: null, version: false, help: false, url: null, diagnostics: [], unmodelled: [],
  }
  const fail = (msg: string): Parsed => ({ ok: false, stderr: msg + '\n', code: 1 })
  const mixing = (m: string): Parsed | null => (o.method ? fail(`Cannot mix ${m} with other methods`) : null)
  let ind = 1
  parsing: while (ind < argv.length) {
    const arg = argv[ind]
    if (arg[0] !== '-' || arg === '-') break
    // apr_getopt takes any word starting with `--` (`--help` too) for the end of the options.
    if (arg.startsWith('--')) {
      ind++
      break
    }
    for (let p = 1; p < arg.length; p++) {
      const ch = arg[p]
      if (!WITH_ARG.has(ch) && !FLAGS.has(ch)) {
        if (p === arg.length - 1) ind++
        o.diagnostics.push(`ab: illegal option -- ${ch}`)
        break parsing
      }
      let value = ''
      if (WITH_ARG.has(ch)) {
        if (p < arg.length - 1) value = arg.slice(p + 1)
        else if (++ind >= argv.length) {
          o.diagnostics.push(`ab: option requires an argument -- ${ch}`)
          break parsing
        } else value = argv[ind]
        p = arg.length
      }
      switch (ch) {
        case 'n':
          o.requests = atoi(value)
          if (o.requests <= 0) return fail('Invalid number of requests')
          break
        case 'c': o.concurrency = atoi(value); break
        case 't': o.timelimit = atoi(value); o.requests = 50000; break
        case 's': o.timeout = atoi(value); break
        case 'k': o.keepalive = true; break
        case 'q': o.heartbeat = false; break
        case 'd': o.percentiles = false; break
        case 'S': o.confidence = false; break
        case 'l': o.variableLength = true; break
        case 'r': o.recvErrorsOk = true; break
        case 'v': o.verbosity = atoi(value); break
        case 'b': break // SO_SNDBUF/SO_RCVBUF: the simulated sockets have no buffer limits to change
        case 'i': { const e = mixing('HEAD'); if (e) return e; o.method = 'HEAD'; break }
        case 'p': case 'u': {
          const e = mixing(ch === 'p' ? 'POST' : 'PUT')
          if (e) return e
          o.method = ch === 'p' ? 'POST' : 'PUT'
          o.postfile = value
          break
        }
        case 'T': o.contentType = value; break
        case 'C': o.cookie = `Cookie: ${value}\r\n`; break
        case 'A': o.auth += `Authorization: Basic ${base64(value.trimStart())}\r\n`; break
        case 'P': o.auth += `Proxy-Authorization: Basic ${base64(value.trimStart())}\r\n`; break
        case 'H': o.headers.push(value); break
        case 'm': o.method = value; break
        case 'e': o.csvFile = value; break
        case 'h': return { ok: false, stderr: USAGE, code: 22 }
        case 'V': o.version = true; break
        default: o.unmodelled.push(`-${ch}`)
      }
      if (o.version) break parsing
    }
    ind++
  }
  if (o.version) return { ok: true, opts: o }
  if (ind !== argv.length - 1) return { ok: false, stderr: [...o.diagnostics, 'ab: wrong number of arguments', USAGE].join('\n'), code: 22 }
  o.url = argv[ind]
  if (!o.method) o.method = 'GET'
  return { ok: true, opts: o }
}
