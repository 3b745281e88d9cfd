#pragma once

#include <QLocale>
#include <QStringList>

class QCoreApplication;
class QTranslator;

namespace kiosk {

// Installs the project's translators (and Qt's own, when Debian ships them) for a
// language, replacing the ones installed before. English needs none: it is the
// source language. Layout direction follows from the translation of
// QT_LAYOUT_DIRECTION in the GUI catalogue, never from code.
class Translations
{
public:
    // Catalogue base names to load, e.g. {"core", "kiosk"}: ":/i18n/<name>_<lang>.qm".
    explicit Translations(QStringList catalogues);
    ~Translations();
    Translations(const Translations &) = delete;
    Translations &operator=(const Translations &) = delete;

    // Returns false if a project catalogue for that language is missing.
    bool install(const QLocale &locale);
    QLocale current() const { return m_locale; }

private:
    void removeAll();

    QStringList m_catalogues;
    QList<QTranslator *> m_installed;
    QLocale m_locale{QLocale::English};
};

} // namespace kiosk
