#include "onboardingflow.h"

#include "api/vlensclient.h"
#include "logging.h"
#include "settings/settings.h"

#include <QMetaEnum>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <string_view>

using namespace Qt::StringLiterals;

namespace kiosk::flow {

using api::ApiError;

namespace {

// No complete, readable answer came back although the request may have reached the
// service and been acted on. A gateway's 502 or 504 is such a case too: the gateway lost
// the service's answer, not the service the request.
bool isAnswerLost(const ApiError &error)
{
    if (error.httpStatus() == 502 || error.httpStatus() == 504)
        return true;
    switch (error.kind()) {
    case ApiError::Kind::Timeout:
    case ApiError::Kind::Network:
    case ApiError::Kind::Cancelled:
    case ApiError::Kind::BadResponse:
    case ApiError::Kind::ResponseTooLarge:
        return true;
    default:
        return false;
    }
}

// The service answered and said no (an envelope error_code or an HTTP error status).
bool isServiceRefusal(const ApiError &error)
{
    return error.isError() && !error.isTransport() && !error.isClientSide() &&
           !isAnswerLost(error) && error.kind() != ApiError::Kind::RedirectRefused;
}

} // namespace

FlowOptions FlowOptions::fromSettings(const Settings &settings)
{
    FlowOptions options;
    const QString mode = settings.string(Settings::Key::RegistrationMode);
    options.mode = mode.compare(u"apiKeyOnly"_s, Qt::CaseInsensitive) == 0 ||
                           mode.compare(u"capture-first"_s, Qt::CaseInsensitive) == 0
                       ? Mode::CaptureFirst
                       : Mode::RegisterFirst;
    options.maxQualityRetries = qMax(1, settings.integer(Settings::Key::QualityRetries));
    return options;
}

OnboardingFlow::OnboardingFlow(api::VlensClient *client, FlowOptions options, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_options(options)
{}

OnboardingFlow::~OnboardingFlow()
{
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
    }
}

bool OnboardingFlow::setOptions(const FlowOptions &options)
{
    if (m_step != Step::Welcome || isBusy())
        return false;
    m_options = options;
    m_options.maxQualityRetries = qMax(1, m_options.maxQualityRetries);
    return true;
}

int OnboardingFlow::attempts(Step step) const
{
    return m_attempts.at(size_t(step));
}

bool OnboardingFlow::hasSide(Side side) const
{
    return side == Side::Front ? m_session.frontData.has_value() : m_session.backData.has_value();
}

bool OnboardingFlow::isValidPhoneNumber(const QString &phoneNumber)
{
    // E.164: '+', country code, subscriber number; 8 to 15 digits in all.
    static const QRegularExpression e164(u"^\\+[1-9][0-9]{7,14}$"_s);
    return e164.match(phoneNumber).hasMatch();
}

QString OnboardingFlow::sessionPassword()
{
    static constexpr std::string_view lower = "abcdefghijklmnopqrstuvwxyz";
    static constexpr std::string_view upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static constexpr std::string_view digits = "0123456789";
    static constexpr std::string_view symbols = "!#$%&*+-=?@^_~";
    static constexpr std::string_view alphanumeric =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static constexpr int Free = 22; // 22 x log2(62) = 131 bits; ABP allows up to 32 characters
    QRandomGenerator *random = QRandomGenerator::system();
    const auto pick = [random](std::string_view from) {
        return QChar::fromLatin1(from[random->bounded(quint32(from.size()))]);
    };
    QString password;
    password.reserve(4 + Free);
    password += pick(lower);
    password += pick(upper);
    password += pick(digits);
    password += pick(symbols);
    for (int i = 0; i < Free; ++i)
        password += pick(alphanumeric);
    // Fisher-Yates: the four required characters anywhere.
    for (qsizetype i = password.size() - 1; i > 0; --i)
        std::swap(password[i], password[random->bounded(quint32(i + 1))]);
    return password;
}

void OnboardingFlow::setStep(Step step)
{
    if (m_step == step)
        return;
    m_step = step;
    qCDebug(lcFlow) << "step" << step;
    Q_EMIT stepChanged(step);
}

void OnboardingFlow::start(const QLocale &language)
{
    if (m_step != Step::Welcome || isBusy()) {
        qCWarning(lcFlow) << "start ignored in step" << m_step;
        return;
    }
    m_session.wipe();
    m_session.language = language;
    m_session.startedAt = QDateTime::currentDateTimeUtc();
    m_client->setAcceptLanguage(language.language() == QLocale::Arabic ? u"ar"_s : u"en"_s);
    setStep(Step::Consent);
}

void OnboardingFlow::setConsent(bool given)
{
    if (m_step != Step::Consent)
        return;
    if (!given) {
        endSession(EndReason::ConsentDeclined);
        return;
    }
    m_session.consentGiven = true;
    setStep(m_options.mode == Mode::RegisterFirst ? Step::Customer : Step::IdFront);
}

void OnboardingFlow::submitCustomer(const QString &phoneNumber, const QString &email)
{
    if (m_step != Step::Customer || isBusy())
        return;
    // Own copies (not shared with the caller's): the end of the session zeroes them in every
    // holder, and a caller's buffer is the caller's to wipe (CustomerSession::wipe).
    m_session.phoneNumber = QString(phoneNumber.constData(), phoneNumber.size());
    m_session.email = QString(email.constData(), email.size());
    if (!isValidPhoneNumber(phoneNumber)) {
        fail(Request::SignIn,
             ApiError(ApiError::Kind::InvalidRequest,
                      u"the phone number must be in international form, e.g. +201001234567"_s),
             {}, ApiError::Remedy::RecaptureDocument);
        return;
    }
    sendSignIn();
}

void OnboardingFlow::submitDocument(Side side, const QByteArray &jpeg)
{
    if ((m_step != Step::IdFront && m_step != Step::IdBack) || isBusy() || hasSide(side))
        return;
    (side == Side::Front ? m_session.idFront : m_session.idBack) =
        QByteArray(jpeg.constData(), jpeg.size()); // own copy, as for the phone number
    sendDocument(side);
}

void OnboardingFlow::submitFaces(const std::array<QByteArray, 3> &faces)
{
    if (m_step != Step::Liveness || isBusy())
        return;
    for (std::size_t i = 0; i < faces.size(); ++i)
        m_session.faces[i] = QByteArray(faces[i].constData(), faces[i].size()); // own copies
    sendLiveness();
}

void OnboardingFlow::retry()
{
    if (!m_failure || isBusy() || m_lastRequest == Request::None)
        return;
    m_failure.reset();
    sendCurrent();
}

void OnboardingFlow::recapture()
{
    if (!m_failure || isBusy())
        return;
    switch (m_lastRequest) {
    case Request::Front:
        m_session.wipeFront();
        break;
    case Request::Back:
        m_session.wipeBack();
        break;
    case Request::Liveness:
        m_session.wipeFaces();
        break;
    case Request::SignIn:
    case Request::UserLogin:
    case Request::Link:
    case Request::None:
        break;
    }
    m_failure.reset();
    m_lastRequest = Request::None;
}

void OnboardingFlow::referToAgent()
{
    if (isBusy() || m_step == Step::Welcome)
        return;
    m_failure.reset();
    m_outcome = Outcome::ReferredToAgent;
    setStep(Step::Result);
}

void OnboardingFlow::confirmReview()
{
    if (m_step != Step::Review || !m_session.finalResult)
        return;
    const api::VerifyResult &r = *m_session.finalResult;
    m_outcome = r.isDigitalIdentityVerified        ? Outcome::Verified
                : r.isVerificationProcessCompleted ? Outcome::Validated
                                                   : Outcome::NotVerified;
    setStep(Step::Result);
}

void OnboardingFlow::cancelRequest()
{
    if (m_call)
        m_call->cancel(); // finished() follows with Kind::Cancelled: the images stay
}

void OnboardingFlow::endSession(EndReason reason)
{
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
        m_call->deleteLater();
        m_call = nullptr;
        Q_EMIT busyChanged(false);
    }
    // The audit line: ids and outcome only, never personal data.
    const qint64 seconds = m_session.startedAt.isValid()
                               ? m_session.startedAt.secsTo(QDateTime::currentDateTimeUtc())
                               : 0;
    qCInfo(lcFlow).noquote()
        << u"session ended: reason=%1 outcome=%2 mode=%3 transaction=%4 "
           "requests=%5 captures=%6/%7/%8 seconds=%9"_s
               .arg(QString::fromLatin1(QMetaEnum::fromType<EndReason>().valueToKey(int(reason))),
                    QString::fromLatin1(QMetaEnum::fromType<Outcome>().valueToKey(int(m_outcome))),
                    m_options.mode == Mode::RegisterFirst ? u"register-first"_s
                                                          : u"capture-first"_s,
                    m_session.transactionId.isEmpty() ? u"-"_s : m_session.transactionId,
                    m_session.requestIds.join(u','))
               .arg(attempts(Step::IdFront))
               .arg(attempts(Step::IdBack))
               .arg(attempts(Step::Liveness))
               .arg(seconds);
    const Outcome outcome = m_outcome;
    m_client->clearUserSession();
    m_session.wipe();
    m_attempts.fill(0);
    m_failure.reset();
    m_lastRequest = Request::None;
    m_registerMaybeDone = false;
    m_registerRefusal = ApiError();
    m_outcome = Outcome::None;
    setStep(Step::Welcome);
    Q_EMIT sessionEnded(reason, outcome);
}

