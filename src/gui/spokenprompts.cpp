#include "spokenprompts.h"

#include "guilogging.h"

#include <QTextToSpeech>

using namespace Qt::StringLiterals;

namespace kiosk {

namespace {
// The preview updates its instruction many times a second; repeat a prompt only after this.
constexpr qint64 RepeatAfterMs = 6000;
} // namespace

SpokenPrompts::SpokenPrompts(QString engine, QObject *parent)
    : QObject(parent)
    , m_engine(std::move(engine))
{}

SpokenPrompts::~SpokenPrompts() = default;

void SpokenPrompts::ensureEngine()
{
    if (m_speech)
        return;
    m_speech = m_engine.isEmpty() ? std::make_unique<QTextToSpeech>()
                                  : std::make_unique<QTextToSpeech>(m_engine);
    if (m_speech->state() == QTextToSpeech::Error) {
        m_problem = u"the speech engine '%1' does not work here"_s.arg(
            m_engine.isEmpty() ? u"default"_s : m_engine);
        qCWarning(lcGui) << "spoken prompts unavailable:" << m_problem;
    }
}

void SpokenPrompts::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (enabled) {
        ensureEngine();
        setLanguage(m_language);
    } else {
        if (m_speech)
            m_speech->stop();
        m_last.clear();
    }
}

void SpokenPrompts::setLanguage(const QLocale &language)
{
    m_language = language;
    if (!m_speech)
        return;
    const QList<QLocale> locales = m_speech->availableLocales();
    const auto match = std::find_if(locales.begin(), locales.end(), [&](const QLocale &l) {
        return l.language() == language.language();
    });
    if (match != locales.end()) {
        m_speech->setLocale(*match);
        m_problem.clear();
    } else if (m_speech->state() != QTextToSpeech::Error) {
        m_problem = u"no voice for %1"_s.arg(QLocale::languageToString(language.language()));
    }
}

void SpokenPrompts::say(const QString &text)
{
    if (!m_enabled || text.isEmpty())
        return;
    if (text == m_last && m_sinceLast.isValid() && m_sinceLast.elapsed() < RepeatAfterMs)
        return;
    m_last = text;
    m_sinceLast.start();
    ensureEngine();
    m_speech->stop();
    m_speech->say(text);
}

} // namespace kiosk
