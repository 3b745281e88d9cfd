#include "api/vlensclient.h"
#include "flow/onboardingflow.h"
#include "i18n.h"
#include "mainwindow.h"
#include "pages/capturepage.h"
#include "sandboxserver.h"
#include "settings/agentpin.h"
#include "settings/settings.h"
#include "specimen/idcardrenderer.h"
#include "specimen/persona.h"
#include "syntheticframesource.h"
#include "touchkeyboard.h"
#include "wizarddriver.h"

#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPointingDevice>
#include <QPushButton>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using namespace kiosk;
using flow::Step;

namespace {

// The kiosk screen: touch targets and layouts are measured at this size (the layouts also
// on a smaller one).
constexpr QSize kScreen(1280, 800);
constexpr QSize kSmallScreen(1024, 700);
const QString kPin = test::WizardDriver::kAgentPin;

// Counts what a touch-only test must never send: key events and mouse events that Qt did
// not synthesize from a touch.
class InputCounter : public QObject
{
public:
    int keys = 0;
    int realMouse = 0;
    int touches = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        // Touches reach the window; its widgets get the mouse events Qt synthesizes from
        // them. Key and mouse events are counted once, at the widget.
        if (watched->isWindowType()) {
            if (event->type() == QEvent::TouchBegin)
                ++touches;
            return false;
        }
        if (!watched->isWidgetType())
            return false;
        switch (event->type()) {
        case QEvent::KeyPress:
        case QEvent::KeyRelease:
        case QEvent::ShortcutOverride:
            ++keys;
            break;
        case QEvent::MouseButtonPress:
        case QEvent::MouseButtonRelease:
            if (static_cast<QMouseEvent *>(event)->source() != Qt::MouseEventSynthesizedByQt)
                ++realMouse;
            break;
        default:
            break;
        }
        return false;
    }
};

} // namespace

// A customer with only a touch screen: the on-screen keyboard of every page with fields
// (phone keypad, email keyboard, the agent's PIN keypad and sign-in) and a whole session to
// "verified" in English and Arabic driven by touch events alone, against an in-process
// sandbox with a synthetic camera.
class tst_TouchSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void keyboardFollowsTheFocusedField_data();
    void keyboardFollowsTheFocusedField();
    void everyKeyIsATouchTargetAndNeverTakesFocus_data();
    void everyKeyIsATouchTargetAndNeverTakesFocus();
    void keypadShowsTheLanguagesDigits();
    void emailKeyboardTypesEveryAllowedCharacter();
    void toVerifiedByTouchOnly_data();
    void toVerifiedByTouchOnly();
#ifdef KIOSK_SCREENSHOTS
    // Not a check: grabs the pages for docs/screenshots (the screenshots target builds
    // this suite once more with KIOSK_SCREENSHOTS; KIOSK_SCREENSHOT_DIR chooses the folder).
    void screenshots_data();
    void screenshots();
#endif

private:
    // pinHash: the agent PIN's stored hash (empty: the first shift, sign-in asks for one).
    void makeWindow(const QString &pinHash, QSize screen = kScreen);
    template<typename T>
    T *widget(const char *name) const
    {
        return m_driver.widget<T>(name);
    }
    TouchKeyboard *keyboardOf(const char *pageName) const;
    // One finger down and up at the centre of the widget, through the window.
    bool tap(QWidget *target);
    bool tap(const char *name)
    {
        return tap(widget<QWidget>(name));
    }
    // Types text on the keyboard of the focused field's page, key by key, by touch.
    bool typeByTouch(TouchKeyboard *keyboard, const QString &text);
    void setArabic(bool arabic);
    void signInByTouch();
    void toCustomerByTouch(const char *languageButton = nullptr);
    void checkUncovered(TouchKeyboard *keyboard, QLineEdit *field);

    // Owned here: QTest::createTouchDevice leaves the device to the caller (LeakSanitizer).
    std::unique_ptr<QPointingDevice> m_touchScreen;
    sandbox::SandboxServer m_server{sandbox::SandboxOptions()};
    Translations m_translations{{u"core"_s, u"kiosk"_s}};
    ManualClock m_clock;
    test::SyntheticFrameSource m_camera{m_clock};
    test::WizardScenes m_scenes;
    test::SceneFeeder m_feeder{m_camera, m_clock, m_scenes};
    test::WizardDriver m_driver{m_translations, 3000000};
    QSize m_screen = kScreen;
};

