// The moment the page's first prompt is on the screen. What the prompt does not need (the picture,
// the inspector, the event log, the lesson panel: Later.svelte) is fetched and mounted only then, so
// its code neither queues before the worker's script nor holds the main thread while the worker's
// first answer arrives and the terminal draws it. A worker that never answers (a crash before its
// first prompt) still gets the panels after SAFETY_MS, so the page is never left without them.

/** How long the panels wait for a first prompt that does not come. */
const SAFETY_MS = 3000

let release: () => void = () => {}
/** Resolves once a terminal has drawn its first output (or after SAFETY_MS). */
export const firstPromptShown: Promise<void> = new Promise<void>((resolve) => (release = resolve))
let written = false

/**
 * A terminal has parsed output. The frame that draws it comes next; the panels start after that
 * frame, so their work never delays it.
 */
export function terminalWritten(): void {
  if (written) return
  written = true
  requestAnimationFrame(() => setTimeout(release))
}

setTimeout(() => release(), SAFETY_MS)
