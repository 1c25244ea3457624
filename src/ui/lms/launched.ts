// Whether a course platform may have launched the page: it sits in a frame, was opened by another
// window, or carries cmi5's launch parameters. Nothing else can have: a top window of its own loads
// no platform code at all. Such a page also registers no service worker: a worker in the way loses
// the request that ends a cmi5 session as the page unloads (Chromium drops a keepalive POST with
// an Authorization header routed through it).

export function maybeLaunched(win: Window): boolean {
  return win.parent !== win || !!win.opener || new URLSearchParams(win.location.search).has('fetch')
}
