// Page entry: start the engine first (boot.ts) and fetch the reader's language beside the interface,
// then mount the interface once both are in.
import './ui/boot.ts'
import { loadCatalogue, warmCatalogues } from './ui/i18n/catalogue.ts'
import { initialLocale } from './ui/i18n/locale.ts'
import { maybeLaunched } from './ui/lms/launched.ts'
import { firstPromptShown } from './ui/first-prompt.ts'
import '@xterm/xterm/css/xterm.css'

const locale = initialLocale()
void loadCatalogue(locale).catch(() => {})
const [{ mount }, { default: App }, { i18n }] = await Promise.all([import('svelte'), import('./ui/App.svelte'), import('./ui/i18n/i18n.svelte.ts')])
await i18n.ready
mount(App, { target: document.getElementById('app')! })
warmCatalogues(locale)

// The service worker starts a thread and claims the page: after the first prompt, not before it.
if (import.meta.env.PROD && 'serviceWorker' in navigator && !maybeLaunched(window)) void firstPromptShown.then(() => navigator.serviceWorker.register('./sw.js')).catch(() => {})