void tst_TouchSession::initTestCase()
{
    qRegisterMetaType<flow::Failure>();
    m_touchScreen.reset(QTest::createTouchDevice(QInputDevice::DeviceType::TouchScreen));
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_scenes = test::WizardScenes::make(u"ahmed"_s,
                                        QStringLiteral(KIOSK_OPENCV_SAMPLES "/messi5.jpg"), &error);
    QVERIFY2(m_scenes.isValid(), qPrintable(error));
}

void tst_TouchSession::init()
{
    makeWindow(agentpin::hash(kPin, 1000));
}

void tst_TouchSession::cleanup()
{
    m_feeder.stop();
    m_driver.reset();
    m_translations.install(QLocale(QLocale::English));
    QLocale::setDefault(QLocale(QLocale::English));
}

void tst_TouchSession::makeWindow(const QString &pinHash, QSize screen)
{
    m_screen = screen;
    m_feeder.stop();
    m_driver.makeWindow(m_server.baseUrl(), &m_camera, m_clock, flow::Mode::RegisterFirst,
                        [&pinHash](Settings &settings) {
                            settings.setOverride(Settings::Key::AgentPinHash, pinHash);
                        });
    m_driver.window()->resize(m_screen);
    m_driver.window()->show();
    m_driver.window()
        ->activateWindow(); // X servers without a window manager (xvfb-run) need asking
    QVERIFY(QTest::qWaitForWindowActive(m_driver.window()));
    QCOMPARE(m_driver.window()->size(), m_screen); // every page fits the kiosk screen
    m_feeder.start(m_driver.window());
}

TouchKeyboard *tst_TouchSession::keyboardOf(const char *pageName) const
{
    auto *page = widget<QWidget>(pageName);
    return page ? page->findChild<TouchKeyboard *>() : nullptr;
}

bool tst_TouchSession::tap(QWidget *target)
{
    if (!target || !target->isVisible() || !target->isEnabled()) {
        qWarning("cannot tap %s: missing, hidden or disabled",
                 target ? qPrintable(target->objectName()) : "(null)");
        return false;
    }
    const QPoint centre = target->rect().center();
    if (target->window()->childAt(target->mapTo(target->window(), centre)) != target &&
        !target->isAncestorOf(target->window()->childAt(target->mapTo(target->window(), centre)))) {
        qWarning("cannot tap %s: covered", qPrintable(target->objectName()));
        return false;
    }
    QTest::touchEvent(target->window(), m_touchScreen.get()).press(0, centre, target);
    QTest::touchEvent(target->window(), m_touchScreen.get()).release(0, centre, target);
    return true;
}

bool tst_TouchSession::typeByTouch(TouchKeyboard *keyboard, const QString &text)
{
    QLineEdit *field = keyboard->target();
    for (const QChar c : text) {
        const QString s(c);
        QPushButton *key = keyboard->keyFor(s);
        if (!key && c.isUpper()) {
            if (!tap(keyboard->findChild<QPushButton *>(u"shiftKey"_s)))
                return false;
            key = keyboard->keyFor(s);
        }
        if (!key) {
            qWarning("no key for %s", qPrintable(s));
            return false;
        }
        if (!tap(key))
            return false;
        if (QApplication::focusWidget() != field) {
            qWarning("a key took the focus from the field");
            return false;
        }
    }
    return true;
}

void tst_TouchSession::setArabic(bool arabic)
{
    const QLocale locale =
        arabic ? QLocale(QLocale::Arabic, QLocale::Egypt) : QLocale(QLocale::English);
    QLocale::setDefault(locale);
    m_translations.install(locale);
    QCOMPARE(QGuiApplication::layoutDirection(), arabic ? Qt::RightToLeft : Qt::LeftToRight);
}

