#include "api/vlensclient.h"
#include "flow/onboardingflow.h"
#include "i18n.h"
#include "mainwindow.h"
#include "settings/agentpin.h"
#include "settings/settings.h"
#include "syntheticframesource.h"

#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QTest>
#include <QWindow>

using namespace Qt::StringLiterals;
using kiosk::MainWindow;

// The window without a service: language switch and right-to-left, the agent's pages
// behind the PIN, kiosk mode refusing to close, and the Enter key.
class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void startsOnAgentSignInWithoutTokens();
    void startsInEnglishLeftToRight();
    void switchesToArabicRightToLeftAndBack();
    void settingsNeedThePin();
    void kioskModeRefusesToClose();
    void kioskModeCoversTheScreen();
    void kioskWindowCoversTheScreenFromTheStart();
    void enterActivatesTheDefaultButton();

private:
    void makeWindow(bool signedIn);
    void verifyCoversTheScreen();

    kiosk::Translations m_translations{{u"core"_s, u"kiosk"_s}};
    std::unique_ptr<kiosk::Settings> m_settings;
    QNetworkAccessManager m_nam;
    std::unique_ptr<kiosk::api::VlensClient> m_client;
    std::unique_ptr<kiosk::flow::OnboardingFlow> m_flow;
    kiosk::ManualClock m_clock;
    kiosk::test::SyntheticFrameSource m_camera{m_clock};
    std::unique_ptr<MainWindow> m_window;
};

void tst_MainWindow::init()
{
    m_translations.install(QLocale(QLocale::English));
    m_settings = std::make_unique<kiosk::Settings>();
    m_settings->setOverride(kiosk::Settings::Key::AgentPinHash,
                            kiosk::agentpin::hash(u"2468"_s, 1000));
    kiosk::api::VlensConfig config;
    config.baseUrl = QUrl(u"http://127.0.0.1:1"_s);
    m_client = std::make_unique<kiosk::api::VlensClient>(&m_nam, config);
    m_flow =
        std::make_unique<kiosk::flow::OnboardingFlow>(m_client.get(), kiosk::flow::FlowOptions());
}

void tst_MainWindow::cleanup()
{
    m_window.reset();
    m_flow.reset();
    m_client.reset();
    m_settings.reset();
}

void tst_MainWindow::makeWindow(bool signedIn)
{
    if (signedIn) {
        kiosk::api::TokenResult tokens;
        tokens.accessToken = u"test-admin-token"_s;
        m_client->setAdminTokens(tokens);
    }
    m_window = std::make_unique<MainWindow>(m_settings.get(), &m_translations, m_client.get(),
                                            m_flow.get(), &m_camera, m_clock);
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void tst_MainWindow::startsOnAgentSignInWithoutTokens()
{
    makeWindow(false);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::SignIn);
    QVERIFY(!m_window->findChild<QPushButton *>(u"agentButton"_s)->isVisible());
}

void tst_MainWindow::startsInEnglishLeftToRight()
{
    makeWindow(true);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Welcome);
    QCOMPARE(QGuiApplication::layoutDirection(), Qt::LeftToRight);
    QCOMPARE(m_window->findChild<QLabel *>(u"welcomeTitleLabel"_s)->text(), u"Welcome"_s);
}

void tst_MainWindow::switchesToArabicRightToLeftAndBack()
{
    makeWindow(true);
    m_window->setApiDescription(u"http://127.0.0.1:1"_s);
    auto *arabic = m_window->findChild<QPushButton *>(u"arabicButton"_s);
    auto *english = m_window->findChild<QPushButton *>(u"englishButton"_s);
    QVERIFY(arabic && english);
    QTest::mouseClick(arabic, Qt::LeftButton);
    QTRY_COMPARE(QGuiApplication::layoutDirection(), Qt::RightToLeft);
    QTRY_COMPARE(m_window->findChild<QLabel *>(u"welcomeTitleLabel"_s)->text(), u"أهلاً بك"_s);
    QVERIFY(m_window->findChild<QLabel *>(u"serviceLabel"_s)->text().startsWith(u"خدمة"_s));
    QCOMPARE(m_window->findChild<QPushButton *>(u"startButton"_s)->text(), u"ابدأ"_s);
    QVERIFY(arabic->isChecked());
    QCOMPARE(m_window->layoutDirection(), Qt::RightToLeft);

    QTest::mouseClick(english, Qt::LeftButton);
    QTRY_COMPARE(QGuiApplication::layoutDirection(), Qt::LeftToRight);
    QTRY_COMPARE(m_window->findChild<QLabel *>(u"welcomeTitleLabel"_s)->text(), u"Welcome"_s);
}

