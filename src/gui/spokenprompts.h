#pragma once

#include <QElapsedTimer>
#include <QLocale>
#include <QObject>
#include <QString>

#include <memory>

class QTextToSpeech;

namespace kiosk {

// Reads the wizard's prompts aloud (page titles, capture instructions) for a customer who
// cannot read the screen; the customer turns it on at the welcome page and it ends with the
// session. Only prompts are spoken, never what the service read from the card.
class SpokenPrompts : public QObject
{
    Q_OBJECT

public:
    // engine: a Qt TextToSpeech engine name ("speechd", "flite"), empty for Qt's default.
    explicit SpokenPrompts(QString engine, QObject *parent = nullptr);
    ~SpokenPrompts() override;

    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled);
    void setLanguage(const QLocale &language);
    // Speaks `text` unless disabled, empty, or the same prompt was spoken moments ago.
    void say(const QString &text);

    // What was last handed to the engine (tests); cleared when disabled.
    QString lastSpoken() const { return m_last; }
    // Empty when speech works; else why not (no engine, no voice for the language).
    QString problem() const { return m_problem; }

private:
    void ensureEngine();

    QString m_engine;
    std::unique_ptr<QTextToSpeech> m_speech;
    QLocale m_language{QLocale::English};
    bool m_enabled = false;
    QString m_last;
    QString m_problem;
    QElapsedTimer m_sinceLast;
};

} // namespace kiosk
