#pragma once

#include "wizardpage.h"

#include <memory>

namespace Ui {
class ConsentPage;
}

namespace kiosk {

// Explicit consent to the processing of the card and face images; declining ends the
// session.
class ConsentPage : public WizardPage
{
    Q_OBJECT

public:
    explicit ConsentPage(QWidget *parent = nullptr);
    ~ConsentPage() override;

    void clear();
    QPushButton *defaultButton() const override;
    QWidget *firstFocus() const override;

Q_SIGNALS:
    void consentGiven();
    void consentDeclined();

protected:
    void retranslate() override;

private:
    std::unique_ptr<Ui::ConsentPage> m_ui;
};

} // namespace kiosk
