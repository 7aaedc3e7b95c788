import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../i18n/en.json';
import id from '../i18n/id.json';

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Indonesian is the default; the user's choice is remembered in this localStorage key. */
export const LANGUAGE_STORAGE_KEY = 'netra.language';

/** English must have exactly the keys of Indonesian (checked by the type checker). */
const english: typeof id = en;

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
