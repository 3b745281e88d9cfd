#pragma once

#include "identity/nationalid.h"
#include "wizardpage.h"

#include <memory>

namespace Ui {
class ReviewPage;
}

namespace kiosk {

namespace flow {
class CustomerSession;
}

// What the service read from the card, with the national ID's own cross-checks
// (identity/nationalid.h); the agent compares it with the card and confirms.
class ReviewPage : public WizardPage
{
    Q_OBJECT

public:
    explicit ReviewPage(QWidget *parent = nullptr);
    ~ReviewPage() override;

    void showSession(const flow::CustomerSession &session);
    void clear();
    bool isEmpty() const;
    QPushButton *defaultButton() const override;

    static QString issueText(NationalIdIssue issue);

Q_SIGNALS:
    void confirmed();
    void referred();

protected:
    void retranslate() override;

private:
    void render();

    std::unique_ptr<Ui::ReviewPage> m_ui;
    const flow::CustomerSession *m_session = nullptr;
};

} // namespace kiosk