void tst_TouchSession::checkUncovered(TouchKeyboard *keyboard, QLineEdit *field)
{
    QVERIFY(keyboard->isVisible());
    QCOMPARE(keyboard->target(), field);
    QCOMPARE(QApplication::focusWidget(), field);
    QCOMPARE(m_driver.window()->size(),
             m_screen); // the page with its keyboard still fits the screen
    const QRect window = m_driver.window()->rect();
    const QRect fieldRect(field->mapTo(m_driver.window(), QPoint()), field->size());
    const QRect keyboardRect(keyboard->mapTo(m_driver.window(), QPoint()), keyboard->size());
    QVERIFY2(window.contains(fieldRect), qPrintable(field->objectName()));
    QVERIFY2(window.contains(keyboardRect), qPrintable(field->objectName()));
    QVERIFY2(!fieldRect.intersects(keyboardRect),
             qPrintable(u"%1 at %2,%3 %4x%5, keyboard at %6,%7 %8x%9"_s.arg(field->objectName())
                            .arg(fieldRect.x())
                            .arg(fieldRect.y())
                            .arg(fieldRect.width())
                            .arg(fieldRect.height())
                            .arg(keyboardRect.x())
                            .arg(keyboardRect.y())
                            .arg(keyboardRect.width())
                            .arg(keyboardRect.height())));
    // Every key is on the screen, none over the field, and nothing else sits on a key.
    const auto keys = keyboard->visibleKeys();
    QVERIFY(!keys.isEmpty());
    for (QPushButton *key : keys) {
        QVERIFY2(key->width() >= 48 && key->height() >= 48, qPrintable(key->text()));
        QCOMPARE(key->focusPolicy(), Qt::NoFocus);
        const QRect keyRect(key->mapTo(m_driver.window(), QPoint()), key->size());
        QVERIFY2(window.contains(keyRect), qPrintable(key->text()));
        QVERIFY2(!keyRect.intersects(fieldRect), qPrintable(key->text()));
        QCOMPARE(m_driver.window()->childAt(keyRect.center()), key);
    }
    // The field itself is not covered by anything either: a tap at its centre reaches it.
    QCOMPARE(m_driver.window()->childAt(fieldRect.center()), field);
}

// From the sign-in page to the customer page by touch: the agent signs in, the customer
// picks the language (languageButton, when given), starts, consents and accepts.
void tst_TouchSession::toCustomerByTouch(const char *languageButton)
{
    signInByTouch();
    if (QTest::currentTestFailed())
        return;
    if (languageButton)
        QVERIFY(tap(languageButton));
    QVERIFY(tap("startButton"));
    QVERIFY(tap("consentCheckBox"));
    QVERIFY(tap("acceptButton"));
}

void tst_TouchSession::signInByTouch()
{
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::SignIn);
    TouchKeyboard *keyboard = keyboardOf("agentLoginPage");
    QVERIFY(keyboard);
    auto *user = widget<QLineEdit>("userLineEdit");
    auto *password = widget<QLineEdit>("passwordLineEdit");
    QVERIFY(tap(user));
    QCOMPARE(keyboard->target(), user);
    QCOMPARE(keyboard->currentLayout(), TouchKeyboard::Layout::Text);
    QVERIFY(typeByTouch(keyboard, u"admin"_s));
    QVERIFY(tap(password));
    QCOMPARE(keyboard->target(), password);
    QVERIFY(typeByTouch(keyboard, u"sandbox-admin"_s));
    QCOMPARE(user->text(), u"admin"_s);
    QCOMPARE(password->text(), u"sandbox-admin"_s);
    QVERIFY(tap("signInButton"));
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.window()->currentPage(), MainWindow::Page::Welcome, 10000);
}

void tst_TouchSession::keyboardFollowsTheFocusedField_data()
{
    QTest::addColumn<bool>("arabic");
    QTest::addColumn<QSize>("screen");
    QTest::newRow("en 1280x800") << false << kScreen;
    QTest::newRow("ar 1280x800") << true << kScreen;
    QTest::newRow("en 1024x700") << false << kSmallScreen;
    QTest::newRow("ar 1024x700") << true << kSmallScreen;
}

