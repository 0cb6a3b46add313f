/* The service worker of the installable app (PWA): it keeps the app shell (index.html and every
 * built asset, listed at build time) so the check-in desk opens without network. API requests are
 * never cached: the desk keeps its own offline copies and queue in IndexedDB. */
const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const CACHE = `ttdn-shell-${VERSION}`;
const SHELL = '/';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // The server answers "/" with the app only to a request that accepts HTML.
      await cache.put(SHELL, await fetch(new Request(SHELL, { headers: { accept: 'text/html' } })));
      // One by one: a file that fails is fetched when first used instead of failing the install.
      await Promise.all(ASSETS.map((file) => cache.add(`/${file}`).catch(() => undefined)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys())
        if (key.startsWith('ttdn-shell-') && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || /^\/(api|docs|docs-json|health)(\/|$)/.test(url.pathname)) return;
  if (request.mode === 'navigate') {
    // Network first (a new build is picked up at once); the cached shell when there is none.
    event.respondWith(
      fetch(request).catch(async () => (await caches.match(SHELL, { ignoreVary: true })) ?? Response.error()),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Hashed file names: a cached copy is always the right one.
    event.respondWith(
      (async () => {
        const hit = await caches.match(request, { ignoreVary: true });
        if (hit) return hit;
        const response = await fetch(request);
        if (response.ok) (await caches.open(CACHE)).put(request, response.clone());
        return response;
      })(),
    );
  }
});
