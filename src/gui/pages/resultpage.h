#pragma once

#include "flow/onboardingflow.h"
#include "wizardpage.h"

#include <memory>

namespace Ui {
class ResultPage;
}

namespace kiosk {

// The outcome (verified, validated, not verified, referred to the agent) and each
// service's answer in plain words.
class ResultPage : public WizardPage
{
    Q_OBJECT

public:
    explicit ResultPage(QWidget *parent = nullptr);
    ~ResultPage() override;

    void showOutcome(flow::Outcome outcome, const flow::CustomerSession &session);
    void clear();
    QPushButton *defaultButton() const override;

Q_SIGNALS:
    void finished();

protected:
    void retranslate() override;

private:
    void render();

    std::unique_ptr<Ui::ResultPage> m_ui;
    flow::Outcome m_outcome = flow::Outcome::None;
    const flow::CustomerSession *m_session = nullptr;
};

} // namespace kiosk
