/**
 * `local/layers`: the layer table of docs/architecture.md ("Layers, and the lint that keeps them
 * apart"), enforced the way VS Code's local `code-layering` / `code-import-patterns` rules do it.
 *
 * For each linted file the rule finds its layer from its path (relative to the repository root,
 * the folder above this one). Files outside the six layers (tests/, scripts/, config files) are not
 * fenced. In a fenced file it checks every module specifier:
 *   import … from 'x'; import 'x'; import type … from 'x'; import x = require('x')
 *   export … from 'x'; export * from 'x'
 *   import('x')           (a computed specifier is reported: the rule cannot check it)
 *   require('x')          (likewise)
 *   typeof import('x')    (a type that names a module)
 * A relative specifier is resolved against the file to find the layer it lands in; a bare one is a
 * package, looked up in the lists below. A package in no list is reported too, so a new dependency
 * gets a row here (and in the table) before a fenced layer uses it.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const SHARED = 'shared';
const RENDERER = 'renderer';
const STATION = 'electron/station';
const SERVE = 'electron/serve';
const SIM = 'electron/sim';
const SHELL = 'electron/shell';
const LAYERS = [SHARED, RENDERER, STATION, SERVE, SIM, SHELL];

/** Packages that run anywhere: allowed in every layer. */
const PURE = ['zod'];
/** Packages that need a page (DOM): the renderer's. */
const BROWSER = [
  'react',
  'react-dom',
  'hls.js',
  'mux.js',
  'leaflet',
  'echarts',
  'i18next',
  'react-i18next',
  '@tanstack/*',
];
/** Node-only packages, each with the layers that may use it (electron/shell may use all). */
const NODE_PACKAGES = {
  'better-sqlite3': [STATION],
  mqtt: [STATION],
  'csv-parse': [STATION],
  ws: [SERVE],
  aedes: [SIM],
  pngjs: [SIM],
  electron: [],
};

/**
 * What each layer may import, besides itself. `node` is the Node built-ins; a layer may use a
 * Node-only package when NODE_PACKAGES names it. electron/shell is not fenced: it may import
 * everything above, and electron — the only folder that may.
 */
const FENCES = {
  [SHARED]: { layers: [], node: false, browser: false },
  [RENDERER]: { layers: [SHARED], node: false, browser: true },
  [STATION]: { layers: [SHARED, SIM], node: true, browser: false },
  [SERVE]: { layers: [SHARED, STATION], node: true, browser: false },
  [SIM]: { layers: [SHARED], node: true, browser: false },
};

/** Why an arrow between two layers is wrong, by `from > to`, then by `from > *`. */
const LAYER_REASONS = {
  [`${SHARED} > *`]: 'shared/ runs in every layer and may import only shared/ and pure packages',
  [`${RENDERER} > *`]:
    'the renderer is a sandboxed page and reaches the core only through the contract (shared/api.ts)',
  [`${STATION} > ${SERVE}`]:
    'the browser host wraps the station, and the station must not know who hosts it',
  [`${STATION} > ${SHELL}`]:
    'the Electron shell hosts the station, and the station must not know who hosts it (it also runs headless under electron/serve)',
  [`${SERVE} > ${SIM}`]:
    'the browser host serves the station and reaches the simulator only through it',
  [`${SERVE} > ${SHELL}`]: 'the browser host runs without Electron; electron/shell is the app’s',
  [`${SIM} > ${STATION}`]: 'the simulator plays the platform and must not know the station',
  [`${SIM} > ${SERVE}`]: 'the simulator plays the platform and must not know who hosts the station',
  [`${SIM} > ${SHELL}`]: 'the simulator plays the platform and must not know who hosts the station',
  [`* > ${RENDERER}`]: 'Node code reaches the renderer only through the contract (shared/api.ts)',
};

/** Why `electron` is wrong outside electron/shell, by layer. */
const ELECTRON_REASONS = {
  [SHARED]: 'shared/ runs in every layer',
  [RENDERER]: 'the renderer reaches the core only through the contract (shared/api.ts)',
  [STATION]: 'the station also runs headless under electron/serve',
  [SERVE]: 'the browser host runs without Electron',
  [SIM]: 'the simulator runs without Electron (npm run sim)',
};

const NODE_REASONS = {
  [SHARED]: 'shared/ runs in every layer, the sandboxed page included: no Node',
  [RENDERER]: 'the renderer runs in a sandboxed page: no Node',
};

const builtins = new Set(builtinModules);

function posix(p) {
  return p.split(path.sep).join('/');
}

