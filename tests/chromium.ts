/**
 * Debian's Chromium and the flags that work on this kind of machine (no GPU, no sandbox, no
 * downloads), shared by the Playwright projects and the benches: never `playwright install`.
 */
export const chromiumPath = process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];
