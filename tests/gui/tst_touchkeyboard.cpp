#include "touchkeyboard.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPointingDevice>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

#include <memory>

using namespace Qt::StringLiterals;
using namespace kiosk;

// The on-screen keyboard on its own: which layout each kind of field gets, keys that type
// like typing (validator, maximum length, textEdited) without taking the focus, the scope
// and field list it serves, shift and symbols, and the digits of the current language.
class tst_TouchKeyboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void layoutFollowsTheFieldsHints_data();
    void layoutFollowsTheFieldsHints();
    void keysTypeLikeTypingAndKeepTheFocus();
    void validatorAndMaximumLengthHold();
    void fieldsOutsideTheScopeOrTheListAreNotServed();
    void shiftHoldsForOneLetterAndSymbolsSwitchPages();
    void keypadShowsTheDigitsOfTheLanguage();
    void keysWorkWhenWidgetsAcceptTouchEvents();

private:
    bool tap(QWidget *target);
    QLineEdit *field(const char *name) const
    {
        return m_window->findChild<QLineEdit *>(QString::fromLatin1(name));
    }

    // Owned here: QTest::createTouchDevice leaves the device to the caller (LeakSanitizer).
    std::unique_ptr<QPointingDevice> m_touchScreen;
    std::unique_ptr<QWidget> m_window;
    QWidget *m_page = nullptr;
    TouchKeyboard *m_keyboard = nullptr;
};

void tst_TouchKeyboard::initTestCase()
{
    m_touchScreen.reset(QTest::createTouchDevice(QInputDevice::DeviceType::TouchScreen));
}

void tst_TouchKeyboard::init()
{
    // A page with one field of each kind and the keyboard beside them, and a second page
    // the keyboard does not serve.
    m_window = std::make_unique<QWidget>();
    auto *row = new QHBoxLayout(m_window.get());
    m_page = new QWidget(m_window.get());
    auto *fields = new QVBoxLayout(m_page);
    const auto add = [&](QWidget *parent, QVBoxLayout *layout, const char *name,
                         Qt::InputMethodHints hints) {
        auto *edit = new QLineEdit(parent);
        edit->setObjectName(QString::fromLatin1(name));
        edit->setInputMethodHints(hints);
        layout->addWidget(edit);
        return edit;
    };
    add(m_page, fields, "phoneLineEdit", Qt::ImhDialableCharactersOnly);
    add(m_page, fields, "pinLineEdit", Qt::ImhDigitsOnly)->setEchoMode(QLineEdit::Password);
    add(m_page, fields, "emailLineEdit", Qt::ImhEmailCharactersOnly);
    add(m_page, fields, "userLineEdit", Qt::ImhNone);
    add(m_page, fields, "readOnlyLineEdit", Qt::ImhNone)->setReadOnly(true);
    auto *button = new QPushButton(u"Continue"_s, m_page);
    button->setObjectName(u"continueButton"_s);
    fields->addWidget(button);
    m_keyboard = new TouchKeyboard(m_page, m_page);
    fields->addWidget(m_keyboard);
    auto *other = new QWidget(m_window.get());
    add(other, new QVBoxLayout(other), "otherLineEdit", Qt::ImhNone);
    row->addWidget(m_page);
    row->addWidget(other);
    m_window->resize(1280, 800);
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void tst_TouchKeyboard::cleanup()
{
    m_window.reset();
    QLocale::setDefault(QLocale(QLocale::English));
}

bool tst_TouchKeyboard::tap(QWidget *target)
{
    if (!target || !target->isVisible() || !target->isEnabled())
        return false;
    const QPoint centre = target->rect().center();
    QTest::touchEvent(target->window(), m_touchScreen.get()).press(0, centre, target);
    QTest::touchEvent(target->window(), m_touchScreen.get()).release(0, centre, target);
    return true;
}

void tst_TouchKeyboard::layoutFollowsTheFieldsHints_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<TouchKeyboard::Layout>("layout");
    QTest::addColumn<bool>("plus");
    QTest::newRow("phone") << u"phoneLineEdit"_s << TouchKeyboard::Layout::Phone << true;
    QTest::newRow("PIN") << u"pinLineEdit"_s << TouchKeyboard::Layout::Digits << false;
    QTest::newRow("email") << u"emailLineEdit"_s << TouchKeyboard::Layout::Text << true;
    QTest::newRow("user name") << u"userLineEdit"_s << TouchKeyboard::Layout::Text << true;
}

