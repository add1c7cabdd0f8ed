/**
 * Packaging: `npm run dist` (electron-vite build, then electron-builder, which looks for
 * `electron-builder.{yml,yaml,json,json5,toml,js,cjs,ts}` in that order and loads this one with
 * jiti: so no other of those files may appear, and this name cannot become `*.config.ts`). Typed,
 * so a misspelt key (a fuse above all) fails `tsc -b`; tests/unit/shell/fuses.test.ts imports it
 * and asserts the security-relevant parts.
 *
 * Needs the network on the packaging machine: electron-builder downloads the Electron runtime for
 * the target, and `npmRebuild` rebuilds better-sqlite3 against Electron's ABI
 * (docs/native-modules.md).
 */
import type { Configuration } from 'electron-builder';

type FuseOptions = NonNullable<Configuration['electronFuses']>;

/**
 * Electron's fuses, flipped in the packaged binary right before signing (docs/architecture.md,
 * "Electron security checklist"). Every fuse electron-builder knows is decided here: the type
 * fails the build if a new one appears (only the macOS-only signature reset is left to it).
 */
export const electronFuses = {
  // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node. The app never forks itself
  // (scripts/start.mjs uses it only on the development binary, which has no fuses flipped).
  runAsNode: false,
  // Cookies on disk encrypted with the OS's key (DPAPI on Windows, the keyring on Linux). Vigil
  // sets none itself; a platform's stream server may. One-way: never turn it back off.
  enableCookieEncryption: true,
  // No NODE_OPTIONS / NODE_EXTRA_CA_CERTS, no --inspect or SIGUSR1 debugger in the field.
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  // app.asar is checked against the hash electron-builder embeds in the executable (Windows and
  // macOS; Linux has no such check), and it is the only place the app is loaded from: no `app/`
  // folder dropped next to it. The unpacked better-sqlite3 binding is outside both checks.
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  // We ship no browser-process V8 snapshot.
  loadBrowserProcessSpecificV8Snapshot: false,
  // The renderer is served from vigil://app, never file://: file pages get no extra powers.
  grantFileProtocolExtraPrivileges: false,
} as const satisfies Required<Omit<FuseOptions, 'resetAdHocDarwinSignature'>>;

const config: Configuration = {
  appId: 'cn.vigil.workstation',
  productName: 'Vigil',
  copyright: 'Copyright © 2026 Vigil',
  // What the package ships: the electron-vite build (main, preload, renderer) and package.json.
  // Dependencies come in through electron-builder's production node_modules collection.
  directories: {
    output: 'dist',
    buildResources: 'build',
  },
  files: ['out/**/*', 'package.json', '!**/*.map', '!**/*.{ts,tsx,md}'],
  // Native code cannot be loaded from inside an asar archive: better-sqlite3's binding sits next
  // to it, unpacked (app.asar.unpacked/…); the `bindings` loader finds it there. The
  // onlyLoadAppFromAsar fuse allows that: it decides where the app's code is, not its natives.
  asar: true,
  asarUnpack: ['**/node_modules/better-sqlite3/**/*.node'],
  electronFuses,
  // Rebuild native dependencies for the packaged Electron, whatever the last local build was for.
  npmRebuild: true,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  // The simulator's media segments (electron/sim finds them at <resources>/media).
  extraResources: [{ from: 'resources/media', to: 'media', filter: ['**/*'] }],
  // Chinese and English UI strings ship inside the renderer bundle; keep only the locales of
  // Chromium's own dialogs that a command hall uses.
  electronLanguages: ['zh-CN', 'en-US'],
  artifactName: '${productName}-${version}-${os}-${arch}.${ext}',

  win: {
    target: [
      { target: 'msi', arch: ['x64'] },
      { target: 'nsis', arch: ['x64'] },
    ],
    legalTrademarks: 'Vigil',
    // Writes to its own user-data folder only; no elevation at run time.
    requestedExecutionLevel: 'asInvoker',
  },
  msi: {
    oneClick: false,
    perMachine: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Vigil 视频值守',
    menuCategory: 'Vigil',
    // Fixed so an MSI of a newer version upgrades the installed one in place.
    upgradeCode: '5b0b6f0e-7e7a-4c47-9a51-2f3f8a6c1d42',
  },
  nsis: {
    oneClick: false,
    perMachine: true,
    allowToChangeInstallationDirectory: true,
    shortcutName: 'Vigil 视频值守',
    installerLanguages: ['zh_CN', 'en_US'],
    language: '2052',
    multiLanguageInstaller: true,
    unicode: true,
    deleteAppDataOnUninstall: false,
  },

  linux: {
    target: [
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64'] },
    ],
    category: 'Video',
    executableName: 'vigil',
    maintainer: 'Vigil maintainers <maintainers@vigil.example.cn>',
    vendor: 'Vigil',
    synopsis: '视频监控值守与调度工作站 (video-wall and dispatch workstation)',
    description:
      'Vigil 是公安指挥大厅的视频值守与调度工作站：一台值机席加多块拼接屏，' +
      '视频巡查、轮巡、标记与指令下发。Video-wall and dispatch workstation for ' +
      'public-security command halls.',
    desktop: {
      entry: {
        Name: 'Vigil',
        'Name[zh_CN]': 'Vigil 视频值守',
        GenericName: 'Video wall workstation',
        'GenericName[zh_CN]': '视频监控值守工作站',
        Comment: 'Video-wall and dispatch workstation',
        'Comment[zh_CN]': '公安指挥大厅视频值守与调度',
        Categories: 'AudioVideo;Video;',
        StartupWMClass: 'Vigil',
      },
    },
  },
  deb: {
    packageName: 'vigil',
    priority: 'optional',
    // Chinese fonts for the labels on the wall (Noto CJK, or WenQuanYi on older distributions).
    recommends: ['fonts-noto-cjk | fonts-wqy-microhei'],
  },
};

export default config;
