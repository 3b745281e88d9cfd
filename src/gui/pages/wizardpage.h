#pragma once

#include <QPushButton>
#include <QWidget>

namespace kiosk {

// A page of the wizard: a thin view over the flow. The host asks it for the button Enter
// activates and tells it when the language changed.
class WizardPage : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    // The button Enter activates on this page (may be null or disabled).
    virtual QPushButton *defaultButton() const { return nullptr; }
    // Where the keyboard focus goes when the page is shown.
    virtual QWidget *firstFocus() const { return defaultButton(); }

    // A wait as the agent reads it: "m:ss" in the current locale's digits, rounded up.
    static QString waitText(qint64 ms);

protected:
    void changeEvent(QEvent *event) override;
    // Re-applies the form's texts and the page's own dynamic texts.
    virtual void retranslate() {}
};

} // namespace kiosk
