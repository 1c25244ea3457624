// nano's command-line options (src/nano.c, long_options[]) as getopt_long reads them: the list of
// nano 5.4's --help (recorded from bullseye's nano, RHEL 9's is 5.6.1) with 5.5's -_/--minibar.
// The lab's nano only opens the file it is given: every option is known and refused as not
// simulated, --help and --version too, since 5.6.1's texts are not available to record.

import { defineArgs, type OptDef } from '../../args/index.ts'

/** `LETTER long` for a flag, `LETTER long=` for an option that takes a value. */
const LIST =
  'A smarthome,B backup,C backupdir=,D boldtext,E tabstospaces,F multibuffer,G locking,H historylog,I ignorercfiles,J guidestripe=,K rawsequences,L nonewlines,M trimblanks,N noconvert,O bookstyle,P positionlog,Q quotestr=,R restricted,S softwrap,T tabsize=,U quickblank,V version,W wordbounds,X wordchars=,Y syntax=,Z zap,a atblanks,b breaklonglines,c constantshow,d rebinddelete,e emptyline,f rcfile=,g showcursor,h help,i autoindent,j jumpyscrolling,k cutfromcursor,l linenumbers,m mouse,n noread,o operatingdir=,p preserve,q indicator,r fill=,s speller=,t saveonexit,u unix,v view,w nowrap,x nohelp,y afterends,z suspendable,% stateflags,_ minibar'

export const ARGS = defineArgs({
  usageStatus: 1,
  tryHelp: () => '',
  options: Object.fromEntries(
    LIST.split(',').map((item) => {
      const [short, long] = item.split(' ')
      const def: OptDef = long.endsWith('=') ? { short, long: long.slice(0, -1), arg: 'required', unsimulated: true } : { short, long, unsimulated: true }
      return [long.replace('=', ''), def]
    }),
  ),
})
