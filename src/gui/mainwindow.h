#pragma once

#include "flow/idlewatch.h"
#include "flow/onboardingflow.h"

#include <QMainWindow>

#include <functional>
#include <memory>
#include <optional>

class QScreen;

namespace Ui {
class MainWindow;
}

namespace kiosk {

class AgentLoginPage;
class AuditPage;
class SpokenPrompts;
class CapturePage;
class Clock;
class FrameSource;
class ConsentPage;
class CustomerPage;
class PinPage;
class ResultPage;
class ReviewPage;
class Settings;
class SettingsPage;
class Translations;
class WelcomePage;
class WizardPage;
namespace metrics {
class KioskMetrics;
}
namespace api {
class BoldSignClient;
class VlensClient;
} // namespace api

// The kiosk's top-level window: hosts the wizard's pages in a stack that follows the
// OnboardingFlow, shows the upload progress and every failure with the actions its
// Failure::Action allows, resets idle sessions, and keeps the agent's pages behind the
// PIN. It owns no customer data: the flow does, and every page is cleared on a reset.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class Page
    {
        SignIn,
        Welcome,
        Consent,
        Customer,
        Capture,
        Review,
        Result,
        Pin,
        Settings,
        Audit
    };
    Q_ENUM(Page)

    // camera: the frame source of the capture page (started on the capture steps only);
    // clock: the capture code's time; boldSign: the audit screen's BoldSign tab (optional).
    MainWindow(Settings *settings, Translations *translations, api::VlensClient *client,
               flow::OnboardingFlow *flow, FrameSource *camera, const Clock &clock,
               api::BoldSignClient *boldSign = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setApiDescription(const QString &description);
    // Sign-in failures, PIN lockouts and the capture page's figures go to these metrics.
    void setMetrics(metrics::KioskMetrics *metrics);
    // Kiosk mode: the window cannot be closed without the agent PIN (Exit on the
    // settings page), has no frame and covers its whole screen. Full-screen state alone is
    // not enough: without a window manager (X11 on a bare X server) nobody honours it, so
    // the window also takes the screen's geometry and follows it when the screen is
    // resized, or when the window moves to another screen or the primary screen changes.
    void setKioskMode(bool on);
    bool isKioskMode() const { return m_kiosk; }

    Page currentPage() const;
    CapturePage *capturePage() const { return m_capture; }
    flow::IdleWatch *idleWatch() { return &m_idle; }
    SpokenPrompts *spokenPrompts() const { return m_speech.get(); }
    // True when a page or panel still shows something of a customer.
    bool holdsCustomerData() const;

Q_SIGNALS:
    // The agent unlocked and chose Exit: the application should quit.
    void exitRequested();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    WizardPage *pageWidget(Page page) const;
    // The one page that shows a step of the flow, and what that page needs before it shows the step
    // (run when the flow enters the step, not when the agent pages are left).
    struct StepPage
    {
        Page page;
        std::function<void()> prepare;
    };
    StepPage pageFor(flow::Step step);
    void showPage(Page page);
    void setLanguage(const QLocale &language);
    void startSession();
    void onStepChanged(flow::Step step);
    void onBusyChanged(bool busy);
    void onUploadProgress(qint64 sent, qint64 total);
    void onFailed(const flow::Failure &failure);
    void onSessionEnded(flow::EndReason reason, flow::Outcome outcome);
    void showFailure();
    void hideFailure();
    void retryAfterFailure();
    void retakeAfterFailure();
    void agentRetry();
    void openAgentPages();
    void leaveAgentPages();
    void applySettings();
    void endShift();
    void onIdleWarning(int secondsLeft);
    void onIdleExpired();
    void updateIdleText(int secondsLeft);
    void updateStepLabel();
    // Speaks the page's title when the customer asked for spoken prompts.
    void announce(Page page);
    void retranslate();
    bool activateDefault();
    // Kiosk mode: cover the window's screen, and keep covering it.
    void followScreen(QScreen *screen);
    void fillScreen();
    void wipe();
    // True for this window and every window opened on top of it (dialogs, the image
    // viewer, the folder chooser, menus): their parents lead back here.
    bool isOwnWindow(const QWidget *window) const;
    // Closes every dialog, popup and window opened over the kiosk (idle, sign-out): the
    // next customer must never find an agent's folder chooser open.
    void closeOwnWindows();

    std::unique_ptr<Ui::MainWindow> m_ui;
    Settings *m_settings;
    Translations *m_translations;
    api::VlensClient *m_client;
    flow::OnboardingFlow *m_flow;
    FrameSource *m_camera;
    flow::IdleWatch m_idle;
    std::unique_ptr<SpokenPrompts> m_speech;

    AgentLoginPage *m_signIn;
    WelcomePage *m_welcome;
    ConsentPage *m_consent;
    CustomerPage *m_customer;
    CapturePage *m_capture;
    ReviewPage *m_review;
    ResultPage *m_result;
    PinPage *m_pin;
    SettingsPage *m_settingsPage;
    AuditPage *m_audit;

    std::optional<flow::Failure> m_failure;
    QString m_apiDescription;
    bool m_kiosk = false;
    bool m_exitAllowed = false;
    QMetaObject::Connection m_screenGeometry;
    QMetaObject::Connection m_screenChanged;
    QMetaObject::Connection m_primaryChanged;
};

} // namespace kiosk