void OnboardingFlow::sendCurrent()
{
    switch (m_lastRequest) {
    case Request::SignIn:
    case Request::UserLogin:
        sendSignIn();
        break;
    case Request::Link:
        sendLink();
        break;
    case Request::Front:
        sendDocument(Side::Front);
        break;
    case Request::Back:
        sendDocument(Side::Back);
        break;
    case Request::Liveness:
        sendLiveness();
        break;
    case Request::None:
        break;
    }
}

void OnboardingFlow::sendSignIn()
{
    // The same password for every Register of the session: the user one of them created
    // can then be signed in (sendUserLogin).
    if (m_session.password.isEmpty())
        m_session.password = sessionPassword();
    api::RegisterRequest request;
    request.phoneNumber = m_session.phoneNumber;
    request.email = m_session.email;
    request.password = m_session.password;
    track(m_client->registerUser(request), Request::SignIn);
}

void OnboardingFlow::sendUserLogin()
{
    qCInfo(lcFlow) << "register refused after an earlier register answer was lost: signing in"
                   << "with the session's password";
    api::UserLoginRequest request;
    request.phoneNumber = m_session.phoneNumber;
    request.password = m_session.password;
    track(m_client->loginUser(request), Request::UserLogin);
}

void OnboardingFlow::sendLink()
{
    track(m_client->linkUserWithExistingTransaction(m_session.transactionId), Request::Link);
}

