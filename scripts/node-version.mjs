// Which Node.js runs Vigil (`npm start` checks it first, scripts/start.mjs).
//
// What asks for what (the packages' own "engines"):
// - the build (vite 8, electron-vite 6, @vitejs/plugin-react), hence `npm start`, `npm run serve`,
//   the browser host and `npm test`: Node ^20.19 or >= 22.12 (vite loads its config with
//   require(esm), which 20.19 and 22.12 have unflagged; 21 and 22.0-22.11 do not);
// - Electron 45's own tooling: electron (its runtime download at first start), @electron/get,
//   @electron/rebuild, extract-zip and @electron/rebuild's node-abi: Node >= 22.12. On Node 20
//   `npm ci` prints EBADENGINE warnings for them; they are expected, the install completes, and
//   everything above runs. To run the Electron app itself, or `npm run dist`, use 22.12 or newer.

export const minimum = '20.19';
export const electronMinimum = '22.12';

/** [major, minor, patch] of "v20.19.1" or "20.19.1". */
function parse(version) {
  const [major = 0, minor = 0, patch = 0] = String(version)
    .replace(/^v/, '')
    .split('.')
    .map((n) => Number.parseInt(n, 10) || 0);
  return [major, minor, patch];
}

/**
 * What this Node can do (pure).
 * @param {string} version e.g. process.version
 * @returns {{ ok: boolean, electronTooling: boolean }}
 */
export function nodeSupport(version) {
  const [major, minor] = parse(version);
  const electronTooling = major > 22 || (major === 22 && minor >= 12);
  const ok = electronTooling || (major === 20 && minor >= 19);
  return { ok, electronTooling };
}

/**
 * The one line `npm start` prints about Node, or null when there is nothing to say.
 * @returns {{ level: 'refuse' | 'note', line: string } | null}
 */
export function nodeCheckLine(version) {
  const { ok, electronTooling } = nodeSupport(version);
  if (!ok) {
    return {
      level: 'refuse',
      line: `Vigil needs Node.js ${minimum}+ (20.x) or ${electronMinimum}+; this is ${version}: install Node.js 22 LTS (https://nodejs.org or your distribution's nodejs package), then npm ci again`,
    };
  }
  if (!electronTooling) {
    return {
      level: 'note',
      line: `Node.js ${version} runs the browser host, the build and the tests; Electron's own tools (its runtime download, @electron/rebuild, electron-builder) ask for ${electronMinimum}+, hence npm ci's EBADENGINE warnings`,
    };
  }
  return null;
}