// Each field of each page gets its keyboard beside or below it, never over it, at the
// kiosk's screen size, in both directions.
void tst_TouchSession::keyboardFollowsTheFocusedField()
{
    QFETCH(bool, arabic);
    QFETCH(QSize, screen);
    setArabic(arabic);
    using L = TouchKeyboard::Layout;

    // Agent sign-in on the first shift: user name and password on the Latin keyboard, the
    // new PIN on a keypad.
    makeWindow(QString(), screen);
    TouchKeyboard *signIn = keyboardOf("agentLoginPage");
    for (const auto &[name, layout] :
         {std::pair{"userLineEdit", L::Text}, std::pair{"passwordLineEdit", L::Text},
          std::pair{"newPinLineEdit", L::Digits}}) {
        auto *field = widget<QLineEdit>(name);
        QVERIFY2(field->isVisible(), name);
        QVERIFY(tap(field));
        QCOMPARE(signIn->currentLayout(), layout);
        checkUncovered(signIn, field);
        if (QTest::currentTestFailed())
            return;
    }
    // Signing in with a PIN already set (the row stays, its keypad is not needed).
    m_driver.settings()->setOverride(Settings::Key::AgentPinHash, agentpin::hash(kPin, 1000));

    // Customer: the phone keypad appears as the page opens (the phone has the focus).
    toCustomerByTouch();
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Customer);
    TouchKeyboard *customer = keyboardOf("customerPage");
    QCOMPARE(customer->currentLayout(), L::Phone);
    checkUncovered(customer, widget<QLineEdit>("phoneLineEdit"));
    QVERIFY(tap("emailLineEdit"));
    QCOMPARE(customer->currentLayout(), L::Text);
    checkUncovered(customer, widget<QLineEdit>("emailLineEdit"));
    QVERIFY(tap("phoneLineEdit"));
    QCOMPARE(customer->currentLayout(), L::Phone);
    checkUncovered(customer, widget<QLineEdit>("phoneLineEdit"));

    // Agent: the PIN keypad, then the settings page's new PIN.
    QVERIFY(tap("agentButton"));
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Pin);
    TouchKeyboard *pin = keyboardOf("pinPage");
    QCOMPARE(pin->currentLayout(), L::Digits);
    QVERIFY(!pin->findChild<QPushButton *>(u"plusKey"_s)->isVisible()); // a PIN has no +
    checkUncovered(pin, widget<QLineEdit>("pinLineEdit"));
    QVERIFY(typeByTouch(pin, arabic ? specimen::toArabicIndicDigits(kPin) : kPin));
    QVERIFY(tap("unlockButton"));
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Settings);
    TouchKeyboard *settings = keyboardOf("settingsPage");
    QVERIFY(settings);
    QVERIFY(!settings->isVisible()); // until a field takes the focus
    QVERIFY(tap("changePinLineEdit"));
    QCOMPARE(settings->currentLayout(), L::Digits);
    checkUncovered(settings, widget<QLineEdit>("changePinLineEdit"));
    // The settings keypad serves the PIN only: the service settings come from branch IT.
    QVERIFY(tap("tenancyLineEdit"));
    QVERIFY(!settings->isVisible());
    QVERIFY(!settings->target());
}

void tst_TouchSession::everyKeyIsATouchTargetAndNeverTakesFocus_data()
{
    test::WizardDriver::languageRows();
}

// Every key of every layout is at least 48x48 px at 1280x800 and takes no focus; the
// keypad keys are larger. Figures are printed for the report.
void tst_TouchSession::everyKeyIsATouchTargetAndNeverTakesFocus()
{
    QFETCH(bool, arabic);
    setArabic(arabic);
    toCustomerByTouch();
    if (QTest::currentTestFailed())
        return;
    TouchKeyboard *keyboard = keyboardOf("customerPage");
    const auto measure = [&](const char *what, int minimum) {
        const auto keys = keyboard->visibleKeys();
        QVERIFY(keyboard->isVisible());
        QVERIFY(keys.size() >= 11);
        QSize smallest(INT_MAX, INT_MAX);
        for (QPushButton *key : keys) {
            QVERIFY2(key->width() >= minimum && key->height() >= minimum,
                     qPrintable(u"%1 key %2: %3x%4"_s.arg(QString::fromLatin1(what), key->text())
                                    .arg(key->width())
                                    .arg(key->height())));
            QCOMPARE(key->focusPolicy(), Qt::NoFocus);
            smallest = smallest.boundedTo(key->size());
        }
        qInfo("%s: %lld keys, smallest %dx%d px at %dx%d", what, qsizetype(keys.size()),
              smallest.width(), smallest.height(), kScreen.width(), kScreen.height());
    };
    measure("phone keypad", 64);
    QVERIFY(tap("emailLineEdit"));
    measure("email keyboard, letters", 48);
    QVERIFY(tap(keyboard->findChild<QPushButton *>(u"shiftKey"_s)));
    measure("email keyboard, capitals", 48);
    QVERIFY(tap(keyboard->findChild<QPushButton *>(u"symbolsKey"_s)));
    measure("email keyboard, symbols", 48);
    QCOMPARE(QApplication::focusWidget(), widget<QWidget>("emailLineEdit"));
    QVERIFY(tap("agentButton"));
    keyboard = keyboardOf("pinPage");
    measure("agent PIN keypad", 64);
    QVERIFY(typeByTouch(keyboard, arabic ? specimen::toArabicIndicDigits(kPin) : kPin));
    QVERIFY(tap("unlockButton"));
    QVERIFY(tap("changePinLineEdit"));
    keyboard = keyboardOf("settingsPage");
    measure("settings PIN keypad (compact)", 56);
}