void OnboardingFlow::sendDocument(Side side)
{
    api::VerifyIdRequest request;
    request.image = side == Side::Front ? m_session.idFront : m_session.idBack;
    request.transactionId = m_session.transactionId;
    const bool user = m_options.mode == Mode::RegisterFirst;
    api::ApiCall *call =
        side == Side::Front
            ? (user ? m_client->verifyIdFront(request) : m_client->ocrIdFront(request))
            : (user ? m_client->verifyIdBack(request) : m_client->ocrIdBack(request));
    track(call, side == Side::Front ? Request::Front : Request::Back);
}

void OnboardingFlow::sendLiveness()
{
    api::LivenessRequest request;
    request.face1 = m_session.faces[0];
    request.face2 = m_session.faces[1];
    request.face3 = m_session.faces[2];
    request.idFrontImage = m_session.idFront;
    request.transactionId = m_session.transactionId;
    track(m_options.mode == Mode::RegisterFirst ? m_client->verifyLiveness(request)
                                                : m_client->ocrLiveness(request),
          Request::Liveness);
}

void OnboardingFlow::track(api::ApiCall *call, Request request)
{
    m_call = call;
    m_request = request;
    m_lastRequest = request;
    connect(call, &api::ApiCall::uploadProgress, this, &OnboardingFlow::uploadProgress);
    connect(call, &api::ApiCall::finished, this, &OnboardingFlow::onFinished);
    Q_EMIT busyChanged(true);
}

void OnboardingFlow::onFinished()
{
    api::ApiCall *call = m_call;
    const Request request = m_request;
    m_call = nullptr;
    m_request = Request::None;
    if (!call)
        return;
    call->deleteLater();
    m_session.requestIds << call->requestIds();
    Q_EMIT busyChanged(false);
    if (call->isSuccess())
        onSucceeded(request, call);
    else if (request == Request::SignIn)
        onSignInFailed(call->error());
    else if (request == Request::UserLogin)
        // The login only stood in for a lost Register answer: the customer sees why Register
        // was refused (a number someone else registered still reads "already registered").
        fail(Request::SignIn, m_registerRefusal);
    else
        fail(request, call->error());
}

