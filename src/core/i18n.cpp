#include "i18n.h"

#include "logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace kiosk {

Translations::Translations(QStringList catalogues)
    : m_catalogues(std::move(catalogues))
{}

Translations::~Translations()
{
    removeAll();
}

void Translations::removeAll()
{
    for (QTranslator *translator : std::as_const(m_installed)) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
    m_installed.clear();
}

bool Translations::install(const QLocale &locale)
{
    removeAll();
    m_locale = locale;
    if (locale.language() == QLocale::English)
        return true;

    bool complete = true;
    const QString lang = locale.name().section(u'_', 0, 0);
    for (const QString &catalogue : std::as_const(m_catalogues)) {
        auto *translator = new QTranslator;
        if (translator->load(u":/i18n/%1_%2.qm"_s.arg(catalogue, lang))) {
            QCoreApplication::installTranslator(translator);
            m_installed.append(translator);
        } else {
            qCWarning(lcI18n) << "missing translation catalogue" << catalogue << lang;
            delete translator;
            complete = false;
        }
    }
    // Qt's own strings (standard buttons, dialogs) where Debian ships them.
    auto *qtTranslator = new QTranslator;
    if (qtTranslator->load(locale, u"qtbase"_s, u"_"_s,
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qtTranslator);
        m_installed.append(qtTranslator);
    } else {
        delete qtTranslator;
    }
    return complete;
}

} // namespace kiosk
