// Offline support: every same-origin GET is answered from the cache when it can be (then refreshed
// in the background), so after one visit the lab loads with no network at all. Installing caches
// every file of the build (precache.json, written by vite.config.ts), not only those the first visit
// happened to ask for: a page closed before its later chunks arrived still opens offline.
const CACHE = 'lvs-lab-v1'

self.addEventListener('install', (event) => {
  self.skipWaiting()
  event.waitUntil(
    fetch('./precache.json')
      .then((r) => (r.ok ? r.json() : []))
      .then((files) => caches.open(CACHE).then((cache) => cache.addAll(files)))
      .catch(() => {}),
  )
})
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      // The server may vary its answer on Origin or Accept-Encoding; a module script's request carries
      // an Origin that the install's requests did not, and the file is the same either way.
      const cached = await cache.match(request, { ignoreVary: true })
      const refresh = fetch(request)
        .then((response) => {
          if (response.ok) cache.put(request, response.clone())
          return response
        })
        .catch(() => cached ?? Response.error())
      return cached ?? refresh
    }),
  )
})