void OnboardingFlow::onSignInFailed(const ApiError &error)
{
    if (isAnswerLost(error)) {
        m_registerMaybeDone = true;
    } else if (m_registerMaybeDone && isServiceRefusal(error)) {
        m_registerRefusal = error;
        sendUserLogin();
        return;
    }
    fail(Request::SignIn, error);
}

void OnboardingFlow::onSucceeded(Request request, api::ApiCall *call)
{
    if (request == Request::SignIn || request == Request::UserLogin) {
        if (m_options.mode == Mode::RegisterFirst)
            setStep(Step::IdFront);
        else
            sendLink();
        return;
    }
    const api::VerifyResult &result =
        static_cast<api::ApiReply<api::VerifyResult> *>(call)->result();
    if (!result.transactionId.isEmpty())
        m_session.transactionId = result.transactionId;
    m_session.lastServices = result.services;

    switch (request) {
    case Request::Front:
    case Request::Back:
        if (request == Request::Front)
            m_session.frontData = result.front.value_or(api::IdFrontData());
        else
            m_session.backData = result.back.value_or(api::IdBackData());
        if (result.services.spoofingFake.value_or(false)) {
            fail(request, ApiError(), u"document not genuine (spoofing.fake)"_s,
                 ApiError::Remedy::UseAnotherDocument);
            return;
        }
        setStep(nextCaptureStep());
        return;
    case Request::Liveness:
        if (!result.services.liveness.value_or(true)) {
            fail(request, ApiError(), u"liveness not passed (services.liveness false)"_s,
                 ApiError::Remedy::RecaptureFace);
            return;
        }
        m_session.finalResult = result;
        if (m_options.mode == Mode::RegisterFirst)
            setStep(Step::Review);
        else
            setStep(Step::Customer);
        return;
    case Request::Link: {
        api::VerifyResult linked = result;
        // The link answer may omit what the liveness step reported.
        if (linked.services.raw.isEmpty() && m_session.finalResult)
            linked.services = m_session.finalResult->services;
        m_session.finalResult = linked;
        setStep(Step::Review);
        return;
    }
    case Request::SignIn:
    case Request::UserLogin:
    case Request::None:
        return;
    }
}

Step OnboardingFlow::nextCaptureStep() const
{
    if (!m_session.frontData)
        return Step::IdFront;
    if (!m_session.backData)
        return Step::IdBack;
    return Step::Liveness;
}

Step OnboardingFlow::stepOf(Request request) const
{
    switch (request) {
    case Request::SignIn:
    case Request::UserLogin:
    case Request::Link:
        return Step::Customer;
    case Request::Front:
        return Step::IdFront;
    case Request::Back:
        return Step::IdBack;
    case Request::Liveness:
        return Step::Liveness;
    case Request::None:
        break;
    }
    return m_step;
}

void OnboardingFlow::fail(Request request, const ApiError &error, const QString &outcomeText,
                          ApiError::Remedy remedy)
{
    Failure failure;
    failure.step = stepOf(request);
    failure.error = error;
    failure.outcomeText = outcomeText;
    // The failed request carried the step's pictures, and they are kept for a re-send.
    failure.imagesKept =
        request == Request::Front || request == Request::Back || request == Request::Liveness;
    if (remedy == ApiError::Remedy::None)
        remedy = error.remedy();
    if (error.kind() == ApiError::Kind::Cancelled)
        remedy = ApiError::Remedy::Retry;

    int &attempts = m_attempts.at(size_t(failure.step));
    switch (remedy) {
    case ApiError::Remedy::Retry:
    case ApiError::Remedy::RetryLater:
        failure.action = Failure::Action::RetrySend;
        break;
    case ApiError::Remedy::RecaptureDocument:
    case ApiError::Remedy::RecaptureFace:
        ++attempts;
        failure.action = attempts >= m_options.maxQualityRetries ? Failure::Action::AgentDecides
                                                                 : Failure::Action::Recapture;
        break;
    default:
        failure.action = Failure::Action::AgentDecides;
        break;
    }
    failure.attempts = attempts;
    m_failure = failure;
    m_lastRequest = request;
    // Make sure the page of the failed step is the one showing.
    setStep(failure.step);
    qCInfo(lcFlow).noquote() << "step" << failure.step
                             << "failed:" << (error.isError() ? error.logSummary() : outcomeText)
                             << "action" << int(failure.action) << "attempts" << attempts;
    Q_EMIT failed(failure);
}

} // namespace kiosk::flow
