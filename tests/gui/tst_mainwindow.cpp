#include "api/vlensclient.h"
#include "flow/onboardingflow.h"
#include "i18n.h"
#include "mainwindow.h"
#include "settings/agentpin.h"
#include "settings/settings.h"
#include "syntheticframesource.h"

#include <QApplication>
#include <QCloseEvent>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWindow>

using namespace Qt::StringLiterals;
using kiosk::MainWindow;

// The window without a service: language switch and right-to-left, the agent's pages
// behind the PIN, kiosk mode refusing to close, and the Enter key.
class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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
    void configurationProblemsShownBehindThePin();
    // Issue 11, defect 4.
    void pinLockDoublesSurvivesARestartAndCountsDown();
    void newPinNeedsSixDigits();

private:
    void unlockSettings(const QString &pin);
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
                            kiosk::agentpin::hash(u"246813"_s, 1000));
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
    QTest::keyClicks(pin, u"246813"_s);
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
    QTest::keyClicks(m_window->findChild<QLineEdit *>(u"pinLineEdit"_s), u"246813"_s);
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

void tst_MainWindow::unlockSettings(const QString &pin)
{
    QTest::mouseClick(m_window->findChild<QPushButton *>(u"agentButton"_s), Qt::LeftButton);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Pin);
    QTest::keyClicks(m_window->findChild<QLineEdit *>(u"pinLineEdit"_s), pin);
    QTest::mouseClick(m_window->findChild<QPushButton *>(u"unlockButton"_s), Qt::LeftButton);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Settings);
}

void tst_MainWindow::configurationProblemsShownBehindThePin()
{
    // A clean configuration: no panel.
    makeWindow(true);
    auto *panel = m_window->findChild<QWidget *>(u"configProblemsFrame"_s);
    QVERIFY(panel);
    QVERIFY(!panel->isVisible()); // the settings page is not even shown yet
    m_settings->setOverride(kiosk::Settings::Key::AgentPinHash,
                            kiosk::agentpin::hash(u"246813"_s, 1000));
    unlockSettings(u"246813"_s);
    QVERIFY(!panel->isVisible());
    QTest::mouseClick(m_window->findChild<QPushButton *>(u"settingsBackButton"_s), Qt::LeftButton);
    m_window.reset();

    // A drop-in with a mistake: the kiosk runs on what it could read and says what to fix.
    QTemporaryDir dir;
    const QString ini = dir.filePath(u"50-branch.ini"_s);
    QFile file(ini);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[api]\ntenancyName=Giza-07\nrequestTimeoutMs=30s\n[ui]\ncolour=blue\n");
    file.close();
    m_settings = std::make_unique<kiosk::Settings>(ini);
    m_settings->setOverride(kiosk::Settings::Key::AgentPinHash,
                            kiosk::agentpin::hash(u"246813"_s, 1000));
    makeWindow(true);
    panel = m_window->findChild<QWidget *>(u"configProblemsFrame"_s);
    unlockSettings(u"246813"_s);
    QVERIFY(panel->isVisible());
    auto *label = m_window->findChild<QLabel *>(u"configProblemsLabel"_s);
    QCOMPARE(label->textFormat(), Qt::PlainText);
    QVERIFY2(label->text().contains(ini + u":3: api/requestTimeoutMs: '30s'"_s),
             qPrintable(label->text()));
    QVERIFY(label->text().contains(ini + u":5: unknown setting ui/colour"_s));
    QVERIFY(label->text().contains(u"kioskctl doctor"_s));
    QCOMPARE(m_window->findChild<QLineEdit *>(u"tenancyLineEdit"_s)->text(), u"Giza-07"_s);
    // The API key is IT's: the agent sees whether it is set, never a field to type it into.
    QVERIFY(!m_window->findChild<QLineEdit *>(u"apiKeyLineEdit"_s));
    QVERIFY(m_window->findChild<QLabel *>(u"apiKeyStateLabel"_s)->text().startsWith(u"Not set"_s));
}

