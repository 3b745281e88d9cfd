#include "settings/inifile.h"

#include <QTest>

using namespace Qt::StringLiterals;
using kiosk::IniFile;

class tst_IniFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valuesKeepTheirLines();
    void errors_data();
    void errors();
    void renderRoundTrips();
};

void tst_IniFile::valuesKeepTheirLines()
{
    const IniFile ini = IniFile::parse("; comment\n# other comment\n\n[face]\n"
                                       "burstOffsetsMs = 0,120,240\n"
                                       "cascadeFile=\"/usr/share/a b.xml\"\r\n"
                                       "[api]\nbaseUrl=https://x.example/a=b\n");
    QVERIFY(ini.errors().isEmpty());
    QCOMPARE(ini.values().size(), 3);
    QCOMPARE(ini.values().at(0).key, u"face/burstOffsetsMs"_s);
    QCOMPARE(ini.values().at(0).text, u"0,120,240"_s); // one string, not a list
    QCOMPARE(ini.values().at(0).line, 5);
    QCOMPARE(ini.values().at(1).text, u"/usr/share/a b.xml"_s);
    QCOMPARE(ini.values().at(2).key, u"api/baseUrl"_s);
    QCOMPARE(ini.values().at(2).text, u"https://x.example/a=b"_s);
    QCOMPARE(ini.values().at(2).line, 8);
}

void tst_IniFile::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("no equals") << QByteArray("[a]\nkey\n") << 2 << u"expected name=value"_s;
    QTest::newRow("empty name") << QByteArray("[a]\n=v\n") << 2 << u"expected name=value"_s;
    QTest::newRow("open header") << QByteArray("[a\nk=v\n") << 1 << u"a section header"_s;
    QTest::newRow("empty header") << QByteArray("[]\n") << 1 << u"a section header"_s;
    QTest::newRow("outside section") << QByteArray("k=v\n") << 1 << u"outside any [section]"_s;
    QTest::newRow("bad name") << QByteArray("[a]\nk k=v\n") << 2 << u"not a valid key name"_s;
    QTest::newRow("not utf-8") << QByteArray("[a]\nk=\xff\xfe\n") << 0 << u"not valid UTF-8"_s;
}

void tst_IniFile::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(QString, message);
    const IniFile ini = IniFile::parse(text);
    QCOMPARE(ini.errors().size(), 1);
    QCOMPARE(ini.errors().first().line, line);
    QVERIFY2(ini.errors().first().message.contains(message),
             qPrintable(ini.errors().first().message));
    QVERIFY(ini.values().isEmpty());
}

void tst_IniFile::renderRoundTrips()
{
    const QByteArray text = IniFile::render({{u"security/agentPinHash"_s, u"pbkdf2$1$a$b"_s},
                                             {u"api/tenancyName"_s, u"Giza 7"_s},
                                             {u"security/pinFailures"_s, u"2"_s}},
                                            u"line one\nline two"_s);
    QVERIFY(text.startsWith("; line one\n; line two\n"));
    const IniFile ini = IniFile::parse(text);
    QVERIFY(ini.errors().isEmpty());
    QCOMPARE(ini.values().size(), 3);
    QCOMPARE(ini.values().at(0).key, u"security/agentPinHash"_s);
    QCOMPARE(ini.values().at(1).key, u"security/pinFailures"_s); // grouped by section
    QCOMPARE(ini.values().at(2).text, u"Giza 7"_s);
}

QTEST_GUILESS_MAIN(tst_IniFile)
#include "tst_inifile.moc"
