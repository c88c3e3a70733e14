// Starts the DSFR once the page is hydrated (the WASM dispatches
// "talents:hydrated" and sets window.__talentsHydrated).
function startDsfr() {
  if (window.dsfr && typeof window.dsfr.start === 'function') {
    window.dsfr.start();
  }
}
if (window.__talentsHydrated) {
  startDsfr();
} else {
  window.addEventListener('talents:hydrated', startDsfr, { once: true });
}