void tst_MainWindow::pinLockDoublesSurvivesARestartAndCountsDown()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString state = dir.filePath(u"state.ini"_s);
    const QString pinHash = kiosk::agentpin::hash(u"246813"_s, 1000);
    const auto restart = [&] {
        m_window.reset();
        kiosk::Settings::Sources sources;
        sources.stateFile = state; // where the kiosk keeps what it writes
        m_settings = std::make_unique<kiosk::Settings>(sources);
        m_settings->setOverride(kiosk::Settings::Key::AgentPinHash, pinHash);
        makeWindow(true);
        QTest::mouseClick(m_window->findChild<QPushButton *>(u"agentButton"_s), Qt::LeftButton);
        QCOMPARE(m_window->currentPage(), MainWindow::Page::Pin);
    };
    restart();
    auto *pin = m_window->findChild<QLineEdit *>(u"pinLineEdit"_s);
    auto *unlock = m_window->findChild<QPushButton *>(u"unlockButton"_s);
    auto *lock = m_window->findChild<QLabel *>(u"pinLockLabel"_s);
    QVERIFY(lock);
    QVERIFY(!lock->isVisible());
    for (int i = 1; i <= 3; ++i) {
        QVERIFY2(unlock->isEnabled(), qPrintable(QString::number(i)));
        QTest::keyClicks(pin, u"111111"_s);
        QTest::mouseClick(unlock, Qt::LeftButton);
        QCOMPARE(m_window->findChild<QLabel *>(u"pinStatusLabel"_s)->text(), u"Wrong PIN."_s);
    }
    // The third wrong PIN locks for 30 s, shown with the time left; the right PIN is not
    // even checked meanwhile.
    QVERIFY(lock->isVisible());
    QCOMPARE(lock->text(), u"Locked after 3 wrong PINs. Try again in 0:30."_s);
    QVERIFY(!unlock->isEnabled());
    QTest::keyClicks(pin, u"246813"_s);
    QTest::keyClick(pin, Qt::Key_Return);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Pin);
    m_clock.advanceMs(10'000);
    QTRY_COMPARE(lock->text(), u"Locked after 3 wrong PINs. Try again in 0:20."_s); // live

    // A restart of the kiosk lifts nothing: the count and the lock are in the state file.
    restart();
    pin = m_window->findChild<QLineEdit *>(u"pinLineEdit"_s);
    unlock = m_window->findChild<QPushButton *>(u"unlockButton"_s);
    lock = m_window->findChild<QLabel *>(u"pinLockLabel"_s);
    QVERIFY(lock->isVisible());
    QCOMPARE(lock->text(), u"Locked after 3 wrong PINs. Try again in 0:20."_s);
    QVERIFY(!unlock->isEnabled());
    m_clock.advanceMs(20'000);
    QTRY_VERIFY(unlock->isEnabled());
    QVERIFY(!lock->isVisible());
    // The count did not reset with the lock: one more wrong PIN locks twice as long.
    QTest::keyClicks(pin, u"111111"_s);
    QTest::mouseClick(unlock, Qt::LeftButton);
    QCOMPARE(lock->text(), u"Locked after 4 wrong PINs. Try again in 1:00."_s);
    m_clock.advanceMs(60'000);
    QTRY_VERIFY(unlock->isEnabled());
    QTest::keyClicks(pin, u"246813"_s);
    QTest::mouseClick(unlock, Qt::LeftButton);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Settings);
    // The right PIN cleared the count, in the file too.
    m_window.reset();
    QSettings file(state, QSettings::IniFormat);
    QCOMPARE(file.value(u"security/pinFailures"_s).toInt(), 0);
    QCOMPARE(file.value(u"security/pinLockedUntil"_s).toLongLong(), 0LL);
}

void tst_MainWindow::newPinNeedsSixDigits()
{
    m_settings->setOverride(kiosk::Settings::Key::AgentPinHash, QString()); // the first shift
    makeWindow(false);
    auto *newPin = m_window->findChild<QLineEdit *>(u"newPinLineEdit"_s);
    QVERIFY(newPin->isVisible());
    QTest::keyClicks(m_window->findChild<QLineEdit *>(u"userLineEdit"_s), u"agent"_s);
    QTest::keyClicks(m_window->findChild<QLineEdit *>(u"passwordLineEdit"_s), u"secret"_s);
    QTest::keyClicks(newPin, u"24681"_s);
    QTest::mouseClick(m_window->findChild<QPushButton *>(u"signInButton"_s), Qt::LeftButton);
    QCOMPARE(m_window->findChild<QLabel *>(u"signInStatusLabel"_s)->text(),
             u"Choose a PIN of 6 to 12 digits: it unlocks the settings and the exit."_s);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::SignIn);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
