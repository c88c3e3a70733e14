// The DSFR script must not touch the DOM before Leptos has hydrated it:
// start it in manual mode; dsfr-start.js starts it once hydration is done.
window.dsfr = { mode: 'manual', verbose: false };
