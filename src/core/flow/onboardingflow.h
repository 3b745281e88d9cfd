#pragma once

#include "api/apierror.h"
#include "customersession.h"

#include <QObject>
#include <QPointer>

#include <array>
#include <optional>

namespace kiosk {
class Settings;
}
namespace kiosk::api {
class ApiCall;
class VlensClient;
struct VerifyResult;
} // namespace kiosk::api

namespace kiosk::flow {

Q_NAMESPACE

// The pages of the wizard, in the order a customer meets them (register-first mode).
enum class Step
{
    Welcome,
    Consent,
    Customer,
    IdFront,
    IdBack,
    Liveness,
    Review,
    Result
};
Q_ENUM_NS(Step)

enum class Side
{
    Front,
    Back
};
Q_ENUM_NS(Side)

// register-first: the customer registers, then captures with the user token.
// capture-first: captures with the API key alone (/v1/ocr/...), then registers and the
// transaction is linked to them (LinkUserWithExistingTransaction).
enum class Mode
{
    RegisterFirst,
    CaptureFirst
};
Q_ENUM_NS(Mode)

enum class Outcome
{
    None,            // the session ended before a result
    Verified,        // isDigitalIdentityVerified: validated + authority checks
    Validated,       // isVerificationProcessCompleted only
    NotVerified,     // the service finished the steps but did not verify
    ReferredToAgent, // the agent took over after failures
};
Q_ENUM_NS(Outcome)

enum class EndReason
{
    Finished,
    CustomerLeft,
    ConsentDeclined,
    IdleTimeout,
    AgentEnded
};
Q_ENUM_NS(EndReason)

struct FlowOptions
{
    Mode mode = Mode::RegisterFirst;
    int maxQualityRetries = 3; // captures of one step before the agent decides

    static FlowOptions fromSettings(const Settings &settings);
};

// Why a step did not go through, and what the pages may offer next.
struct Failure
{
    enum class Action
    {
        RetrySend,    // transient: send the same images again (retry())
        Recapture,    // the image was not usable: capture this step again (recapture())
        AgentDecides, // retries are used up or it needs a person: retry, refer, end
    };
    Step step = Step::Welcome;
    Action action = Action::AgentDecides;
    api::ApiError error;     // Kind::None when the service answered but refused the outcome
    QString outcomeText;     // for those outcomes: e.g. "liveness not passed" (English, for logs)
    int attempts = 0;        // captures of this step so far
    bool imagesKept = false; // a capture step's pictures, kept: retry() sends them again
};

// The onboarding of one customer as a state machine over the Vlens client: pages call
// its slots with what the customer did and render what its signals say. It holds the
// CustomerSession, re-sends a failed request from the kept images, counts quality
// retries per step, and wipes everything when the session ends.
//
// Register sends a password made for the session (sessionPassword()). When a Register
// answer is lost (transport, timeout, unreadable answer, cancel) the service may have
// created the user, and the next Register of that number is refused: the flow then signs
// in with the session's password (DigitalIdentity/Login) and goes on as after Register.
// Only the user its own Register created has that password; when the login fails, the
// customer sees the Register refusal.
class OnboardingFlow : public QObject
{
    Q_OBJECT

public:
    OnboardingFlow(api::VlensClient *client, FlowOptions options, QObject *parent = nullptr);
    ~OnboardingFlow() override;

    Step step() const { return m_step; }
    Mode mode() const { return m_options.mode; }
    const FlowOptions &options() const { return m_options; }
    // Between sessions only (at the welcome page, not busy): the agent's settings page.
    bool setOptions(const FlowOptions &options);
    bool isBusy() const { return !m_call.isNull(); }
    const CustomerSession &session() const { return m_session; }
    std::optional<Failure> pendingFailure() const { return m_failure; }
    Outcome outcome() const { return m_outcome; }
    int attempts(Step step) const;
    bool hasSide(Side side) const;

    void start(const QLocale &language);
    void setConsent(bool given);
    void submitCustomer(const QString &phoneNumber, const QString &email);
    // Either side first; both before liveness.
    void submitDocument(Side side, const QByteArray &jpeg);
    void submitFaces(const std::array<QByteArray, 3> &faces);
    void retry();
    void recapture();
    void referToAgent();
    void confirmReview();
    void cancelRequest();
    void endSession(EndReason reason);

    // Checks a phone number the way the flow does before registering (E.164, Egypt).
    static bool isValidPhoneNumber(const QString &phoneNumber);
    // A new random password for one session's Register (QRandomGenerator::system()): 26
    // characters, over 128 bits of entropy, with a lower-case and an upper-case letter, a
    // digit and a non-alphanumeric character (ABP's default password rules).
    static QString sessionPassword();

Q_SIGNALS:
    void stepChanged(kiosk::flow::Step step);
    void busyChanged(bool busy);
    void uploadProgress(qint64 bytesSent, qint64 bytesTotal);
    void failed(const kiosk::flow::Failure &failure);
    void sessionEnded(kiosk::flow::EndReason reason, kiosk::flow::Outcome outcome);

private:
    enum class Request
    {
        None,
        SignIn,    // Register
        UserLogin, // Login after a refused Register whose earlier answer was lost
        Link,
        Front,
        Back,
        Liveness
    };

    void setStep(Step step);
    void sendCurrent();
    void sendSignIn();
    void sendUserLogin();
    void onSignInFailed(const api::ApiError &error);
    void sendDocument(Side side);
    void sendLiveness();
    void sendLink();
    void track(api::ApiCall *call, Request request);
    void onFinished();
    void onSucceeded(Request request, api::ApiCall *call);
    void fail(Request request, const api::ApiError &error, const QString &outcomeText = {},
              api::ApiError::Remedy remedy = api::ApiError::Remedy::None);
    Step stepOf(Request request) const;
    Step nextCaptureStep() const;

    api::VlensClient *m_client;
    FlowOptions m_options;
    CustomerSession m_session;
    Step m_step = Step::Welcome;
    Outcome m_outcome = Outcome::None;
    std::optional<Failure> m_failure;
    QPointer<api::ApiCall> m_call;
    Request m_request = Request::None;
    Request m_lastRequest = Request::None;
    std::array<int, 8> m_attempts{};
    // A Register of this session may have created the user (its answer was lost).
    bool m_registerMaybeDone = false;
    api::ApiError m_registerRefusal; // shown if the login after it fails too
};

} // namespace kiosk::flow

Q_DECLARE_METATYPE(kiosk::flow::Failure)
