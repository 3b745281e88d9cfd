#include "mainwindow.h"

#include "api/vlensclient.h"
#include "capture/framesource.h"
#include "guilogging.h"
#include "i18n.h"
#include "metrics/kioskmetrics.h"
#include "pages/agentloginpage.h"
#include "pages/auditpage.h"
#include "pages/capturepage.h"
#include "pages/consentpage.h"
#include "pages/customerpage.h"
#include "pages/pinpage.h"
#include "pages/resultpage.h"
#include "pages/reviewpage.h"
#include "pages/settingspage.h"
#include "pages/welcomepage.h"
#include "settings/settings.h"
#include "spokenprompts.h"
#include "ui_mainwindow.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QFile>
#include <QKeyEvent>
#include <QPushButton>
#include <QScreen>
#include <QWindow>

using namespace Qt::StringLiterals;

namespace kiosk {

// Makes lupdate carry the layout direction: the Arabic catalogue translates it to "RTL",
// and QGuiApplication mirrors every layout from that translation.
[[maybe_unused]] static const char *const kLayoutDirection =
    QT_TRANSLATE_NOOP("QGuiApplication", "QT_LAYOUT_DIRECTION");

using flow::Failure;
using flow::Step;

MainWindow::MainWindow(Settings *settings, Translations *translations, api::VlensClient *client,
                       flow::OnboardingFlow *flow, FrameSource *camera, const Clock &clock,
                       api::BoldSignClient *boldSign, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_settings(settings)
    , m_translations(translations)
    , m_client(client)
    , m_flow(flow)
    , m_camera(camera)
    , m_idle(clock)
{
    m_ui->setupUi(this);
    QFile style(u":/kiosk/kiosk.qss"_s);
    if (style.open(QIODevice::ReadOnly))
        setStyleSheet(QString::fromUtf8(style.readAll()));

    m_signIn = new AgentLoginPage(settings, client, clock, this);
    m_welcome = new WelcomePage(this);
    m_consent = new ConsentPage(this);
    m_customer = new CustomerPage(this);
    m_capture = new CapturePage(*settings, camera, clock, this);
    m_review = new ReviewPage(this);
    m_result = new ResultPage(this);
    m_pin = new PinPage(settings, clock, this);
    m_settingsPage = new SettingsPage(settings, this);
    m_audit = new AuditPage(client, boldSign, this);
    m_speech = std::make_unique<SpokenPrompts>(settings->string(Settings::Key::SpeechEngine));
    m_signIn->setObjectName(u"agentLoginPage"_s);
    m_welcome->setObjectName(u"welcomePage"_s);
    m_consent->setObjectName(u"consentPage"_s);
    m_customer->setObjectName(u"customerPage"_s);
    m_capture->setObjectName(u"capturePage"_s);
    m_review->setObjectName(u"reviewPage"_s);
    m_result->setObjectName(u"resultPage"_s);
    m_pin->setObjectName(u"pinPage"_s);
    m_settingsPage->setObjectName(u"settingsPage"_s);
    m_audit->setObjectName(u"auditPage"_s);
    // Stack order = Page order.
    for (WizardPage *page :
         {static_cast<WizardPage *>(m_signIn), static_cast<WizardPage *>(m_welcome),
          static_cast<WizardPage *>(m_consent), static_cast<WizardPage *>(m_customer),
          static_cast<WizardPage *>(m_capture), static_cast<WizardPage *>(m_review),
          static_cast<WizardPage *>(m_result), static_cast<WizardPage *>(m_pin),
          static_cast<WizardPage *>(m_settingsPage), static_cast<WizardPage *>(m_audit)})
        m_ui->pageStackedWidget->addWidget(page);

    m_ui->busyFrame->hide();
    m_ui->failureFrame->hide();
    m_ui->idleFrame->hide();

    // Pages -> flow.
    connect(m_signIn, &AgentLoginPage::signedIn, this, [this] { showPage(Page::Welcome); });
    connect(m_welcome, &WelcomePage::languageChosen, this, &MainWindow::setLanguage);
    connect(m_welcome, &WelcomePage::startRequested, this, &MainWindow::startSession);
    connect(m_welcome, &WelcomePage::speechToggled, this, [this](bool on) {
        m_speech->setEnabled(on);
        announce(currentPage());
    });
    connect(m_capture, &CapturePage::promptChanged, m_speech.get(), &SpokenPrompts::say);
    connect(m_consent, &ConsentPage::consentGiven, this, [this] { m_flow->setConsent(true); });
    connect(m_consent, &ConsentPage::consentDeclined, this, [this] { m_flow->setConsent(false); });
    connect(m_customer, &CustomerPage::submitted, m_flow, &flow::OnboardingFlow::submitCustomer);
    connect(m_capture, &CapturePage::documentCaptured, m_flow,
            &flow::OnboardingFlow::submitDocument);
    connect(m_capture, &CapturePage::facesCaptured, m_flow, &flow::OnboardingFlow::submitFaces);
    connect(m_review, &ReviewPage::confirmed, m_flow, &flow::OnboardingFlow::confirmReview);
    connect(m_review, &ReviewPage::referred, m_flow, &flow::OnboardingFlow::referToAgent);
    connect(m_result, &ResultPage::finished, this,
            [this] { m_flow->endSession(flow::EndReason::Finished); });

    // Flow -> window.
    connect(m_flow, &flow::OnboardingFlow::stepChanged, this, &MainWindow::onStepChanged);
    connect(m_flow, &flow::OnboardingFlow::busyChanged, this, &MainWindow::onBusyChanged);
    connect(m_flow, &flow::OnboardingFlow::uploadProgress, this, &MainWindow::onUploadProgress);
    connect(m_flow, &flow::OnboardingFlow::failed, this, &MainWindow::onFailed);
    connect(m_flow, &flow::OnboardingFlow::sessionEnded, this, &MainWindow::onSessionEnded);

    // Panels.
    connect(m_ui->cancelButton, &QPushButton::clicked, m_flow,
            &flow::OnboardingFlow::cancelRequest);
    connect(m_ui->tryAgainButton, &QPushButton::clicked, this, &MainWindow::retryAfterFailure);
    connect(m_ui->retakeButton, &QPushButton::clicked, this, &MainWindow::retakeAfterFailure);
    connect(m_ui->agentRetryButton, &QPushButton::clicked, this, &MainWindow::agentRetry);
    connect(m_ui->referButton, &QPushButton::clicked, this, [this] {
        hideFailure();
        m_flow->referToAgent();
    });
    connect(m_ui->endSessionButton, &QPushButton::clicked, this,
            [this] { m_flow->endSession(flow::EndReason::AgentEnded); });
    connect(m_ui->stillHereButton, &QPushButton::clicked, &m_idle, &flow::IdleWatch::activity);

    // Agent.
    connect(m_ui->agentButton, &QPushButton::clicked, this, &MainWindow::openAgentPages);
    connect(m_pin, &PinPage::cancelled, this, &MainWindow::leaveAgentPages);
    connect(m_pin, &PinPage::unlocked, this, [this] {
        m_settingsPage->load();
        showPage(Page::Settings);
    });
    connect(m_settingsPage, &SettingsPage::backRequested, this, &MainWindow::leaveAgentPages);
    connect(m_settingsPage, &SettingsPage::saved, this, &MainWindow::applySettings);
    connect(m_settingsPage, &SettingsPage::endShiftRequested, this, &MainWindow::endShift);
    connect(m_settingsPage, &SettingsPage::auditRequested, this, [this] { showPage(Page::Audit); });
    connect(m_audit, &AuditPage::backRequested, this, [this] { showPage(Page::Settings); });
    // The agent's token was refused even after a refresh: sign in again.
    connect(m_audit, &AuditPage::signInRequired, this, &MainWindow::endShift);
    connect(m_settingsPage, &SettingsPage::exitRequested, this, [this] {
        qCInfo(lcGui) << "agent left the kiosk";
        m_exitAllowed = true;
        Q_EMIT exitRequested();
    });

    // Idle sessions.
    connect(&m_idle, &flow::IdleWatch::warningStarted, this, &MainWindow::onIdleWarning);
    connect(&m_idle, &flow::IdleWatch::countdown, this, &MainWindow::updateIdleText);
    connect(&m_idle, &flow::IdleWatch::warningCancelled, m_ui->idleFrame, &QWidget::hide);
    connect(&m_idle, &flow::IdleWatch::expired, this, &MainWindow::onIdleExpired);
    qApp->installEventFilter(this);

    applySettings();
    QLocale::setDefault(m_translations->current());
    m_welcome->setLanguage(m_translations->current());
    showPage(m_client->adminTokens().isValid() ? Page::Welcome : Page::SignIn);
    retranslate();
}

MainWindow::~MainWindow()
{
    qApp->removeEventFilter(this);
}

void MainWindow::setApiDescription(const QString &description)
{
    m_apiDescription = description;
    retranslate();
}

void MainWindow::setMetrics(metrics::KioskMetrics *metrics)
{
    m_capture->setMetrics(metrics);
    connect(m_signIn, &AgentLoginPage::signInFailed, metrics,
            &metrics::KioskMetrics::recordSignInFailure);
    connect(m_pin, &PinPage::lockedOut, metrics, &metrics::KioskMetrics::recordPinLockout);
}

void MainWindow::setKioskMode(bool on)
{
    m_kiosk = on;
    m_exitAllowed = false;
    disconnect(m_screenGeometry);
    disconnect(m_screenChanged);
    disconnect(m_primaryChanged);
    // Changing the window flags of a shown window hides it.
    const bool wasVisible = isVisible();
    setWindowFlag(Qt::FramelessWindowHint, on);
    if (on) {
        winId(); // the QWindow that reports screen changes
        m_screenChanged =
            connect(windowHandle(), &QWindow::screenChanged, this, &MainWindow::followScreen);
        // A kiosk belongs on the primary screen: follow it when another output takes over.
        m_primaryChanged =
            connect(qApp, &QGuiApplication::primaryScreenChanged, this, [this](QScreen *primary) {
                if (primary)
                    windowHandle()->setScreen(primary);
            });
        followScreen(screen());
    } else {
        setWindowState(windowState() & ~Qt::WindowFullScreen);
    }
    if (wasVisible)
        show();
}

void MainWindow::followScreen(QScreen *screen)
{
    disconnect(m_screenGeometry);
    if (!m_kiosk || !screen)
        return;
    m_screenGeometry = connect(screen, &QScreen::geometryChanged, this, &MainWindow::fillScreen);
    fillScreen();
}

void MainWindow::fillScreen()
{
    if (!m_kiosk || !screen())
        return;
    const QRect geometry = screen()->geometry();
    qCInfo(lcGui).nospace() << "kiosk window covers screen " << screen()->name() << " ("
                            << geometry.width() << 'x' << geometry.height() << '+' << geometry.x()
                            << '+' << geometry.y() << ')';
    // In this order: an explicit geometry ends the full-screen state.
    setGeometry(geometry);
    setWindowState(windowState() | Qt::WindowFullScreen);
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_ui->pageStackedWidget->currentIndex());
}

WizardPage *MainWindow::pageWidget(Page page) const
{
    return static_cast<WizardPage *>(m_ui->pageStackedWidget->widget(int(page)));
}

bool MainWindow::holdsCustomerData() const
{
    return !m_customer->isEmpty() || !m_review->isEmpty() || m_capture->holdsCustomerData() ||
           m_failure.has_value() || !m_ui->failureLabel->text().isEmpty();
}

void MainWindow::showPage(Page page)
{
    m_ui->pageStackedWidget->setCurrentIndex(int(page));
    m_ui->agentButton->setVisible(page != Page::SignIn && page != Page::Pin &&
                                  page != Page::Settings && page != Page::Audit);
    if (page == Page::Pin)
        m_pin->reset();
    if (page == Page::SignIn) {
        m_signIn->reset();
        // The branch's tenancy (not a secret) that the page shows: what an installed kiosk
        // shows can be checked from its journal (packaging/test-install.sh).
        const QString tenancy = m_settings->string(Settings::Key::TenancyName);
        qCInfo(lcGui).noquote() << "sign-in page: tenancy"
                                << (tenancy.isEmpty() ? u"(not configured)"_s : tenancy);
    }
    // The agent's pages also fall back to the welcome page when left alone.
    if (page == Page::Pin || page == Page::Settings || page == Page::Audit)
        m_idle.arm();
    else if (m_flow->step() == Step::Welcome)
        m_idle.disarm();
    updateStepLabel();
    if (QWidget *focus = pageWidget(page)->firstFocus())
        focus->setFocus();
    announce(page);
}

void MainWindow::announce(Page page)
{
    if (!m_speech->isEnabled())
        return;
    const auto labels = pageWidget(page)->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (label->property("class").toString() == u"title"_s && !label->text().isEmpty()) {
            m_speech->say(label->text());
            return;
        }
    }
}

