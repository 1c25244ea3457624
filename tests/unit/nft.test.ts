// nft list ruleset against the real nft: the lab's firewalld table as the real nft lists it back,
// and iptables-nft's and arptables-nft's tables as the real programs make them
// (tests/fixtures/record-nft.ts). Then what the rules do: rich rules in firewalld's order, `nft
// flush ruleset` leaving firewalld running with nothing loaded, and nft's errors.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Lab } from '../../src/lab/lab.ts'
import { LABS } from '../../src/lab/labs/index.ts'
import { NFT_CASES, type NftCase } from '../fixtures/nft-cases.ts'
import { labListing } from '../fixtures/nft-lab.ts'

const fixture = (name: string): NftCase & { stdout: string; stderr: string } => JSON.parse(readFileSync(new URL(`../fixtures/nft/${name}.json`, import.meta.url), 'utf8'))

describe('nft list ruleset, measured against the real nft', () => {
  it.each(NFT_CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const real = fixture(name)
    expect(real.commands).toEqual(c.commands)
    const lab = labListing(c)
    expect(lab.stdout).toBe(real.stdout)
    expect(lab.stderr).toBe(real.stderr)
    expect(lab.code).toBe(0)
  })
})

function nat(): Lab {
  return new Lab(LABS.nat)
}

describe('firewalld rich rules', () => {
  it('are kept in firewalld normal form, listed, queried and removed', () => {
    const lab = nat()
    const add = lab.run('lvs', `firewall-cmd --add-rich-rule='rule source address=10.0.0.1 family=ipv4 drop'`)
    expect(add.exitCode).toBe(122)
    expect(add.stderr).toBe('Error: INVALID_RULE: source: address given without family\n')
    expect(lab.run('lvs', `firewall-cmd --add-rich-rule='rule family=ipv4 source address=10.0.0.1 drop'`).stdout).toBe('success\n')
    const again = lab.run('lvs', `firewall-cmd --add-rich-rule='rule family="ipv4" source address="10.0.0.1" drop'`)
    expect(again.stderr).toBe(`Warning: ALREADY_ENABLED: 'rule family="ipv4" source address="10.0.0.1" drop' already in 'public'\n`)
    expect(lab.run('lvs', 'firewall-cmd --list-rich-rules').stdout).toBe('rule family="ipv4" source address="10.0.0.1" drop\n')
    expect(lab.run('lvs', 'firewall-cmd --list-all').stdout).toContain('  rich rules: \n\trule family="ipv4" source address="10.0.0.1" drop\n')
    expect(lab.run('lvs', `firewall-cmd --query-rich-rule='rule family=ipv4 source address=10.0.0.1 drop'`).stdout).toBe('yes\n')
    expect(lab.run('lvs', `firewall-cmd --remove-rich-rule='rule family=ipv4 source address=10.0.0.1 drop'`).stdout).toBe('success\n')
    expect(lab.run('lvs', 'firewall-cmd --list-rich-rules').stdout).toBe('')
    expect(lab.run('lvs', 'nft list chain inet firewalld filter_IN_public_deny').stdout).toBe('table inet firewalld {\n\tchain filter_IN_public_deny {\n\t}\n}\n')
  })

  it('reject a source before the services allow it, and accept what the zone would reject', () => {
    const lab = nat()
    lab.run('lvs', 'dnf install -y httpd && echo LVS > /var/www/html/index.html && systemctl start httpd')
    expect(lab.run('client', 'curl -s -m 2 172.25.254.200').stdout).toBe('')
    lab.run('lvs', `firewall-cmd --add-rich-rule='rule family="ipv4" source address="172.25.254.111" service name="http" accept'`)
    expect(lab.run('client', 'curl -s -m 2 172.25.254.200').stdout).toBe('LVS\n')
    lab.run('lvs', `firewall-cmd --add-rich-rule='rule family="ipv4" source address="172.25.254.0/24" reject type="icmp-host-prohibited"'`)
    const refused = lab.run('client', 'curl -s -m 2 172.25.254.200; echo $?')
    expect(refused.stdout).toBe('7\n')
    const drops = lab.engine.trace.since(0).flatMap((r) => (r.type === 'drop' && r.reason.code === 'drop.firewalld_rich_reject' ? [r.reason.text] : []))
    expect(drops.at(-1)).toMatch(/^firewalld on lvs: zone public's rich rule 'rule family="ipv4" source address="172.25.254.0\/24" reject type="icmp-host-prohibited"' rejects a TCP SYN 172\.25\.254\.111:\d+ -> 172\.25\.254\.200:80$/)
  })
})

describe('nft flush ruleset', () => {
  it('deletes firewalld\'s table: nothing filters until firewall-cmd --reload loads it again', () => {
    const lab = nat()
    lab.run('lvs', 'dnf install -y httpd && echo LVS > /var/www/html/index.html && systemctl start httpd')
    expect(lab.run('client', 'curl -s -m 2 172.25.254.200; echo $?').stdout).toBe('7\n')
    expect(lab.run('lvs', 'nft flush ruleset').exitCode).toBe(0)
    expect(lab.run('lvs', 'nft list ruleset').stdout).toBe('')
    expect(lab.run('lvs', 'firewall-cmd --state').stdout).toBe('running\n')
    expect(lab.run('client', 'curl -s -m 2 172.25.254.200').stdout).toBe('LVS\n')
    lab.run('lvs', 'firewall-cmd --reload')
    expect(lab.run('lvs', 'nft list tables').stdout).toBe('table inet firewalld\n')
    expect(lab.run('client', 'curl -s -m 2 172.25.254.200; echo $?').stdout).toBe('7\n')
  })
})

describe('nft errors', () => {
  it('point at the word that failed, as nft does', () => {
    const lab = nat()
    const missing = lab.run('lvs', 'nft list table firewalld')
    expect(missing.exitCode).toBe(1)
    expect(missing.stderr).toBe('Error: No such file or directory; did you mean table ‘firewalld’ in family inet?\nlist table firewalld\n           ^^^^^^^^^\n')
    expect(lab.run('lvs', 'nft list chain inet firewalld nope').stderr).toBe('Error: No such file or directory\nlist chain inet firewalld nope\n                          ^^^^\n')
    expect(lab.run('lvs', 'nft --version').stdout).toBe('nftables v1.0.9 (Old Doc Yak #3)\n')
    const add = lab.run('lvs', 'nft add table ip x')
    expect(add.exitCode).toBe(1)
    expect(add.stderr).toBe('nft: add is not modelled in this lab (firewall-cmd, iptables and arptables change the rules here)\n')
  })
})
