#pragma once

#include <QList>
#include <QString>

namespace kiosk {

// One INI file as the kiosk reads it: "[section]" headers, "name=value" lines, ';' or '#'
// comments. Unlike QSettings it keeps the line of every value and reports the lines it cannot
// read, so that `kioskctl doctor` can name the file and line of a mistake. Values are plain
// text (a list such as "0,120,240" stays one string); surrounding double quotes are removed.
class IniFile
{
public:
    struct Value
    {
        QString key; // "section/name"
        QString text;
        int line = 0;
    };
    struct Error
    {
        int line = 0;
        QString message;
    };

    // Parses text; an unreadable line becomes an Error, never a value.
    static IniFile parse(const QByteArray &text);

    const QList<Value> &values() const { return m_values; }
    const QList<Error> &errors() const { return m_errors; }

    // "section/name" pairs back to INI text, grouped by section in the order given.
    static QByteArray render(const QList<std::pair<QString, QString>> &values,
                             const QString &headerComment);

private:
    QList<Value> m_values;
    QList<Error> m_errors;
};

} // namespace kiosk