void MainWindow::setLanguage(const QLocale &language)
{
    // Dates and numbers follow the customer's language too.
    QLocale::setDefault(language);
    if (m_translations->current().language() != language.language())
        m_translations->install(language);
    m_welcome->setLanguage(language);
    m_speech->setLanguage(language);
    announce(currentPage());
}

void MainWindow::startSession()
{
    m_flow->start(m_translations->current());
}

void MainWindow::onStepChanged(Step step)
{
    hideFailure();
    // The camera runs on the capture steps only.
    if (step != Step::IdFront && step != Step::IdBack && step != Step::Liveness &&
        m_camera->state() != FrameSource::State::Stopped)
        m_camera->stop();
    const StepPage target = pageFor(step);
    if (target.prepare)
        target.prepare();
    showPage(target.page);
    if (step == Step::Welcome)
        return;
    if (!m_flow->isBusy())
        m_idle.arm();
}

void MainWindow::onBusyChanged(bool busy)
{
    m_ui->busyFrame->setVisible(busy);
    m_ui->pageStackedWidget->setEnabled(!busy);
    m_ui->uploadProgressBar->setRange(0, 0); // "busy" until the first progress
    m_ui->uploadProgressBar->setValue(0);
    if (busy) {
        hideFailure();
        // The idle watch keeps running: a request that never ends must not keep an
        // abandoned session (and its images) on the screen. The idle timeout is far longer
        // than an upload; the customer's touches count as activity meanwhile.
        m_ui->cancelButton->setFocus();
    } else if (m_flow->step() != Step::Welcome) {
        m_idle.arm(); // the answer is new to the customer: a full idle period again
    }
}

