/**
 * i18next set up once per page, synchronously (resources are bundled: a wall must label its
 * tiles in the first frame, not after a fetch).
 */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { dispatchEn } from './dispatch.en';
import { dispatchZhCN } from './dispatch.zh-CN';
import { en } from './en';
import { configuredLanguage, languageStorageKey, pickLanguage, type Language } from './language';
import { zhCN } from './zh-CN';

export const resources = {
  en: { translation: { ...en, dispatch: dispatchEn } },
  'zh-CN': { translation: { ...zhCN, dispatch: dispatchZhCN } },
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
  return i18next;
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