void tst_MainWindow::settingsNeedThePin()
{
    makeWindow(true);
    QTest::mouseClick(m_window->findChild<QPushButton *>(u"agentButton"_s), Qt::LeftButton);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Pin);
    auto *pin = m_window->findChild<QLineEdit *>(u"pinLineEdit"_s);
    auto *unlock = m_window->findChild<QPushButton *>(u"unlockButton"_s);
    QTest::keyClicks(pin, u"1111"_s);
    QTest::mouseClick(unlock, Qt::LeftButton);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Pin);
    QCOMPARE(m_window->findChild<QLabel *>(u"pinStatusLabel"_s)->text(), u"Wrong PIN."_s);
    QVERIFY(pin->text().isEmpty());
    QTest::keyClicks(pin, u"2468"_s);
    QTest::mouseClick(unlock, Qt::LeftButton);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Settings);
    QTest::mouseClick(m_window->findChild<QPushButton *>(u"settingsBackButton"_s), Qt::LeftButton);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Welcome);
}

void tst_MainWindow::kioskModeRefusesToClose()
{
    makeWindow(true);
    m_window->setKioskMode(true);
    QVERIFY(!m_window->close());
    QVERIFY(m_window->isVisible());
    QSignalSpy exit(m_window.get(), &MainWindow::exitRequested);
    QTest::mouseClick(m_window->findChild<QPushButton *>(u"agentButton"_s), Qt::LeftButton);
    QTest::keyClicks(m_window->findChild<QLineEdit *>(u"pinLineEdit"_s), u"2468"_s);
    QTest::keyClick(m_window->findChild<QLineEdit *>(u"pinLineEdit"_s), Qt::Key_Return);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Settings);
    QTest::mouseClick(m_window->findChild<QPushButton *>(u"exitButton"_s), Qt::LeftButton);
    QCOMPARE(exit.size(), 1);
    QVERIFY(m_window->close());
}

// Whatever the platform: offscreen, X11 with no window manager (nobody honours the
// full-screen state there), Wayland under cage. The screen's size comes from the platform.
void tst_MainWindow::verifyCoversTheScreen()
{
    QScreen *screen = m_window->screen();
    QVERIFY(screen);
    const QRect expected = screen->geometry();
    QVERIFY2(m_window->windowFlags().testFlag(Qt::FramelessWindowHint), "kiosk window has a frame");
    QTRY_COMPARE(m_window->frameGeometry(), expected);
    QCOMPARE(m_window->geometry(), expected);
    QTRY_COMPARE(m_window->windowHandle()->size(), expected.size());
    // The page stack inside shows nothing of a smaller window: it spans the whole width.
    QCOMPARE(m_window->centralWidget()->width(), expected.width());
    qInfo("platform %s, screen %s %dx%d: the kiosk window covers it",
          qPrintable(QGuiApplication::platformName()), qPrintable(screen->name()), expected.width(),
          expected.height());
}

void tst_MainWindow::kioskModeCoversTheScreen()
{
    makeWindow(true);
    QVERIFY(m_window->size() != m_window->screen()->size());
    m_window->setKioskMode(true);
    QVERIFY(m_window->isVisible());
    verifyCoversTheScreen();
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Welcome);
}

// As app/kiosk/main.cpp does it: kiosk mode first, then show.
void tst_MainWindow::kioskWindowCoversTheScreenFromTheStart()
{
    m_window = std::make_unique<MainWindow>(m_settings.get(), &m_translations, m_client.get(),
                                            m_flow.get(), &m_camera, m_clock);
    m_window->setKioskMode(true);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    verifyCoversTheScreen();
    QCOMPARE(m_window->currentPage(), MainWindow::Page::SignIn);
}

void tst_MainWindow::enterActivatesTheDefaultButton()
{
    makeWindow(true);
    QTest::keyClick(m_window->findChild<QPushButton *>(u"startButton"_s), Qt::Key_Return);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Consent);
    auto *consent = m_window->findChild<QWidget *>(u"consentCheckBox"_s);
    QTest::keyClick(consent, Qt::Key_Space);
    QTest::keyClick(consent, Qt::Key_Enter); // not the focused button: the page's default
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Customer);
    // The window's focus widget: on Wayland without a keyboard (cage's headless seat) no
    // window is ever active, so QApplication::focusWidget() stays empty there.
    QCOMPARE(m_window->focusWidget(), m_window->findChild<QWidget *>(u"phoneLineEdit"_s));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
