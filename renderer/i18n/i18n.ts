/**
 * i18next set up once per page, synchronously (resources are bundled: a wall must label its
 * tiles in the first frame, not after a fetch).
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { dispatchEn } from './dispatch.en';
import { dispatchZhCN } from './dispatch.zh-CN';
import { en } from './en';
import { mapSearchEn } from './map-search.en';
import { mapSearchZhCN } from './map-search.zh-CN';
import {
  configuredLanguage,
  languageChosenElsewhere,
  languageStorageKey,
  pickLanguage,
  type Language,
} from './language';
import { zhCN } from './zh-CN';

export const resources = {
  en: { translation: { ...en, dispatch: dispatchEn, mapSearch: mapSearchEn } },
  'zh-CN': { translation: { ...zhCN, dispatch: dispatchZhCN, mapSearch: mapSearchZhCN } },
} as const;

function storedLanguage(): string | null {
  try {
    return window.localStorage.getItem(languageStorageKey);
  } catch {
    return null; // storage can be disabled (kiosk profiles); fall back to the OS locale
  }
}

export function initI18n(): I18n {
  const language = pickLanguage([navigator.language, ...navigator.languages], storedLanguage());
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = language;
  followLanguageChoice(i18next, window);
  return i18next;
}

/** Where `storage` events come from (the window; a stand-in in tests). */
export interface StorageEvents {
  addEventListener(type: 'storage', listener: (event: StorageEvent) => void): void;
  removeEventListener(type: 'storage', listener: (event: StorageEvent) => void): void;
}

/**
 * Every window of the station follows a language chosen in another (the desk's switch): the
 * choice is stored in localStorage, and the browser tells the other windows of the origin with a
 * `storage` event (never the window that wrote it). Without this a wall kept its language until it
 * was reloaded. Returns the removal.
 */
export function followLanguageChoice(
  i18n: Pick<I18n, 'language' | 'changeLanguage'>,
  target: StorageEvents,
  root: { lang: string } | null = typeof document === 'undefined' ? null : document.documentElement,
): () => void {
  const onStorage = (event: StorageEvent): void => {
    const language = languageChosenElsewhere(event, i18n.language);
    if (!language) return;
    void i18n.changeLanguage(language);
    if (root) root.lang = language;
  };
  target.addEventListener('storage', onStorage);
  return () => target.removeEventListener('storage', onStorage);
}

/** Follows the station's configured locale unless the operator chose a language here. */
export function applyConfiguredLanguage(i18n: I18n, locale: string): void {
  const language = configuredLanguage(storedLanguage(), locale);
  if (!language || language === i18n.language) return;
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

export function setLanguage(i18n: I18n, language: Language): void {
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(languageStorageKey, language);
  } catch {
    // Not remembered across restarts; still switched for this session.
  }
}
