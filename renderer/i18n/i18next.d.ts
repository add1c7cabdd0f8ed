// Typed keys: t('walls.title') is checked against the English resources.
import type { dispatchEn } from './dispatch.en';
import type { en } from './en';
import type { mapSearchEn } from './map-search.en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof en & { dispatch: typeof dispatchEn; mapSearch: typeof mapSearchEn };
    };
  }
}
