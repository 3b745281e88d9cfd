#include "touchkeyboard.h"

#include "guilogging.h"

#include <QApplication>
#include <QEvent>
#include <QGridLayout>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace kiosk {

namespace {

// The keys keep their size on every page whatever the page's own button rules: a widget's
// own style sheet wins over the ones it inherits. Keypad keys are large (a phone number is
// typed at arm's length); the letter keys stay above the 48 px touch target.
const auto kKeyStyle = uR"(
QPushButton[class="key"] {
    min-width: 52px; min-height: 56px; padding: 0; font-size: 18pt;
    border-radius: 8px; border: 2px solid #5a6270; background: #ffffff; color: #111418;
}
QPushButton[class="key"]:pressed { background: #dde6f7; }
QPushButton[class="key"][role="special"] { background: #e8eef9; color: #0b3d91; }
QPushButton[class="key"][role="special"]:checked { background: #0b3d91; color: #ffffff; }
QPushButton[class="key"][role="digit"] { min-width: 104px; min-height: 72px; font-size: 26pt; }
QPushButton[class="key"][role="digit"][compact="true"] {
    min-width: 72px; min-height: 56px; font-size: 20pt;
}
)"_s;

const auto kKeyTextProperty = "keyText";

// Letter keys per page: rows 1 to 3 of the text layout (row 0 is the digits, row 4 the
// email punctuation, both fixed).
struct LetterRows
{
    QString row1, row2, row3;
};
const LetterRows kLower{u"qwertyuiop"_s, u"asdfghjkl"_s, u"zxcvbnm"_s};
const LetterRows kUpper{u"QWERTYUIOP"_s, u"ASDFGHJKL"_s, u"ZXCVBNM"_s};
const LetterRows kSymbols{u"!#$%&*?/=^"_s, u"~'\":;,()|"_s, u"{}[]<>\\"_s};

// A label of several neutral characters (".com", "#+=") would be drawn mirrored in a
// right-to-left window: the marks hold it left to right.
QString leftToRight(const QString &label)
{
    return u'\u200E' + label + u'\u200E';
}

} // namespace

TouchKeyboard::TouchKeyboard(QWidget *scope, QWidget *parent)
    : QWidget(parent)
    , m_scope(scope)
{
    setFocusPolicy(Qt::NoFocus);
    setStyleSheet(kKeyStyle);
    auto *box = new QVBoxLayout(this);
    box->setContentsMargins(0, 0, 0, 0);
    buildDigits();
    buildText();
    // A keypad and a Latin keyboard read left to right in Arabic too (the keyboard itself
    // keeps the page's direction, so that it sits on the field's side).
    m_digitsPanel->setLayoutDirection(Qt::LeftToRight);
    m_textPanel->setLayoutDirection(Qt::LeftToRight);
    box->addWidget(m_digitsPanel);
    box->addWidget(m_textPanel);
    box->addStretch(1);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    relabel();
    hide(); // until a field of the scope takes focus
    connect(qApp, &QApplication::focusChanged, this, &TouchKeyboard::onFocusChanged);
    if (auto *edit = qobject_cast<QLineEdit *>(QApplication::focusWidget()))
        onFocusChanged(nullptr, edit);
}

TouchKeyboard::~TouchKeyboard() = default;

void TouchKeyboard::setFields(const QList<QLineEdit *> &fields)
{
    m_fields.clear();
    for (QLineEdit *field : fields)
        m_fields << field;
}

void TouchKeyboard::setCompact(bool compact)
{
    const auto keys = m_digitsPanel->findChildren<QPushButton *>();
    for (QPushButton *key : keys) {
        key->setProperty("compact", compact);
        key->style()->unpolish(key);
        key->style()->polish(key);
    }
}

TouchKeyboard::Layout TouchKeyboard::layoutFor(const QLineEdit *edit)
{
    const Qt::InputMethodHints hints = edit->inputMethodHints();
    if (hints & Qt::ImhDialableCharactersOnly)
        return Layout::Phone;
    if (hints & (Qt::ImhDigitsOnly | Qt::ImhFormattedNumbersOnly))
        return Layout::Digits;
    return Layout::Text;
}

QPushButton *TouchKeyboard::makeKey(QGridLayout *grid, int row, int column, int columnSpan)
{
    auto *key = new QPushButton(grid->parentWidget());
    // Typing must leave the focus, the cursor and the selection in the field.
    key->setFocusPolicy(Qt::NoFocus);
    key->setProperty("class", u"key"_s);
    key->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    grid->addWidget(key, row, column, 1, columnSpan);
    return key;
}

void TouchKeyboard::buildDigits()
{
    m_digitsPanel = new QWidget(this);
    m_digitsPanel->setObjectName(u"digitsPanel"_s);
    auto *grid = new QGridLayout(m_digitsPanel);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(10);
    // The telephone order: 1 2 3 on top, 0 in the middle of the last row.
    for (int digit = 0; digit <= 9; ++digit) {
        const int row = digit == 0 ? 3 : (digit - 1) / 3;
        const int column = digit == 0 ? 1 : (digit - 1) % 3;
        QPushButton *key = makeKey(grid, row, column);
        key->setObjectName(u"digit%1Key"_s.arg(digit));
        key->setProperty("role", u"digit"_s);
        connect(key, &QPushButton::clicked, this,
                [this, key] { type(key->property(kKeyTextProperty).toString()); });
        m_digitKeys << key;
    }
    m_plusKey = makeKey(grid, 3, 0);
    m_plusKey->setObjectName(u"plusKey"_s);
    m_plusKey->setProperty("role", u"digit"_s);
    m_plusKey->setText(u"+"_s);
    m_plusKey->setProperty(kKeyTextProperty, u"+"_s);
    connect(m_plusKey, &QPushButton::clicked, this, [this] { type(u"+"_s); });
    // A PIN has no plus: the cell keeps its size so that the keys do not move.
    QSizePolicy keep = m_plusKey->sizePolicy();
    keep.setRetainSizeWhenHidden(true);
    m_plusKey->setSizePolicy(keep);
    m_digitsBackspaceKey = makeKey(grid, 3, 2);
    m_digitsBackspaceKey->setObjectName(u"digitsBackspaceKey"_s);
    m_digitsBackspaceKey->setProperty("role", u"digit"_s);
    m_digitsBackspaceKey->setText(u"\u232B"_s);
    m_digitsBackspaceKey->setAutoRepeat(true);
    connect(m_digitsBackspaceKey, &QPushButton::clicked, this, &TouchKeyboard::backspace);
}

void TouchKeyboard::buildText()
{
    m_textPanel = new QWidget(this);
    m_textPanel->setObjectName(u"textPanel"_s);
    auto *grid = new QGridLayout(m_textPanel);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(6);
    const auto fixedKey = [this, grid](const QString &text, int row, int column, int span = 1) {
        QPushButton *key = makeKey(grid, row, column, span);
        key->setText(text.size() > 1 ? leftToRight(text) : text);
        key->setProperty(kKeyTextProperty, text);
        connect(key, &QPushButton::clicked, this, [this, text] { type(text); });
        m_fixedTextKeys << key;
        return key;
    };
    const QString digits = u"1234567890"_s;
    for (int i = 0; i < digits.size(); ++i)
        fixedKey(QString(digits.at(i)), 0, i);
    const auto letterKey = [this, grid](int row, int column) {
        QPushButton *key = makeKey(grid, row, column);
        connect(key, &QPushButton::clicked, this,
                [this, key] { type(key->property(kKeyTextProperty).toString()); });
        m_letterKeys << key;
    };
    for (int i = 0; i < kLower.row1.size(); ++i)
        letterKey(1, i);
    for (int i = 0; i < kLower.row2.size(); ++i)
        letterKey(2, i);
    fixedKey(u"@"_s, 2, 9);
    m_shiftKey = makeKey(grid, 3, 0);
    m_shiftKey->setObjectName(u"shiftKey"_s);
    m_shiftKey->setProperty("role", u"special"_s);
    m_shiftKey->setText(u"\u21E7"_s);
    m_shiftKey->setCheckable(true);
    connect(m_shiftKey, &QPushButton::clicked, this, &TouchKeyboard::toggleShift);
    for (int i = 0; i < kLower.row3.size(); ++i)
        letterKey(3, i + 1);
    m_textBackspaceKey = makeKey(grid, 3, 8, 2);
    m_textBackspaceKey->setObjectName(u"textBackspaceKey"_s);
    m_textBackspaceKey->setProperty("role", u"special"_s);
    m_textBackspaceKey->setText(u"\u232B"_s);
    m_textBackspaceKey->setAutoRepeat(true);
    connect(m_textBackspaceKey, &QPushButton::clicked, this, &TouchKeyboard::backspace);
    m_symbolsKey = makeKey(grid, 4, 0, 2);
    m_symbolsKey->setObjectName(u"symbolsKey"_s);
    m_symbolsKey->setProperty("role", u"special"_s);
    m_symbolsKey->setCheckable(true);
    connect(m_symbolsKey, &QPushButton::clicked, this, &TouchKeyboard::toggleSymbols);
    int column = 2;
    for (const QString &text : {u"."_s, u"_"_s, u"-"_s, u"+"_s})
        fixedKey(text, 4, column++);
    fixedKey(u".com"_s, 4, column, 2);
}

void TouchKeyboard::relabel()
{
    const QLocale locale;
    for (int digit = 0; digit <= 9; ++digit) {
        // The digits of the customer's language (Arabic-Indic in Arabic); the fields and the
        // PIN check accept either kind.
        const QString text = locale.toString(digit);
        m_digitKeys.at(digit)->setText(text);
        m_digitKeys.at(digit)->setProperty(kKeyTextProperty, text);
    }
    const LetterRows &rows =
        m_page == Page::Symbols ? kSymbols : (m_page == Page::Upper ? kUpper : kLower);
    const QString letters = rows.row1 + rows.row2 + rows.row3;
    for (int i = 0; i < m_letterKeys.size(); ++i) {
        const QString text = i < letters.size() ? QString(letters.at(i)) : QString();
        m_letterKeys.at(i)->setText(text == u"&"_s ? u"&&"_s : text);
        m_letterKeys.at(i)->setProperty(kKeyTextProperty, text);
    }
    m_shiftKey->setChecked(m_page == Page::Upper);
    m_shiftKey->setEnabled(m_page != Page::Symbols);
    m_symbolsKey->setChecked(m_page == Page::Symbols);
    m_symbolsKey->setText(leftToRight(m_page == Page::Symbols ? u"abc"_s : u"#+="_s));
    m_shiftKey->setAccessibleName(tr("Shift"));
    m_symbolsKey->setAccessibleName(m_page == Page::Symbols ? tr("Letters") : tr("Symbols"));
    m_digitsBackspaceKey->setAccessibleName(tr("Delete"));
    m_textBackspaceKey->setAccessibleName(tr("Delete"));
}

void TouchKeyboard::onFocusChanged(QWidget *old, QWidget *now)
{
    Q_UNUSED(old)
    auto *edit = qobject_cast<QLineEdit *>(now);
    // Focus elsewhere (a button of the page, the window's panels) leaves the keyboard as it
    // is: a layout that changed under the finger between press and release would lose the
    // tap.
    if (!edit || edit->isReadOnly() || !m_scope || !m_scope->isAncestorOf(edit))
        return;
    if (!m_fields.isEmpty() && !m_fields.contains(QPointer<QLineEdit>(edit))) {
        // A field typed some other way: the keys must not type into the previous one.
        m_target = nullptr;
        hide();
        return;
    }
    attach(edit);
}

void TouchKeyboard::attach(QLineEdit *edit)
{
    m_target = edit;
    m_layout = layoutFor(edit);
    const bool digits = m_layout != Layout::Text;
    m_digitsPanel->setVisible(digits);
    m_textPanel->setVisible(!digits);
    m_plusKey->setVisible(m_layout == Layout::Phone);
    if (m_page == Page::Upper)
        m_page = Page::Lower;
    relabel();
    qCDebug(lcGui) << "touch keyboard for" << edit->objectName() << m_layout;
    show();
}

QList<QPushButton *> TouchKeyboard::visibleKeys() const
{
    QList<QPushButton *> keys;
    const auto all = findChildren<QPushButton *>();
    for (QPushButton *key : all) {
        if (key->isVisibleTo(this) && key->parentWidget()->isVisibleTo(this))
            keys << key;
    }
    return keys;
}

QPushButton *TouchKeyboard::keyFor(const QString &text) const
{
    const auto keys = visibleKeys();
    for (QPushButton *key : keys) {
        if (key->property(kKeyTextProperty).toString() == text)
            return key;
    }
    return nullptr;
}

void TouchKeyboard::type(const QString &text)
{
    QLineEdit *edit = m_target;
    if (!edit || text.isEmpty() || !edit->isEnabled() || edit->isReadOnly())
        return;
    // The keys belong to the field they were shown for, even after a tap elsewhere on the page.
    if (!edit->hasFocus())
        edit->setFocus(Qt::OtherFocusReason);
    // As typing does: the validator and the maximum length apply, textEdited is emitted.
    edit->insert(text);
    if (m_page == Page::Upper) { // shift holds for one letter
        m_page = Page::Lower;
        relabel();
    }
}

void TouchKeyboard::backspace()
{
    QLineEdit *edit = m_target;
    if (!edit || !edit->isEnabled() || edit->isReadOnly())
        return;
    if (!edit->hasFocus())
        edit->setFocus(Qt::OtherFocusReason);
    edit->backspace();
}

void TouchKeyboard::toggleShift()
{
    m_page = m_page == Page::Upper ? Page::Lower : Page::Upper;
    relabel();
}

void TouchKeyboard::toggleSymbols()
{
    m_page = m_page == Page::Symbols ? Page::Lower : Page::Symbols;
    relabel();
}

void TouchKeyboard::changeEvent(QEvent *event)
{
    // The keypad shows the digits of the new language.
    if (event->type() == QEvent::LanguageChange)
        relabel();
    QWidget::changeEvent(event);
}

} // namespace kiosk