void MainWindow::onUploadProgress(qint64 sent, qint64 total)
{
    if (total <= 0)
        return;
    m_ui->uploadProgressBar->setRange(0, 1000);
    m_ui->uploadProgressBar->setValue(int(sent * 1000 / total));
}

void MainWindow::onFailed(const Failure &failure)
{
    m_failure = failure;
    showFailure();
}

void MainWindow::showFailure()
{
    if (!m_failure)
        return;
    const Failure &f = *m_failure;
    QString text;
    if (f.error.isError())
        text = f.error.message();
    else if (f.step == Step::Liveness)
        text = tr("We could not confirm that a live person is in front of the camera. Please "
                  "look straight at the camera, without glasses or a cap.");
    else
        text = tr("This card could not be confirmed as genuine. Please use your original "
                  "national ID card.");
    switch (f.action) {
    case Failure::Action::RetrySend:
        // Only where pictures exist (ID front, ID back, liveness): not at the customer step.
        if (f.imagesKept)
            text += u' ' + tr("Your pictures are kept: press Try again to send them again.");
        break;
    case Failure::Action::Recapture:
        if (f.step != Step::Customer)
            text += u' ' + tr("Please take the picture again.");
        break;
    case Failure::Action::AgentDecides:
        text += u' ' + tr("Please ask the agent for help.");
        break;
    }
    m_ui->failureLabel->setText(text);
    m_speech->say(text);
    const bool retry = f.action == Failure::Action::RetrySend;
    const bool retake = f.action == Failure::Action::Recapture;
    const bool agent = f.action == Failure::Action::AgentDecides;
    m_ui->tryAgainButton->setVisible(retry);
    m_ui->retakeButton->setVisible(retake);
    m_ui->retakeButton->setText(f.step == Step::Customer ? tr("Edit the details") : tr("Retake"));
    m_ui->agentChoicesLabel->setVisible(agent);
    m_ui->agentRetryButton->setVisible(agent);
    m_ui->referButton->setVisible(agent);
    m_ui->endSessionButton->setVisible(agent);
    m_ui->failureFrame->show();
    if (retry)
        m_ui->tryAgainButton->setFocus();
    else if (retake)
        m_ui->retakeButton->setFocus();
    else
        m_ui->agentRetryButton->setFocus();
}

