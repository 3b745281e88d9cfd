#include "i18n.h"
#include "mainwindow.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_translations.install(QLocale(QLocale::English)); }
    void startsInEnglishLeftToRight();
    void switchesToArabicRightToLeftAndBack();

private:
    kiosk::Translations m_translations{{u"core"_s, u"kiosk"_s}};
};

void tst_MainWindow::startsInEnglishLeftToRight()
{
    kiosk::MainWindow window(&m_translations);
    window.show();
    QCOMPARE(QGuiApplication::layoutDirection(), Qt::LeftToRight);
    QCOMPARE(window.findChild<QLabel *>(u"titleLabel"_s)->text(), u"Welcome"_s);
}

void tst_MainWindow::switchesToArabicRightToLeftAndBack()
{
    kiosk::MainWindow window(&m_translations);
    window.setApiDescription(u"http://127.0.0.1:1"_s);
    window.show();
    auto *language = window.findChild<QPushButton *>(u"languagePushButton"_s);
    QVERIFY(language);
    QTest::mouseClick(language, Qt::LeftButton);
    QTRY_COMPARE(QGuiApplication::layoutDirection(), Qt::RightToLeft);
    QTRY_COMPARE(window.findChild<QLabel *>(u"titleLabel"_s)->text(), u"أهلاً بك"_s);
    QVERIFY(window.findChild<QLabel *>(u"serviceLabel"_s)->text().startsWith(u"خدمة"_s));
    QCOMPARE(language->text(), u"English"_s);
    QCOMPARE(window.layoutDirection(), Qt::RightToLeft);

    QTest::mouseClick(language, Qt::LeftButton);
    QTRY_COMPARE(QGuiApplication::layoutDirection(), Qt::LeftToRight);
    QTRY_COMPARE(window.findChild<QLabel *>(u"titleLabel"_s)->text(), u"Welcome"_s);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
