#include "kioskmetrics.h"

#include "api/apicall.h"
#include "api/vlensclient.h"
#include "capture/burstcontroller.h"
#include "capture/framesource.h"
#include "imaging/budgetencoder.h"
#include "sessiontracker.h"
#include "settings/settings.h"

#include <QSysInfo>

#include <opencv2/core/version.hpp>

using namespace Qt::StringLiterals;

namespace kiosk::metrics {

namespace {

const QList<double> kLatencyBuckets{0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 90};
const QList<double> kStepBuckets{1, 2, 5, 10, 20, 30, 60, 120, 300, 600};
const QList<double> kSessionBuckets{15, 30, 60, 120, 180, 300, 600, 1200};
const QList<double> kBurstBuckets{0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.75, 1};
const QList<double> kEncodeBuckets{0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2};
const QList<double> kBytesBuckets{50000, 100000, 200000, 300000, 400000, 450000, 500000, 1000000};

} // namespace

FleetIdentity FleetIdentity::fromSettings(const Settings &settings)
{
    FleetIdentity identity;
    identity.branch = settings.string(Settings::Key::FleetBranch).trimmed();
    identity.kiosk = settings.string(Settings::Key::FleetKiosk).trimmed();
    if (identity.kiosk.isEmpty())
        identity.kiosk = QSysInfo::machineHostName();
    return identity;
}

KioskMetrics::KioskMetrics(FleetIdentity identity, QObject *parent)
    : QObject(parent)
    , m_identity(std::move(identity))
    , m_registry({{u"branch"_s, m_identity.branch}, {u"kiosk"_s, m_identity.kiosk}})
{
    Registry &r = m_registry;
    r.addGauge(u"kiosk_build_info"_s, u"Build of the kiosk software (value 1)."_s,
               {u"version"_s, u"qt"_s, u"opencv"_s});
    r.addCounter(u"kiosk_sessions_total"_s, u"Customer sessions by how they ended."_s,
                 {u"outcome"_s, u"reason"_s});
    r.addHistogram(u"kiosk_session_duration_seconds"_s,
                   u"Whole customer sessions, consent to the end, by outcome."_s, {u"outcome"_s},
                   kSessionBuckets);
    r.addHistogram(u"kiosk_session_step_duration_seconds"_s,
                   u"Time customers spend on each step of the wizard."_s, {u"step"_s},
                   kStepBuckets);
    r.addCounter(u"kiosk_retakes_total"_s,
                 u"Pictures taken again because the service refused them, by step and reason."_s,
                 {u"step"_s, u"reason"_s, u"code"_s});
    r.addCounter(
        u"kiosk_api_requests_total"_s,
        u"Requests to the identity service by endpoint and HTTP status (none: no answer)."_s,
        {u"endpoint"_s, u"status"_s});
    r.addCounter(u"kiosk_api_errors_total"_s,
                 u"Failed requests by endpoint and service error code (or error kind)."_s,
                 {u"endpoint"_s, u"code"_s});
    r.addHistogram(u"kiosk_api_request_duration_seconds"_s,
                   u"Request latency by endpoint, retries included."_s, {u"endpoint"_s},
                   kLatencyBuckets);
    r.addGauge(u"kiosk_camera_up"_s,
               u"0 while the camera has a problem (none connected, unplugged, busy, black, "
               "stalled), else 1."_s);
    r.addCounter(u"kiosk_camera_restarts_total"_s,
                 u"Camera sessions rebuilt by the watchdog or after a camera error."_s);
    r.addCounter(u"kiosk_camera_stalls_total"_s,
                 u"Times the camera's frames stopped (or never came)."_s);
    r.addGauge(u"kiosk_camera_format_info"_s, u"The camera format in use (value 1)."_s,
               {u"pixel_format"_s, u"resolution"_s});
    r.addGauge(u"kiosk_camera_fps"_s, u"Frame rate of the camera format in use."_s);
    r.addHistogram(u"kiosk_burst_span_seconds"_s,
                   u"Achieved span of the three-frame liveness burst."_s, {}, kBurstBuckets);
    r.addCounter(u"kiosk_burst_misses_total"_s,
                 u"Liveness burst attempts discarded and retried, by reason."_s, {u"reason"_s});
    r.addHistogram(u"kiosk_image_encode_duration_seconds"_s,
                   u"Time to fit one image under its byte budget, by image kind."_s, {u"kind"_s},
                   kEncodeBuckets);
    r.addHistogram(u"kiosk_image_encoded_bytes"_s, u"Size of the encoded JPEG, by image kind."_s,
                   {u"kind"_s}, kBytesBuckets);
    r.addCounter(u"kiosk_agent_sign_in_failures_total"_s, u"Agent sign-ins the service refused."_s);
    r.addCounter(u"kiosk_agent_pin_lockouts_total"_s,
                 u"Times the agent PIN was locked after too many wrong PINs."_s);
    r.addGauge(u"kiosk_config_info"_s, u"Configuration of the kiosk (value 1)."_s,
               {u"registration_mode"_s, u"ui_language"_s, u"camera_backend"_s});
    r.addGauge(u"kiosk_config_image_budget_bytes"_s, u"Byte budget of an image, by kind."_s,
               {u"kind"_s});
    r.addGauge(u"kiosk_config_quality_retries"_s,
               u"Captures of one step before the agent decides."_s);

    r.set(u"kiosk_build_info"_s,
          {QStringLiteral(KIOSK_VERSION), QString::fromLatin1(qVersion()),
           QStringLiteral(CV_VERSION)},
          1);
    r.set(u"kiosk_camera_up"_s, {}, 0);
    // Counters without labels start at 0, so rate() works from the first scrape.
    for (const QString &name :
         {u"kiosk_camera_restarts_total"_s, u"kiosk_camera_stalls_total"_s,
          u"kiosk_agent_sign_in_failures_total"_s, u"kiosk_agent_pin_lockouts_total"_s})
        r.increment(name, {}, 0);
}

void KioskMetrics::setConfiguration(const Settings &settings)
{
    using K = Settings::Key;
    m_registry.clear(u"kiosk_config_info"_s);
    m_registry.set(u"kiosk_config_info"_s,
                   {settings.string(K::RegistrationMode), settings.string(K::UiLanguage),
                    settings.string(K::CameraBackend)},
                   1);
    m_registry.set(u"kiosk_config_image_budget_bytes"_s, {u"id_card"_s},
                   settings.value(K::ImageBudgetIdBytes).toDouble());
    m_registry.set(u"kiosk_config_image_budget_bytes"_s, {u"face"_s},
                   settings.value(K::ImageBudgetFaceBytes).toDouble());
    m_registry.set(u"kiosk_config_quality_retries"_s, {}, settings.integer(K::QualityRetries));
}

void KioskMetrics::watchSessions(SessionTracker *tracker)
{
    connect(tracker, &SessionTracker::stepFinished, this, [this](flow::Step step, double s) {
        m_registry.observe(u"kiosk_session_step_duration_seconds"_s, {stepName(step)}, s);
    });
    connect(tracker, &SessionTracker::stepFailed, this,
            [this](const flow::Failure &failure, bool retake) {
                if (retake)
                    m_registry.increment(
                        u"kiosk_retakes_total"_s,
                        {stepName(failure.step), retakeReason(failure),
                         failure.error.isError() ? errorCode(failure.error) : u"none"_s});
            });
    connect(tracker, &SessionTracker::sessionFinished, this,
            [this](const SessionLabels &labels, double seconds) {
                m_registry.increment(u"kiosk_sessions_total"_s, {labels.outcome, labels.reason});
                m_registry.observe(u"kiosk_session_duration_seconds"_s, {labels.outcome}, seconds);
            });
}

void KioskMetrics::watchVlens(api::VlensClient *client)
{
    connect(client, &api::VlensClient::callFinished, this, &KioskMetrics::recordApiCall);
}

void KioskMetrics::watchCamera(FrameSource *source)
{
    // The camera runs on the capture steps only: between sessions it is off, not down.
    // Down is a problem that lasts (none connected, unplugged, busy, black, stalled).
    auto update = [this](CameraProblem problem) {
        setCameraUp(problem == CameraProblem::None || problem == CameraProblem::LowResolution);
    };
    connect(source, &FrameSource::problemChanged, this, update);
    update(source->problem());
}

QString KioskMetrics::endpointLabel(const QString &path)
{
    return path.isEmpty() ? u"unknown"_s : path;
}

QString KioskMetrics::imageKindName(ImageKind kind)
{
    return kind == ImageKind::Face ? u"face"_s : u"id_card"_s;
}

void KioskMetrics::recordApiCall(const api::ApiCall *call)
{
    const QString endpoint = endpointLabel(call->logPath());
    const api::ApiError &error = call->error();
    const int status = call->httpStatus() != 0 ? call->httpStatus() : error.httpStatus();
    m_registry.increment(u"kiosk_api_requests_total"_s,
                         {endpoint, status != 0 ? QString::number(status) : u"none"_s});
    if (error.isError())
        m_registry.increment(u"kiosk_api_errors_total"_s, {endpoint, errorCode(error)});
    // Calls refused before sending took no time on the wire.
    if (!error.isClientSide())
        m_registry.observe(u"kiosk_api_request_duration_seconds"_s, {endpoint},
                           double(call->elapsedMs()) / 1000.0);
}

void KioskMetrics::recordEncode(ImageKind kind, double seconds, qint64 bytes)
{
    const QString name = imageKindName(kind);
    m_registry.observe(u"kiosk_image_encode_duration_seconds"_s, {name}, seconds);
    if (bytes > 0)
        m_registry.observe(u"kiosk_image_encoded_bytes"_s, {name}, double(bytes));
}

void KioskMetrics::recordBurst(const BurstResult &result)
{
    m_registry.observe(u"kiosk_burst_span_seconds"_s, {}, result.spanMs() / 1000.0);
}

void KioskMetrics::recordBurstMiss(BurstMiss miss)
{
    m_registry.increment(u"kiosk_burst_misses_total"_s, {QString::fromLatin1(burstMissName(miss))});
}

void KioskMetrics::recordCameraRestart(bool stalled)
{
    m_registry.increment(u"kiosk_camera_restarts_total"_s);
    if (stalled)
        m_registry.increment(u"kiosk_camera_stalls_total"_s);
}

void KioskMetrics::setCameraFormat(const QString &pixelFormat, const QSize &resolution, double fps)
{
    m_registry.clear(u"kiosk_camera_format_info"_s);
    m_registry.set(u"kiosk_camera_format_info"_s,
                   {pixelFormat, u"%1x%2"_s.arg(resolution.width()).arg(resolution.height())}, 1);
    m_registry.set(u"kiosk_camera_fps"_s, {}, fps);
}

void KioskMetrics::setCameraUp(bool up)
{
    m_registry.set(u"kiosk_camera_up"_s, {}, up ? 1 : 0);
}

void KioskMetrics::recordSignInFailure()
{
    m_registry.increment(u"kiosk_agent_sign_in_failures_total"_s);
}

void KioskMetrics::recordPinLockout()
{
    m_registry.increment(u"kiosk_agent_pin_lockouts_total"_s);
}

} // namespace kiosk::metrics