void MainWindow::hideFailure()
{
    m_failure.reset();
    m_ui->failureLabel->clear();
    m_ui->failureFrame->hide();
}

void MainWindow::retryAfterFailure()
{
    hideFailure();
    m_flow->retry();
}

void MainWindow::retakeAfterFailure()
{
    const Step step = m_failure ? m_failure->step : m_flow->step();
    hideFailure();
    m_flow->recapture();
    if (step == Step::IdFront || step == Step::IdBack || step == Step::Liveness)
        m_capture->begin(m_flow->step());
    else if (QWidget *focus = pageWidget(currentPage())->firstFocus())
        focus->setFocus();
}

void MainWindow::agentRetry()
{
    if (!m_failure)
        return;
    // The agent lets the customer try again: with new pictures when the pictures (or the
    // card) were the problem, else by sending the kept ones again.
    const api::ApiError::Remedy remedy = m_failure->error.remedy();
    const bool newPictures = !m_failure->error.isError() ||
                             remedy == api::ApiError::Remedy::RecaptureDocument ||
                             remedy == api::ApiError::Remedy::RecaptureFace ||
                             remedy == api::ApiError::Remedy::UseAnotherDocument;
    if (newPictures)
        retakeAfterFailure();
    else
        retryAfterFailure();
}

