#pragma once

#include "registry.h"

#include <QObject>
#include <QSize>
#include <QString>

namespace kiosk {
class FrameSource;
class Settings;
struct BurstResult;
enum class BurstMiss;
enum class ImageKind;
namespace api {
class ApiCall;
class VlensClient;
} // namespace api
} // namespace kiosk

namespace kiosk::metrics {

class SessionTracker;

// Which kiosk this is, from the configuration (fleet/branch, fleet/kiosk): the two
// labels every series carries so one dashboard serves hundreds of branches.
struct FleetIdentity
{
    QString branch;
    QString kiosk; // the host name when not configured

    static FleetIdentity fromSettings(const Settings &settings);
};

// The kiosk's metrics: every family declared in one place (the list is in the README's
// "Monitoring a fleet"), fed by the parts that know: the session tracker (outcomes,
// retakes, step durations), the Vlens client (latency, status and error codes per
// endpoint), the camera (up, restarts, stalls, format), the capture page (burst span,
// encode time and bytes) and the agent pages (sign-in failures, PIN lockouts).
// The record functions are thread-safe (the registry locks).
class KioskMetrics : public QObject
{
    Q_OBJECT

public:
    explicit KioskMetrics(FleetIdentity identity, QObject *parent = nullptr);

    const FleetIdentity &identity() const { return m_identity; }
    Registry &registry() { return m_registry; }
    const Registry &registry() const { return m_registry; }
    QByteArray render() const { return m_registry.render(); }

    // Configuration gauges: registration mode, language, camera backend, budgets.
    void setConfiguration(const Settings &settings);

    void watchSessions(SessionTracker *tracker);
    void watchVlens(api::VlensClient *client);
    void watchCamera(FrameSource *source);

    void recordApiCall(const api::ApiCall *call);
    void recordEncode(ImageKind kind, double seconds, qint64 bytes);
    void recordBurst(const BurstResult &result);
    void recordBurstMiss(BurstMiss miss);
    void recordCameraRestart(bool stalled);
    void setCameraFormat(const QString &pixelFormat, const QSize &resolution, double fps);
    void setCameraUp(bool up);
    void recordSignInFailure();
    void recordPinLockout();

    // Endpoint label of a request path: the path itself (no query; never an id).
    static QString endpointLabel(const QString &path);
    static QString imageKindName(ImageKind kind);

private:
    FleetIdentity m_identity;
    Registry m_registry;
};

} // namespace kiosk::metrics
