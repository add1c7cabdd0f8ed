/**
 * Every keyboard shortcut of the desk and the walls, in one list: the handlers ask `matches` (or
 * read a shortcut's keys) and the help overlay (`?`, HelpOverlay.tsx) lists the same entries, so
 * what the overlay says cannot drift from what the keys do. A shortcut's words are
 * `keys.shortcut.<id>` in renderer/i18n/keys.*.ts; its key caps are `caps` (words under
 * `keys.cap.*` where a key has a name) or else its keys.
 */
import { faultKinds, stopMarks } from '../../shared/domain/watch';

export type ShortcutScope = 'desk' | 'wall';
export const shortcutGroups = ['general', 'entry', 'tree', 'rotation', 'tour'] as const;
export type ShortcutGroup = (typeof shortcutGroups)[number];

export interface Shortcut {
  scopes: readonly ShortcutScope[];
  group: ShortcutGroup;
  /** `KeyboardEvent.key` values that do it. */
  keys: readonly string[];
  /** With Alt held (and only then). */
  alt?: true;
  /** What the overlay shows for the keys when not the keys themselves (a range, "Alt+1…5"). */
  caps?: readonly string[];
}

const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
const both = ['desk', 'wall'] as const;

/** The mark keys at an open tour stop (1 normal, 2 abnormal, 3 faulty), in stopMarks order. */
export const tourMarkKeys = stopMarks.map((_, i) => String(i + 1));
/** The fault keys after the faulty key (1 black … 5 obstructed), in faultKinds order. */
export const faultKeys = faultKinds.map((_, i) => String(i + 1));

export const shortcuts = {
  help: { scopes: both, group: 'general', keys: ['?'] },
  deskTab: {
    scopes: ['desk'],
    group: 'general',
    keys: ['1', '2', '3', '4', '5'],
    alt: true,
    caps: ['Alt+1…5'],
  },
  search: { scopes: ['desk'], group: 'general', keys: ['/'] },

  // ---- the CCTV keyboard: <wall> . <tile> * <camera> Enter (at a wall: <tile> * <camera>)
  entryOpen: { scopes: both, group: 'entry', keys: digits, caps: ['0…9'] },
  entryOpenWall: { scopes: ['wall'], group: 'entry', keys: ['.', '*'] },
  entryNext: { scopes: both, group: 'entry', keys: ['.', '*'] },
  entryBack: { scopes: both, group: 'entry', keys: ['Backspace'] },
  entryPick: { scopes: both, group: 'entry', keys: ['ArrowUp', 'ArrowDown'] },
  entryGo: { scopes: both, group: 'entry', keys: ['Enter'] },
  entryCancel: { scopes: both, group: 'entry', keys: ['Escape'] },

  // ---- the camera tree at the desk
  treeMove: { scopes: ['desk'], group: 'tree', keys: ['ArrowUp', 'ArrowDown'] },
  treeOpen: { scopes: ['desk'], group: 'tree', keys: ['ArrowRight'] },
  treeClose: { scopes: ['desk'], group: 'tree', keys: ['ArrowLeft'] },
  treeEnds: { scopes: ['desk'], group: 'tree', keys: ['Home', 'End'] },
  treeSelect: { scopes: ['desk'], group: 'tree', keys: [' '] },
  treeSend: { scopes: ['desk'], group: 'tree', keys: ['Enter'] },

  // ---- a wall's rotation
  rotationPause: { scopes: ['wall'], group: 'rotation', keys: [' '] },
  rotationNext: { scopes: ['wall'], group: 'rotation', keys: ['PageDown', 'ArrowRight'] },
  rotationPrevious: { scopes: ['wall'], group: 'rotation', keys: ['PageUp', 'ArrowLeft'] },

  // ---- a tour's open stop at its wall
  tourNormal: { scopes: ['wall'], group: 'tour', keys: [tourMarkKeys[0]!] },
  tourAbnormal: { scopes: ['wall'], group: 'tour', keys: [tourMarkKeys[1]!] },
  tourFaulty: { scopes: ['wall'], group: 'tour', keys: [tourMarkKeys[2]!] },
  tourFault: {
    scopes: ['wall'],
    group: 'tour',
    keys: faultKeys,
    caps: [`${faultKeys[0]}…${faultKeys[faultKeys.length - 1]}`],
  },
  tourBack: { scopes: ['wall'], group: 'tour', keys: ['Escape'] },
  tourHoldConfirm: { scopes: ['wall'], group: 'tour', keys: ['Enter'] },
  tourHoldCancel: { scopes: ['wall'], group: 'tour', keys: ['Escape'] },
} as const satisfies Record<string, Shortcut>;

export type ShortcutId = keyof typeof shortcuts;
export const shortcutIds = Object.keys(shortcuts) as ShortcutId[];

/** Does this key press do `id`? (Ctrl and Meta never; Alt only for an Alt shortcut.) */
export function matches(
  id: ShortcutId,
  event: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey'>,
): boolean {
  const s: Shortcut = shortcuts[id];
  if (event.ctrlKey || event.metaKey || event.altKey !== (s.alt === true)) return false;
  return s.keys.includes(event.key);
}

/** The shortcuts of a window kind, by group, in list order. */
export function shortcutsFor(scope: ShortcutScope): { group: ShortcutGroup; ids: ShortcutId[] }[] {
  return shortcutGroups
    .map((group) => ({
      group,
      ids: shortcutIds.filter((id) => {
        const s: Shortcut = shortcuts[id];
        return s.group === group && s.scopes.includes(scope);
      }),
    }))
    .filter((g) => g.ids.length > 0);
}

/** Key names the overlay translates (`keys.cap.<name>`); any other key is shown as it is. */
export const namedKeys = [
  ' ',
  'Enter',
  'Escape',
  'Backspace',
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'PageUp',
  'PageDown',
  'Home',
  'End',
] as const;

/** Is the key press typed into a text field (then no shortcut takes it)? */
export function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')
    return true;
  if (target.tagName !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(type);
}
