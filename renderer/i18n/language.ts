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

export function otherLanguage(language: Language): Language {
  return language === 'zh-CN' ? 'en' : 'zh-CN';
}

/** localStorage key of the operator's choice (per station; every window follows it). */
export const languageStorageKey = 'vigil.language';
