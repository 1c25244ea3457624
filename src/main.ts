// Page entry: start the engine first (boot.ts), then load and mount the interface.
import './ui/boot.ts'
import { maybeLaunched } from './ui/lms/launched.ts'
import '@xterm/xterm/css/xterm.css'

const [{ mount }, { default: App }] = await Promise.all([import('svelte'), import('./ui/App.svelte')])
mount(App, { target: document.getElementById('app')! })

if (import.meta.env.PROD && 'serviceWorker' in navigator && !maybeLaunched(window)) void navigator.serviceWorker.register('./sw.js').catch(() => {})