/** The layer a root-relative path lies in, or undefined. */
function layerOf(rel) {
  return LAYERS.find((layer) => rel === layer || rel.startsWith(`${layer}/`));
}

/** The package a bare specifier names: `@scope/name` or `name` (subpath and query dropped). */
function packageOf(specifier) {
  const parts = specifier.split('?')[0].split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function isBuiltin(specifier) {
  return (
    specifier.startsWith('node:') ||
    builtins.has(specifier) ||
    builtins.has(specifier.split('/')[0])
  );
}

function inList(list, pkg) {
  return list.some((entry) =>
    entry.endsWith('/*') ? pkg.startsWith(entry.slice(0, -1)) : entry === pkg,
  );
}

/** Why `from` may not import the package, or undefined when it may. */
function packageProblem(from, specifier) {
  const fence = FENCES[from];
  if (isBuiltin(specifier)) {
    return fence.node ? undefined : NODE_REASONS[from];
  }
  const pkg = packageOf(specifier);
  if (inList(PURE, pkg)) return undefined;
  if (inList(BROWSER, pkg)) {
    if (fence.browser) return undefined;
    return from === SHARED
      ? 'shared/ runs in Node too: browser packages belong to renderer'
      : `${from} runs in Node: browser packages belong to renderer`;
  }
  if (pkg in NODE_PACKAGES) {
    if (pkg === 'electron') return `only electron/shell may; ${ELECTRON_REASONS[from]}`;
    const owners = NODE_PACKAGES[pkg];
    if (owners.includes(from)) return undefined;
    if (!fence.node) return NODE_REASONS[from];
    return `it belongs to ${[...owners, SHELL].join(' and ')}`;
  }
  return 'the package is in no list of eslint-rules/layers.js; say there which layers may use it (and in the table of docs/architecture.md)';
}

/** @type {import('eslint').Rule.RuleModule} */
const layers = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Enforce the layer table of docs/architecture.md on imports, exports, import() and require()',
    },
    schema: [],
    messages: {
      forbidden: '{{from}} may not import {{what}}: {{why}}.',
      computed:
        '{{from}} may not {{how}} a computed specifier: the layer rule cannot check it; use a string literal.',
    },
  },
  create(context) {
    const file = posix(path.relative(ROOT, context.filename));
    const from = layerOf(file);
    const fence = from && FENCES[from];
    if (!fence) return {};

    function check(node, specifier) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = posix(
          path.relative(
            ROOT,
            path.resolve(path.dirname(context.filename), specifier.split('?')[0]),
          ),
        );
        const to = layerOf(target);
        if (to === from || (to && fence.layers.includes(to))) return;
        const why = to
          ? (LAYER_REASONS[`${from} > ${to}`] ??
            LAYER_REASONS[`${from} > *`] ??
            LAYER_REASONS[`* > ${to}`])
          : 'it lies outside the layers, and product code does not import tests, scripts or config';
        context.report({
          node,
          messageId: 'forbidden',
          data: { from, what: to ?? `'${specifier}' (${target})`, why },
        });
        return;
      }
      const why = packageProblem(from, specifier);
      if (why)
        context.report({
          node,
          messageId: 'forbidden',
          data: { from, what: `'${specifier}'`, why },
        });
    }

    /** Check a specifier node: a string literal, a template without `${}`, or report it. */
    function checkSource(node, source, how) {
      if (source?.type === 'Literal' && typeof source.value === 'string') {
        check(node, source.value);
      } else if (source?.type === 'TemplateLiteral' && source.expressions.length === 0) {
        check(node, source.quasis[0].value.cooked);
      } else {
        context.report({ node, messageId: 'computed', data: { from, how } });
      }
    }

    return {
      ImportDeclaration: (node) => checkSource(node, node.source, 'import'),
      ExportNamedDeclaration: (node) => node.source && checkSource(node, node.source, 'export'),
      ExportAllDeclaration: (node) => checkSource(node, node.source, 'export'),
      ImportExpression: (node) => checkSource(node, node.source, 'import()'),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
          if (node.arguments.length > 0) checkSource(node, node.arguments[0], 'require()');
        }
      },
      TSImportEqualsDeclaration(node) {
        if (node.moduleReference.type === 'TSExternalModuleReference') {
          checkSource(node, node.moduleReference.expression, 'require()');
        }
      },
      TSImportType(node) {
        const source =
          node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.source;
        checkSource(node, source, 'import()');
      },
    };
  },
};

export default { meta: { name: 'local' }, rules: { layers } };
