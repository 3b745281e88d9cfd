#include "inifile.h"

#include <QMap>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace kiosk {

namespace {
bool isValidName(QStringView name)
{
    if (name.isEmpty())
        return false;
    for (const QChar c : name) {
        if (!(c.isLetterOrNumber() || c == u'_' || c == u'-' || c == u'.'))
            return false;
    }
    return true;
}
} // namespace

IniFile IniFile::parse(const QByteArray &text)
{
    IniFile ini;
    const QString decoded = QString::fromUtf8(text);
    if (decoded.toUtf8() != text) {
        ini.m_errors.append({0, u"the file is not valid UTF-8 text"_s});
        return ini;
    }
    const QStringList lines = decoded.split(u'\n');
    QString section;
    for (int i = 0; i < lines.size(); ++i) {
        const int lineNumber = i + 1;
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(u';') || line.startsWith(u'#'))
            continue;
        if (line.startsWith(u'[')) {
            const QString name = line.mid(1, line.size() - 2).trimmed();
            if (!line.endsWith(u']') || !isValidName(name)) {
                ini.m_errors.append({lineNumber, u"a section header must look like [name]"_s});
                section = u"\n"_s; // keys below it are reported, not guessed
                continue;
            }
            section = name;
            continue;
        }
        const qsizetype equals = line.indexOf(u'=');
        if (equals <= 0) {
            ini.m_errors.append({lineNumber, u"expected name=value"_s});
            continue;
        }
        const QString name = line.left(equals).trimmed();
        if (!isValidName(name)) {
            ini.m_errors.append({lineNumber, u"the name before '=' is not a valid key name"_s});
            continue;
        }
        if (section == u"\n"_s)
            continue; // under a broken header: already reported
        if (section.isEmpty()) {
            ini.m_errors.append({lineNumber, u"%1 is outside any [section]"_s.arg(name)});
            continue;
        }
        QString value = line.mid(equals + 1).trimmed();
        if (value.size() >= 2 && value.startsWith(u'"') && value.endsWith(u'"'))
            value = value.mid(1, value.size() - 2);
        ini.m_values.append({section + u'/' + name, value, lineNumber});
    }
    return ini;
}

QByteArray IniFile::render(const QList<std::pair<QString, QString>> &values,
                           const QString &headerComment)
{
    QStringList sections;
    QMap<QString, QStringList> lines;
    for (const auto &[key, value] : values) {
        const QString section = key.section(u'/', 0, 0);
        if (!sections.contains(section))
            sections << section;
        lines[section] << key.section(u'/', 1) + u'=' + value;
    }
    QString out;
    for (const QString &comment : headerComment.split(u'\n', Qt::SkipEmptyParts))
        out += u"; "_s + comment + u'\n';
    for (const QString &section : std::as_const(sections)) {
        out += u"\n["_s + section + u"]\n"_s;
        for (const QString &line : lines.value(section))
            out += line + u'\n';
    }
    return out.toUtf8();
}

} // namespace kiosk
