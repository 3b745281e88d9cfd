#pragma once

#include <QLineEdit>
#include <QList>
#include <QPointer>
#include <QWidget>

class QGridLayout;
class QPushButton;

namespace kiosk {

// An on-screen keyboard inside the kiosk window, for touch screens with no keyboard (cage
// has no input method of its own). It serves the line edits of one page (its scope): when
// one takes focus it shows itself with the layout the field asks for through its input
// method hints: a large numeric keypad for digits (phone, PIN; the digits of the current
// language on the keys), or a Latin keyboard for an email, a user name or a password. Its
// keys never take focus; they insert into the focused field as typing would (validator and
// maximum length hold, textEdited is emitted). The page lays it out beside or below the
// fields, so it never covers the one being typed into.
class TouchKeyboard : public QWidget
{
    Q_OBJECT

public:
    enum class Layout
    {
        Digits, // 0-9 (a PIN)
        Phone,  // 0-9 and +
        Text    // Latin letters, digits, @ . _ - + and a symbols page
    };
    Q_ENUM(Layout)

    // scope: the widget whose line edits this keyboard serves (the page).
    explicit TouchKeyboard(QWidget *scope, QWidget *parent = nullptr);
    ~TouchKeyboard() override;

    // Only these fields get the keyboard (default: every line edit of the scope).
    void setFields(const QList<QLineEdit *> &fields);
    // Smaller keypad keys (still above the 48 px touch target) where a page has little room.
    void setCompact(bool compact);

    // The layout a field gets, from its input method hints.
    static Layout layoutFor(const QLineEdit *edit);

    Layout currentLayout() const { return m_layout; }
    // The field the keys type into (null before a field of the scope took focus).
    QLineEdit *target() const { return m_target.data(); }
    // Every key of the current layout that is shown.
    QList<QPushButton *> visibleKeys() const;
    // The key that types text (as shown now: shift and symbols change the letter keys).
    QPushButton *keyFor(const QString &text) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    enum class Page
    {
        Lower,
        Upper,
        Symbols
    };

    void onFocusChanged(QWidget *old, QWidget *now);
    void attach(QLineEdit *edit);
    QPushButton *makeKey(QGridLayout *grid, int row, int column, int columnSpan = 1);
    void buildDigits();
    void buildText();
    void relabel();
    void type(const QString &text);
    void backspace();
    void toggleShift();
    void toggleSymbols();

    QPointer<QWidget> m_scope;
    QPointer<QLineEdit> m_target;
    QList<QPointer<QLineEdit>> m_fields;
    Layout m_layout = Layout::Text;
    Page m_page = Page::Lower;

    QWidget *m_digitsPanel = nullptr;
    QWidget *m_textPanel = nullptr;
    QList<QPushButton *> m_digitKeys; // 0-9 on the keypad
    QPushButton *m_plusKey = nullptr;
    QPushButton *m_digitsBackspaceKey = nullptr;
    QList<QPushButton *> m_letterKeys; // relabelled by shift and symbols
    QList<QPushButton *> m_fixedTextKeys;
    QPushButton *m_shiftKey = nullptr;
    QPushButton *m_symbolsKey = nullptr;
    QPushButton *m_textBackspaceKey = nullptr;
};

} // namespace kiosk