void tst_TouchKeyboard::layoutFollowsTheFieldsHints()
{
    QFETCH(QString, name);
    QFETCH(TouchKeyboard::Layout, layout);
    QFETCH(bool, plus);
    // The window gave its first field the focus as it was activated: the keyboard is up.
    QCOMPARE(QApplication::focusWidget(), field("phoneLineEdit"));
    QVERIFY(m_keyboard->isVisible());
    auto *edit = m_window->findChild<QLineEdit *>(name);
    QVERIFY(tap(edit));
    QCOMPARE(QApplication::focusWidget(), edit);
    QVERIFY(m_keyboard->isVisible());
    QCOMPARE(m_keyboard->target(), edit);
    QCOMPARE(m_keyboard->currentLayout(), layout);
    QCOMPARE(TouchKeyboard::layoutFor(edit), layout);
    QCOMPARE(m_keyboard->keyFor(u"+"_s) != nullptr, plus);
    QCOMPARE(m_keyboard->keyFor(u"a"_s) != nullptr, layout == TouchKeyboard::Layout::Text);
    QVERIFY(m_keyboard->keyFor(u"7"_s));
    const auto keys = m_keyboard->visibleKeys();
    for (QPushButton *key : keys) {
        QCOMPARE(key->focusPolicy(), Qt::NoFocus);
        QVERIFY2(key->width() >= 48 && key->height() >= 48, qPrintable(key->text()));
    }
}

void tst_TouchKeyboard::keysTypeLikeTypingAndKeepTheFocus()
{
    QLineEdit *email = field("emailLineEdit");
    QVERIFY(tap(email));
    QSignalSpy edited(email, &QLineEdit::textEdited);
    for (const QString &key : {u"a"_s, u"@"_s, u"b"_s, u"."_s, u"_"_s, u"-"_s, u"+"_s, u"9"_s})
        QVERIFY2(tap(m_keyboard->keyFor(key)), qPrintable(key));
    QCOMPARE(email->text(), u"a@b._-+9"_s);
    QCOMPARE(edited.size(), 8); // as typing: the page's "edited" reactions run
    QCOMPARE(QApplication::focusWidget(), email);
    // In the middle of the text, at the cursor.
    email->setCursorPosition(1);
    QVERIFY(tap(m_keyboard->findChild<QPushButton *>(u"textBackspaceKey"_s)));
    QCOMPARE(email->text(), u"@b._-+9"_s);
    QVERIFY(tap(m_keyboard->keyFor(u"z"_s)));
    QCOMPARE(email->text(), u"z@b._-+9"_s);
    // The hidden PIN takes digits and backspace too.
    QLineEdit *pin = field("pinLineEdit");
    QVERIFY(tap(pin));
    for (const QString &key : {u"1"_s, u"2"_s, u"3"_s})
        QVERIFY(tap(m_keyboard->keyFor(key)));
    QVERIFY(tap(m_keyboard->findChild<QPushButton *>(u"digitsBackspaceKey"_s)));
    QCOMPARE(pin->text(), u"12"_s);
    QCOMPARE(email->text(), u"z@b._-+9"_s); // the other field is left alone
    // A tap on a button of the page leaves the keyboard where it is (no layout jump under
    // the finger); a key then types into the field it served and gives it the focus back.
    auto *button = m_window->findChild<QPushButton *>(u"continueButton"_s);
    QVERIFY(tap(button));
    QCOMPARE(QApplication::focusWidget(), button);
    QVERIFY(m_keyboard->isVisible());
    QVERIFY(tap(m_keyboard->keyFor(u"4"_s)));
    QCOMPARE(pin->text(), u"124"_s);
    QCOMPARE(QApplication::focusWidget(), pin);
}

void tst_TouchKeyboard::validatorAndMaximumLengthHold()
{
    QLineEdit *user = field("userLineEdit");
    user->setValidator(new QRegularExpressionValidator(QRegularExpression(u"[a-z]*"_s), user));
    user->setMaxLength(3);
    QVERIFY(tap(user));
    QVERIFY(tap(m_keyboard->keyFor(u"a"_s)));
    QVERIFY(tap(m_keyboard->keyFor(u"1"_s))); // refused by the validator
    QVERIFY(tap(m_keyboard->keyFor(u"b"_s)));
    QVERIFY(tap(m_keyboard->keyFor(u"c"_s)));
    QVERIFY(tap(m_keyboard->keyFor(u"d"_s))); // beyond the maximum length
    QCOMPARE(user->text(), u"abc"_s);
}