void MainWindow::onSessionEnded(flow::EndReason reason, flow::Outcome outcome)
{
    Q_UNUSED(outcome)
    qCInfo(lcGui) << "session ended, view reset:" << reason;
    wipe();
    m_flow->setOptions(flow::FlowOptions::fromSettings(*m_settings));
    setLanguage(QLocale(m_settings->string(Settings::Key::UiLanguage)));
    showPage(Page::Welcome);
}

void MainWindow::wipe()
{
    hideFailure();
    m_speech->setEnabled(false); // spoken prompts were this customer's choice
    m_welcome->clearSpeech();
    m_ui->busyFrame->hide();
    m_ui->idleFrame->hide();
    m_ui->pageStackedWidget->setEnabled(true);
    m_idle.disarm();
    m_consent->clear();
    m_customer->clear();
    m_capture->clear();
    m_review->clear();
    m_result->clear();
}

void MainWindow::openAgentPages()
{
    showPage(Page::Pin);
}

MainWindow::StepPage MainWindow::pageFor(Step step)
{
    switch (step) {
    case Step::Welcome:
        return {Page::Welcome, {}};
    case Step::Consent:
        return {Page::Consent, [this] { m_consent->clear(); }};
    case Step::Customer:
        return {Page::Customer, {}};
    case Step::IdFront:
    case Step::IdBack:
    case Step::Liveness:
        return {Page::Capture, [this, step] { m_capture->begin(step); }};
    case Step::Review:
        return {Page::Review, [this] { m_review->showSession(m_flow->session()); }};
    case Step::Result:
        return {Page::Result,
                [this] { m_result->showOutcome(m_flow->outcome(), m_flow->session()); }};
    }
    Q_UNREACHABLE();
    return {Page::Welcome, {}};
}

void MainWindow::leaveAgentPages()
{
    m_pin->reset();
    m_audit->clear(); // other customers' images never outlive the agent's visit
    // Back to where the customer was.
    const Step step = m_flow->step();
    showPage(pageFor(step).page);
    if (step != Step::Welcome)
        m_idle.arm();
}

void MainWindow::applySettings()
{
    m_idle.setDurations(m_settings->integer(Settings::Key::IdleTimeoutMs),
                        m_settings->integer(Settings::Key::IdleWarningMs));
    m_capture->reloadSettings();
    m_flow->setOptions(flow::FlowOptions::fromSettings(*m_settings)); // refused mid-session
}

void MainWindow::endShift()
{
    closeOwnWindows();
    if (m_flow->step() != Step::Welcome)
        m_flow->endSession(flow::EndReason::AgentEnded);
    m_audit->clear();
    m_client->setAdminTokens({});
    qCInfo(lcGui) << "agent shift ended";
    showPage(Page::SignIn);
}

void MainWindow::onIdleWarning(int secondsLeft)
{
    updateIdleText(secondsLeft);
    m_ui->idleFrame->show();
}

void MainWindow::updateIdleText(int secondsLeft)
{
    m_ui->idleLabel->setText(
        tr("Are you still there? For your privacy this session ends in %1 seconds.")
            .arg(QLocale().toString(secondsLeft)));
}

void MainWindow::onIdleExpired()
{
    qCInfo(lcGui) << "idle: closing the session and every window opened over it";
    closeOwnWindows();
    m_ui->idleFrame->hide();
    m_audit->clear();
    if (m_flow->step() != Step::Welcome)
        m_flow->endSession(flow::EndReason::IdleTimeout);
    else
        showPage(Page::Welcome);
}

