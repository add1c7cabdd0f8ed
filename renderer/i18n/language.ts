/** The interface language: the operator's last choice, else the OS locale (zh* → zh-CN, else en). */
export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (languages as readonly string[]).includes(value);

export function pickLanguage(preferred: readonly string[], stored: string | null): Language {
  if (isLanguage(stored)) return stored;
  const first = preferred.find((tag) => tag.trim() !== '');
  if (first === undefined) return 'en';
  return /^zh\b/i.test(first.trim()) ? 'zh-CN' : 'en';
}

/**
 * The language a station's config asks for (`locale` in vigil.config.json), applied only when the
 * operator has not chosen one on this machine: an operator's own choice wins.
 */
export function configuredLanguage(stored: string | null, locale: string): Language | null {
  if (isLanguage(stored)) return null;
  return isLanguage(locale) ? locale : null;
}

export function otherLanguage(language: Language): Language {
  return language === 'zh-CN' ? 'en' : 'zh-CN';
}

/** localStorage key of the operator's choice (per station; every window follows it). */
export const languageStorageKey = 'vigil.language';

/**
 * The language another window of the station just chose (a `storage` event for our key with a
 * language in it, other than the one shown), or null: nothing for this window to change.
 */
export function languageChosenElsewhere(
  event: { key: string | null; newValue: string | null },
  current: string,
): Language | null {
  if (event.key !== languageStorageKey) return null;
  return isLanguage(event.newValue) && event.newValue !== current ? event.newValue : null;
}