// The keypad shows the digits of the customer's language; the phone field accepts the
// Arabic-Indic digits it types, and the Latin ones, and core normalises both.
void tst_TouchSession::keypadShowsTheLanguagesDigits()
{
    toCustomerByTouch("arabicButton");
    if (QTest::currentTestFailed())
        return;
    TouchKeyboard *keyboard = keyboardOf("customerPage");
    for (int digit = 0; digit <= 9; ++digit) {
        auto *key = keyboard->findChild<QPushButton *>(u"digit%1Key"_s.arg(digit));
        QCOMPARE(key->text(), QString(QChar(0x0660 + digit)));
    }
    auto *phone = widget<QLineEdit>("phoneLineEdit");
    QVERIFY(typeByTouch(keyboard, u"٠١٠٠"_s));
    QCOMPARE(phone->text(), u"٠١٠٠"_s);
    // Backspace by touch, then Latin digits pasted in the middle of Arabic-Indic ones.
    QVERIFY(tap(keyboard->findChild<QPushButton *>(u"digitsBackspaceKey"_s)));
    QCOMPARE(phone->text(), u"٠١٠"_s);
    phone->insert(u"0"_s);
    QVERIFY(typeByTouch(keyboard, u"٢٣٤٥٦٧٨"_s));
    QVERIFY(tap("continueButton"));
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::IdFront, 10000);
    QCOMPARE(m_driver.flow()->session().phoneNumber, u"+201002345678"_s);

    // Back in English the keys show Latin digits again.
    m_driver.flow()->endSession(flow::EndReason::CustomerLeft);
    QVERIFY(tap("englishButton"));
    QCOMPARE(keyboard->findChild<QPushButton *>(u"digit7Key"_s)->text(), u"7"_s);
}

// The email keyboard: Latin letters with a one-letter shift, digits, @ . _ - + and .com,
// the symbols page, backspace; the keys never move the focus, the field's limits hold.
void tst_TouchSession::emailKeyboardTypesEveryAllowedCharacter()
{
    toCustomerByTouch();
    if (QTest::currentTestFailed())
        return;
    auto *email = widget<QLineEdit>("emailLineEdit");
    QVERIFY(tap(email));
    TouchKeyboard *keyboard = keyboardOf("customerPage");
    QCOMPARE(keyboard->target(), email);
    QVERIFY(typeByTouch(keyboard, u"Touch.User_7-x+en@"_s));
    QCOMPARE(email->text(), u"Touch.User_7-x+en@"_s); // shift held for one letter each time
    QVERIFY(tap(keyboard->keyFor(u"b"_s)));
    QVERIFY(tap(keyboard->keyFor(u".com"_s)));
    QCOMPARE(email->text(), u"Touch.User_7-x+en@b.com"_s);
    QVERIFY(tap(keyboard->findChild<QPushButton *>(u"textBackspaceKey"_s)));
    QCOMPARE(email->text(), u"Touch.User_7-x+en@b.co"_s);
    QVERIFY(tap(keyboard->findChild<QPushButton *>(u"symbolsKey"_s)));
    QVERIFY(!keyboard->keyFor(u"q"_s));
    QVERIFY(typeByTouch(keyboard, u"#!"_s));
    QCOMPARE(email->text(), u"Touch.User_7-x+en@b.co#!"_s);
    QVERIFY(tap(keyboard->findChild<QPushButton *>(u"symbolsKey"_s)));
    QVERIFY(keyboard->keyFor(u"q"_s));
    // The field's maximum length holds as it does for typing.
    email->setText(QString(email->maxLength() - 1, u'a'));
    QVERIFY(typeByTouch(keyboard, u"bc"_s));
    QCOMPARE(email->text().size(), email->maxLength());
    QVERIFY(email->text().endsWith(u'b'));
    QCOMPARE(QApplication::focusWidget(), email);
}

void tst_TouchSession::toVerifiedByTouchOnly_data()
{
    test::WizardDriver::languageRows();
}

