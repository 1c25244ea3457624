// The command registry: a literal table of every program the lab's hosts know, one folder each.
// `help` and tab completion read it; a command whose package is not installed does not exist.

import { ab } from './ab/index.ts'
import { arp } from './arp/index.ts'
import { arping } from './arping/index.ts'
import { arptables, arptablesRestore, arptablesSave } from './arptables/index.ts'
import { awk, gawk } from './awk/index.ts'
import { base64 } from './base64/index.ts'
import { basename } from './basename/index.ts'
import { cat } from './cat/index.ts'
import { chmod } from './chmod/index.ts'
import { clear } from './clear/index.ts'
import { conntrack } from './conntrack/index.ts'
import { nft } from './nft/index.ts'
import { cp } from './cp/index.ts'
import { curl } from './curl/index.ts'
import { cut } from './cut/index.ts'
import { date } from './date/index.ts'
import { df } from './df/index.ts'
import { diff } from './diff/index.ts'
import { dirname } from './dirname/index.ts'
import { dmesg } from './dmesg/index.ts'
import { dnf, yum } from './dnf/index.ts'
import { env } from './env/index.ts'
import { find } from './find/index.ts'
import { firewallCmd } from './firewall-cmd/index.ts'
import { free } from './free/index.ts'
import { grep } from './grep/index.ts'
import { registry } from './guard.ts'
import { head } from './head/index.ts'
import { hostname } from './hostname/index.ts'
import { hostnamectl } from './hostnamectl/index.ts'
import { id } from './id/index.ts'
import { ifconfig } from './ifconfig/index.ts'
import { ip } from './ip/index.ts'
import { iptables } from './iptables/index.ts'
import { ipvsadmRestore } from './ipvsadm-restore/index.ts'
import { ipvsadmSave } from './ipvsadm-save/index.ts'
import { ipvsadmCommand } from './ipvsadm/index.ts'
import { journalctl } from './journalctl/index.ts'
import { less } from './less/index.ts'
import { ln } from './ln/index.ts'
import { ls } from './ls/index.ts'
import { lsmod } from './lsmod/index.ts'
import { md5sum, sha1sum, sha224sum, sha256sum, sha384sum, sha512sum } from './md5sum/index.ts'
import { mkdir } from './mkdir/index.ts'
import { modprobe } from './modprobe/index.ts'
import { more } from './more/index.ts'
import { mv } from './mv/index.ts'
import { nano } from './nano/index.ts'
import { nc, ncat } from './ncat/index.ts'
import { netstat } from './netstat/index.ts'
import { nmcli } from './nmcli/index.ts'
import { od } from './od/index.ts'
import { pgrep, pkill } from './pgrep/index.ts'
import { ping } from './ping/index.ts'
import { ps } from './ps/index.ts'
import { reboot } from './reboot/index.ts'
import { readlink } from './readlink/index.ts'
import { rm } from './rm/index.ts'
import { rmmod } from './rmmod/index.ts'
import { route } from './route/index.ts'
import { rpm } from './rpm/index.ts'
import { sed } from './sed/index.ts'
import { seq } from './seq/index.ts'
import { sleep } from './sleep/index.ts'
import { sort } from './sort/index.ts'
import { ss } from './ss/index.ts'
import { stat } from './stat/index.ts'
import { sysctl } from './sysctl/index.ts'
import { systemctl } from './systemctl/index.ts'
import { tac } from './tac/index.ts'
import { tail } from './tail/index.ts'
import { tcpdump } from './tcpdump/index.ts'
import { tee } from './tee/index.ts'
import { telnet } from './telnet/index.ts'
import { timeout } from './timeout/index.ts'
import { touch } from './touch/index.ts'
import { tr } from './tr/index.ts'
import { falseCommand, trueCommand } from './true/index.ts'
import { uname } from './uname/index.ts'
import { uniq } from './uniq/index.ts'
import { uptime } from './uptime/index.ts'
import { vi, vim } from './vim/index.ts'
import { watch } from './watch/index.ts'
import { wc } from './wc/index.ts'
import { wget } from './wget/index.ts'
import { whoami } from './whoami/index.ts'
import { which } from './which/index.ts'
import { why } from './why/index.ts'
import { xargs } from './xargs/index.ts'
import { xxd } from './xxd/index.ts'
import { yes } from './yes/index.ts'
import { column } from './column/index.ts'
import { comm } from './comm/index.ts'
import { du } from './du/index.ts'
import { expand } from './expand/index.ts'
import { fold } from './fold/index.ts'
import { join } from './join/index.ts'
import { nl } from './nl/index.ts'
import { paste } from './paste/index.ts'
import { realpath } from './realpath/index.ts'
import { rev } from './rev/index.ts'
import { truncate } from './truncate/index.ts'

export const COMMANDS = registry({
  ab,
  arp,
  arping,
  arptables,
  'arptables-restore': arptablesRestore,
  'arptables-save': arptablesSave,
  awk,
  base64,
  basename,
  cat,
  chmod,
  clear,
  column,
  comm,
  conntrack,
  du,
  expand,
  fold,
  join,
  nft,
  cp,
  curl,
  cut,
  date,
  df,
  diff,
  dirname,
  dmesg,
  dnf,
  env,
  false: falseCommand,
  find,
  'firewall-cmd': firewallCmd,
  free,
  gawk,
  grep,
  head,
  hostname,
  hostnamectl,
  id,
  ifconfig,
  ip,
  iptables,
  ipvsadm: ipvsadmCommand,
  'ipvsadm-restore': ipvsadmRestore,
  'ipvsadm-save': ipvsadmSave,
  journalctl,
  less,
  ln,
  ls,
  lsmod,
  md5sum,
  mkdir,
  modprobe,
  more,
  mv,
  nano,
  nc,
  ncat,
  netstat,
  nl,
  nmcli,
  od,
  paste,
  pgrep,
  ping,
  pkill,
  ps,
  realpath,
  reboot,
  readlink,
  rev,
  rm,
  rmmod,
  route,
  rpm,
  sed,
  seq,
  sha1sum,
  sha224sum,
  sha256sum,
  sha384sum,
  sha512sum,
  sleep,
  sort,
  ss,
  stat,
  sysctl,
  systemctl,
  tac,
  tail,
  tcpdump,
  tee,
  telnet,
  timeout,
  touch,
  tr,
  true: trueCommand,
  truncate,
  uname,
  uniq,
  uptime,
  vi,
  vim,
  watch,
  wc,
  wget,
  which,
  whoami,
  why,
  xargs,
  xxd,
  yes,
  yum,
})
