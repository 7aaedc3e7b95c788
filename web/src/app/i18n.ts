import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import analyticsEn from '../i18n/analytics.en.json';
import analyticsId from '../i18n/analytics.id.json';
import casesEn from '../i18n/cases.en.json';
import casesId from '../i18n/cases.id.json';
import coreEn from '../i18n/en.json';
import coreId from '../i18n/id.json';
import monitoringEn from '../i18n/monitoring.en.json';
import monitoringId from '../i18n/monitoring.id.json';
import preventionEn from '../i18n/prevention.en.json';
import preventionId from '../i18n/prevention.id.json';
import reportsEn from '../i18n/reports.en.json';
import reportsId from '../i18n/reports.id.json';

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Indonesian is the default; the user's choice is remembered in this localStorage key. */
export const LANGUAGE_STORAGE_KEY = 'netra.language';

/**
 * Messages: the shared ones (`id.json`) plus one file per feature area, under its own top-level key,
 * so features add texts without touching each other's files.
 */
const id = {
  ...coreId,
  monitoring: monitoringId,
  reports: reportsId,
  cases: casesId,
  prevention: preventionId,
  analytics: analyticsId,
};

/** English must have exactly the keys of Indonesian (checked by the type checker). */
const english: typeof id = {
  ...coreEn,
  monitoring: monitoringEn,
  reports: reportsEn,
  cases: casesEn,
  prevention: preventionEn,
  analytics: analyticsEn,
};

export const resources = { id: { translation: id }, en: { translation: english } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof id };
  }
}

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : 'id';
  } catch {
    return 'id';
  }
}

/** Switches the UI language, remembers it and updates `<html lang>`. */
export async function setLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
}

/** Current UI language. */
export const currentLanguage = (): Language => (isLanguage(i18next.language) ? i18next.language : 'id');

export async function initI18n(): Promise<typeof i18next> {
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
    try {
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch {
      // Private mode or storage disabled: the choice just is not remembered.
    }
  });
  await i18next.use(initReactI18next).init({
    resources,
    lng: storedLanguage(),
    fallbackLng: 'id',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}