void tst_TouchKeyboard::fieldsOutsideTheScopeOrTheListAreNotServed()
{
    QLineEdit *phone = field("phoneLineEdit");
    QVERIFY(tap(phone));
    QVERIFY(tap(field("otherLineEdit"))); // another page's field: not this keyboard's
    QCOMPARE(m_keyboard->target(), phone);
    QVERIFY(tap(field("readOnlyLineEdit")));
    QCOMPARE(m_keyboard->target(), phone);

    // Restricted to the PIN: another field of the page hides it, so that the keys never type
    // into a field that lost the focus.
    m_keyboard->setFields({field("pinLineEdit")});
    QVERIFY(tap(field("pinLineEdit")));
    QCOMPARE(m_keyboard->currentLayout(), TouchKeyboard::Layout::Digits);
    QVERIFY(tap(field("emailLineEdit")));
    QVERIFY(!m_keyboard->isVisible());
    QVERIFY(!m_keyboard->target());
    QVERIFY(tap(field("pinLineEdit")));
    QVERIFY(m_keyboard->isVisible());
}

void tst_TouchKeyboard::shiftHoldsForOneLetterAndSymbolsSwitchPages()
{
    QLineEdit *user = field("userLineEdit");
    QVERIFY(tap(user));
    auto *shift = m_keyboard->findChild<QPushButton *>(u"shiftKey"_s);
    auto *symbols = m_keyboard->findChild<QPushButton *>(u"symbolsKey"_s);
    QVERIFY(tap(shift));
    QVERIFY(shift->isChecked());
    QVERIFY(!m_keyboard->keyFor(u"a"_s));
    QVERIFY(tap(m_keyboard->keyFor(u"A"_s)));
    QVERIFY(!shift->isChecked());
    QVERIFY(tap(m_keyboard->keyFor(u"b"_s)));
    QVERIFY(tap(symbols));
    QVERIFY(!shift->isEnabled());
    for (const QString &key : {u"!"_s, u"&"_s, u"\\"_s})
        QVERIFY2(tap(m_keyboard->keyFor(key)), qPrintable(key));
    QVERIFY(tap(symbols));
    QVERIFY(tap(m_keyboard->keyFor(u".com"_s)));
    QCOMPARE(user->text(), u"Ab!&\\.com"_s);
}

void tst_TouchKeyboard::keypadShowsTheDigitsOfTheLanguage()
{
    QLineEdit *phone = field("phoneLineEdit");
    QVERIFY(tap(phone));
    QCOMPARE(m_keyboard->findChild<QPushButton *>(u"digit5Key"_s)->text(), u"5"_s);
    QLocale::setDefault(QLocale(QLocale::Arabic, QLocale::Egypt));
    QEvent change(QEvent::LanguageChange);
    QCoreApplication::sendEvent(m_keyboard, &change);
    for (int digit = 0; digit <= 9; ++digit) {
        QCOMPARE(m_keyboard->findChild<QPushButton *>(u"digit%1Key"_s.arg(digit))->text(),
                 QString(QChar(0x0660 + digit)));
    }
    QVERIFY(tap(m_keyboard->keyFor(u"٠"_s)));
    QVERIFY(tap(m_keyboard->keyFor(u"١"_s)));
    QCOMPARE(phone->text(), u"٠١"_s);
    // The Latin keyboard keeps Latin digits for an email.
    QVERIFY(tap(field("emailLineEdit")));
    QVERIFY(m_keyboard->keyFor(u"5"_s));
    QVERIFY(!m_keyboard->keyFor(u"٥"_s));
}

// Widgets that take touch events themselves (a page with gestures, the keyboard, a key) get
// a TouchBegin first: the keys must still type, through the mouse events Qt synthesizes for
// the touches nobody accepted.
void tst_TouchKeyboard::keysWorkWhenWidgetsAcceptTouchEvents()
{
    QVERIFY(QCoreApplication::testAttribute(Qt::AA_SynthesizeMouseForUnhandledTouchEvents));
    QLineEdit *phone = field("phoneLineEdit");
    QVERIFY(tap(phone));
    m_page->setAttribute(Qt::WA_AcceptTouchEvents);
    QVERIFY(tap(m_keyboard->keyFor(u"1"_s)));
    m_keyboard->setAttribute(Qt::WA_AcceptTouchEvents);
    QVERIFY(tap(m_keyboard->keyFor(u"2"_s)));
    QPushButton *three = m_keyboard->keyFor(u"3"_s);
    three->setAttribute(Qt::WA_AcceptTouchEvents);
    QVERIFY(tap(three));
    QCOMPARE(phone->text(), u"123"_s);
    QCOMPARE(QApplication::focusWidget(), phone);
}

QTEST_MAIN(tst_TouchKeyboard)
#include "tst_touchkeyboard.moc"
