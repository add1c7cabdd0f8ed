import { describe, expect, it } from 'vitest';
import {
  configuredLanguage,
  languageChosenElsewhere,
  languageStorageKey,
  otherLanguage,
  pickLanguage,
} from '../../../renderer/i18n/language';
import { followLanguageChoice, type StorageEvents } from '../../../renderer/i18n/i18n';
import { en } from '../../../renderer/i18n/en';
import { zhCN } from '../../../renderer/i18n/zh-CN';

describe('pickLanguage', () => {
  it('takes Chinese locales as zh-CN', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-Hans-CN', 'zh-TW', 'ZH-cn']) {
      expect(pickLanguage([tag], null)).toBe('zh-CN');
    }
  });

  it('takes everything else as English', () => {
    for (const tag of ['en-US', 'de', 'fr-FR', 'zu']) expect(pickLanguage([tag], null)).toBe('en');
    expect(pickLanguage([], null)).toBe('en');
    expect(pickLanguage(['', 'zh-CN'], null)).toBe('zh-CN');
  });

  it('prefers the operator’s stored choice, ignoring junk', () => {
    expect(pickLanguage(['zh-CN'], 'en')).toBe('en');
    expect(pickLanguage(['en-US'], 'zh-CN')).toBe('zh-CN');
    expect(pickLanguage(['en-US'], 'klingon')).toBe('en');
  });

  it('toggles between the two', () => {
    expect(otherLanguage('en')).toBe('zh-CN');
    expect(otherLanguage('zh-CN')).toBe('en');
  });
});

describe('resources', () => {
  const keys = (value: unknown, prefix = ''): string[] =>
    typeof value === 'string'
      ? [prefix]
      : Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
          keys(v, prefix ? `${prefix}.${k}` : k),
        );

  it('zh-CN and en have the same keys, none empty', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
    const values = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : Object.values(value as object).flatMap(values);
    expect(values(zhCN).filter((v) => v.trim() === '')).toEqual([]);
  });

  it('uses the field terms in Chinese', () => {
    expect(zhCN.modes).toEqual({ rotation: '自动轮巡', scheduled: '定时查巡', focus: '重点盯巡' });
    expect(zhCN.link.online).toBe('链路在线');
    expect(zhCN.link.degraded).toBe('链路降级');
    expect(zhCN.link.offline).toBe('链路离线');
    expect(zhCN.roles.watcher).toBe('值机员');
    expect(zhCN.wall.empty).toBe('无视频');
  });
});

describe('the configured locale (vigil.config.json)', () => {
  it('applies when the operator has not chosen a language on this machine', () => {
    expect(configuredLanguage(null, 'zh-CN')).toBe('zh-CN');
    expect(configuredLanguage(null, 'en')).toBe('en');
  });

  it('leaves the OS locale in charge when the config says auto', () => {
    expect(configuredLanguage(null, 'auto')).toBeNull();
  });

  it("never overrides the operator's own choice", () => {
    expect(configuredLanguage('en', 'zh-CN')).toBeNull();
    expect(configuredLanguage('zh-CN', 'en')).toBeNull();
  });

  it('ignores a stored value that is not a language', () => {
    expect(configuredLanguage('klingon', 'zh-CN')).toBe('zh-CN');
  });
});

describe('a language chosen in another window (issue #15: walls follow the desk without a reload)', () => {
  it('is taken from a storage event for the language key', () => {
    expect(languageChosenElsewhere({ key: languageStorageKey, newValue: 'en' }, 'zh-CN')).toBe(
      'en',
    );
    expect(languageChosenElsewhere({ key: languageStorageKey, newValue: 'zh-CN' }, 'en')).toBe(
      'zh-CN',
    );
  });

  it('ignores other keys, junk, a cleared storage and the language already shown', () => {
    expect(languageChosenElsewhere({ key: 'vigil.decoderBudget', newValue: 'en' }, 'zh-CN')).toBe(
      null,
    );
    expect(languageChosenElsewhere({ key: languageStorageKey, newValue: 'klingon' }, 'en')).toBe(
      null,
    );
    expect(languageChosenElsewhere({ key: null, newValue: null }, 'en')).toBe(null);
    expect(languageChosenElsewhere({ key: languageStorageKey, newValue: 'en' }, 'en')).toBe(null);
  });

  it('switches a window that listens, and stops when removed', () => {
    const target = new EventTarget();
    const changed: string[] = [];
    const i18n = {
      language: 'zh-CN',
      changeLanguage: (language?: string) => {
        changed.push(language ?? '');
        i18n.language = language ?? i18n.language;
        return Promise.resolve(((key: string) => key) as never);
      },
    };
    const root = { lang: 'zh-CN' };
    const storage = (key: string, newValue: string): Event =>
      Object.assign(new Event('storage'), { key, newValue });
    const stop = followLanguageChoice(i18n, target as unknown as StorageEvents, root);
    target.dispatchEvent(storage(languageStorageKey, 'en'));
    expect(changed).toEqual(['en']);
    expect(root.lang).toBe('en');
    target.dispatchEvent(storage('other', 'zh-CN'));
    expect(changed).toEqual(['en']);
    stop();
    target.dispatchEvent(storage(languageStorageKey, 'zh-CN'));
    expect(changed).toEqual(['en']);
  });
});