void MainWindow::updateStepLabel()
{
    const QList<Step> order = m_flow->mode() == flow::Mode::RegisterFirst
                                  ? QList<Step>{Step::Consent, Step::Customer, Step::IdFront,
                                                Step::IdBack,  Step::Liveness, Step::Review}
                                  : QList<Step>{Step::Consent,  Step::IdFront,  Step::IdBack,
                                                Step::Liveness, Step::Customer, Step::Review};
    const int index = order.indexOf(m_flow->step());
    const Page page = currentPage();
    const bool customerPage =
        page != Page::SignIn && page != Page::Pin && page != Page::Settings && page != Page::Audit;
    m_ui->stepLabel->setText(index >= 0 && customerPage ? tr("Step %1 of %2")
                                                              .arg(QLocale().toString(index + 1),
                                                                   QLocale().toString(order.size()))
                                                        : QString());
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    m_ui->serviceLabel->setText(m_apiDescription.isEmpty()
                                    ? tr("Identity service: not configured")
                                    : tr("Identity service: %1").arg(m_apiDescription));
    updateStepLabel();
    if (m_failure)
        showFailure();
    if (m_idle.isWarning())
        updateIdleText(m_idle.secondsLeft());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_kiosk && !m_exitAllowed) {
        // Alt+F4 and the like: only the agent leaves kiosk mode, through the PIN.
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

bool MainWindow::activateDefault()
{
    QWidget *focus = QApplication::focusWidget();
    if (auto *button = qobject_cast<QPushButton *>(focus);
        button && button->isEnabled() && button->isVisible() && isAncestorOf(button)) {
        button->click();
        return true;
    }
    QPushButton *target = nullptr;
    if (m_ui->failureFrame->isVisible()) {
        for (QPushButton *b : {m_ui->tryAgainButton, m_ui->retakeButton, m_ui->agentRetryButton}) {
            if (b->isVisible()) {
                target = b;
                break;
            }
        }
    } else if (m_ui->busyFrame->isVisible()) {
        return true; // Enter must not cancel an upload
    } else {
        target = pageWidget(currentPage())->defaultButton();
    }
    if (target && target->isEnabled() && target->isVisible()) {
        target->click();
        return true;
    }
    return false;
}

bool MainWindow::isOwnWindow(const QWidget *window) const
{
    for (const QWidget *w = window; w; w = w->parentWidget()) {
        if (w == this)
            return true;
    }
    return false;
}

void MainWindow::closeOwnWindows()
{
    // Popups first (a menu over a dialog), then the innermost modal dialogs: reject() ends
    // their exec() loops, so the code that opened them sees a cancel, never an answer.
    while (QWidget *popup = QApplication::activePopupWidget()) {
        if (!isOwnWindow(popup) || !popup->close())
            break;
    }
    for (int pass = 0; pass < 8; ++pass) {
        QList<QWidget *> open;
        const QWidgetList windows = QApplication::topLevelWidgets();
        for (QWidget *w : windows) {
            if (w != this && w->isVisible() && isOwnWindow(w))
                open << w;
        }
        if (open.isEmpty())
            return;
        QWidget *target = QApplication::activeModalWidget();
        if (!target || !open.contains(target))
            target = open.constLast();
        qCInfo(lcGui) << "closing a window opened over the kiosk:"
                      << target->metaObject()->className();
        if (auto *dialog = qobject_cast<QDialog *>(target))
            dialog->reject();
        else
            target->close();
        if (target->isVisible())
            target->hide(); // refused to close (a closeEvent said no): at least off screen
    }
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::TouchBegin:
    case QEvent::Wheel:
    case QEvent::KeyPress: {
        // Input in any of the kiosk's windows counts, dialogs included (an agent typing a
        // folder name is not idle); the Enter shortcut below is for the main window only.
        auto *widget = qobject_cast<QWidget *>(watched);
        if (!widget || !isOwnWindow(widget->window()))
            break;
        m_idle.activity();
        if (event->type() != QEvent::KeyPress || widget->window() != this ||
            QApplication::activePopupWidget())
            break;
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && activateDefault())
            return true;
        break;
    }
    default:
        break;
    }
    return QMainWindow::eventFilter(watched, event);
}

} // namespace kiosk
