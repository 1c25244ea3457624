// The command registry: a literal table of every program the lab's hosts know, one folder each.
// `help` and tab completion read it; a command whose package is not installed does not exist.

import { arptables, arptablesRestore, arptablesSave } from './arptables/index.ts'
import { arp } from './arp/index.ts'
import { cat } from './cat/index.ts'
import { chmod } from './chmod/index.ts'
import { clear } from './clear/index.ts'
import { conntrack } from './conntrack/index.ts'
import { cp } from './cp/index.ts'
import { curl } from './curl/index.ts'
import { date } from './date/index.ts'
import { dnf, yum } from './dnf/index.ts'
import { firewallCmd } from './firewall-cmd/index.ts'
import { grep } from './grep/index.ts'
import { registry } from './guard.ts'
import { head } from './head/index.ts'
import { hostname } from './hostname/index.ts'
import { ip } from './ip/index.ts'
import { iptables } from './iptables/index.ts'
import { ipvsadmCommand } from './ipvsadm/index.ts'
import { ipvsadmRestore } from './ipvsadm-restore/index.ts'
import { ipvsadmSave } from './ipvsadm-save/index.ts'
import { ls } from './ls/index.ts'
import { lsmod } from './lsmod/index.ts'
import { mkdir } from './mkdir/index.ts'
import { modprobe } from './modprobe/index.ts'
import { mv } from './mv/index.ts'
import { nmcli } from './nmcli/index.ts'
import { pgrep, pkill } from './pgrep/index.ts'
import { ping } from './ping/index.ts'
import { ps } from './ps/index.ts'
import { reboot } from './reboot/index.ts'
import { rm } from './rm/index.ts'
import { rmmod } from './rmmod/index.ts'
import { sleep } from './sleep/index.ts'
import { ss } from './ss/index.ts'
import { sysctl } from './sysctl/index.ts'
import { systemctl } from './systemctl/index.ts'
import { tail } from './tail/index.ts'
import { tcpdump } from './tcpdump/index.ts'
import { touch } from './touch/index.ts'
import { vi, vim } from './vim/index.ts'
import { watch } from './watch/index.ts'
import { wc } from './wc/index.ts'
import { why } from './why/index.ts'

export const COMMANDS = registry({
  arp,
  arptables,
  'arptables-restore': arptablesRestore,
  'arptables-save': arptablesSave,
  cat,
  chmod,
  clear,
  conntrack,
  cp,
  curl,
  date,
  dnf,
  'firewall-cmd': firewallCmd,
  grep,
  head,
  hostname,
  ip,
  iptables,
  ipvsadm: ipvsadmCommand,
  'ipvsadm-restore': ipvsadmRestore,
  'ipvsadm-save': ipvsadmSave,
  ls,
  lsmod,
  mkdir,
  modprobe,
  mv,
  nmcli,
  pgrep,
  ping,
  pkill,
  ps,
  reboot,
  rm,
  rmmod,
  sleep,
  ss,
  sysctl,
  systemctl,
  tail,
  tcpdump,
  touch,
  vi,
  vim,
  watch,
  wc,
  why,
  yum,
})
