import { SegmentedControl, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Language, setLanguage } from '../app/i18n.ts';

function Option({ code, name, lang }: { code: string; name: string; lang: Language }) {
  return (
    <span lang={lang} title={name}>
      {code}
      <VisuallyHidden> ({name})</VisuallyHidden>
    </span>
  );
}

/**
 * ID / EN switch. Each option is a radio button whose name is the visible code followed by the
 * language's own name ("ID (Bahasa Indonesia)", "EN (English)"), so screen readers and tests
 * find it by role, and voice control users can say what they see.
 */
export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  const value: Language = i18n.language === 'en' ? 'en' : 'id';
  return (
    <SegmentedControl
      size={size}
      value={value}
      onChange={(next) => void setLanguage(next as Language)}
      aria-label={t('language.label')}
      data={[
        { value: 'id', label: <Option code="ID" name="Bahasa Indonesia" lang="id" /> },
        { value: 'en', label: <Option code="EN" name="English" lang="en" /> },
      ]}
    />
  );
}