// The whole session by touch alone: agent sign-in, language, consent, phone and email on
// the on-screen keys, the captures, review, result, and the agent's PIN to the settings.
// Not one key event, not one mouse event that did not come from a touch.
void tst_TouchSession::toVerifiedByTouchOnly()
{
    QFETCH(bool, arabic);
    InputCounter input;
    qApp->installEventFilter(&input);
    signInByTouch();
    if (QTest::currentTestFailed())
        return;
    QVERIFY(tap(arabic ? "arabicButton" : "englishButton"));
    QCOMPARE(QGuiApplication::layoutDirection(), arabic ? Qt::RightToLeft : Qt::LeftToRight);
    QVERIFY(tap("startButton"));
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Consent);
    QVERIFY(!widget<QPushButton>("acceptButton")->isEnabled());
    QVERIFY(tap("consentCheckBox"));
    QVERIFY(widget<QCheckBox>("consentCheckBox")->isChecked());
    QVERIFY(tap("acceptButton"));

    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Customer);
    TouchKeyboard *keyboard = keyboardOf("customerPage");
    QCOMPARE(keyboard->target(), widget<QLineEdit>("phoneLineEdit"));
    const QString local = m_driver.newLocalPhone();
    QVERIFY(typeByTouch(keyboard, arabic ? specimen::toArabicIndicDigits(local) : local));
    QVERIFY(tap("emailLineEdit"));
    const QString email =
        arabic ? u"Touch.Ar_1+kiosk@example-bank.com"_s : u"Touch.En_1+kiosk@example-bank.com"_s;
    QVERIFY(typeByTouch(keyboard, email));
    QVERIFY(tap("continueButton"));
    QCOMPARE(widget<QLineEdit>("phoneLineEdit")->text(), u"+20"_s + local.mid(1));

    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::IdFront, 10000);
    QCOMPARE(m_driver.flow()->session().email, email);
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::IdBack, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::Liveness, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.window()->currentPage(), MainWindow::Page::Review, 20000);
    QVERIFY(tap("confirmButton"));
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Result);
    QCOMPARE(widget<QLabel>("resultTitleLabel")->text(),
             arabic ? u"تم التحقق من هويتك"_s : u"Your identity is verified"_s);
    QVERIFY(tap("finishButton"));
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Welcome);
    QVERIFY(m_driver.flow()->session().isEmpty());

    // The agent unlocks the settings on the keypad, in the customer's language.
    QVERIFY(tap(arabic ? "arabicButton" : "englishButton"));
    QVERIFY(tap("agentButton"));
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Pin);
    TouchKeyboard *keypad = keyboardOf("pinPage");
    QCOMPARE(keypad->target(), widget<QLineEdit>("pinLineEdit"));
    QVERIFY(typeByTouch(keypad, arabic ? specimen::toArabicIndicDigits(kPin) : kPin));
    QVERIFY(tap("unlockButton"));
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Settings);

    qApp->removeEventFilter(&input);
    QCOMPARE(input.keys, 0);
    QCOMPARE(input.realMouse, 0);
    QVERIFY(input.touches > 60);
    qInfo("%s session: %d touches", arabic ? "Arabic" : "English", input.touches);
}

#ifdef KIOSK_SCREENSHOTS
void tst_TouchSession::screenshots_data()
{
    test::WizardDriver::languageRows();
}

void tst_TouchSession::screenshots()
{
    QFETCH(bool, arabic);
    const auto grab = [&](const QString &name) { m_driver.grab(name, arabic); };
    m_driver.window()->setApiDescription(u"https://api.vlenseg.com"_s);
    toCustomerByTouch(arabic ? "arabicButton" : "englishButton");
    if (QTest::currentTestFailed())
        return;
    TouchKeyboard *keyboard = keyboardOf("customerPage");
    const QString phone = u"0100123"_s; // part typed: the keypad is the subject
    QVERIFY(typeByTouch(keyboard, arabic ? specimen::toArabicIndicDigits(phone) : phone));
    grab(u"11-customer-phone-keypad"_s);
    QVERIFY(tap("emailLineEdit"));
    QVERIFY(typeByTouch(keyboard, u"mona.ali@"_s));
    grab(u"12-customer-email-keyboard"_s);
    QVERIFY(tap("agentButton"));
    QVERIFY(typeByTouch(keyboardOf("pinPage"), arabic ? u"١٢٣"_s : u"123"_s));
    grab(u"13-agent-pin-keypad"_s);
}
#endif

QTEST_MAIN(tst_TouchSession)
#include "tst_touchsession.moc"
