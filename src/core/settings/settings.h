#pragma once

#include <QHash>
#include <QString>
#include <QVariant>

#include <memory>

class QSettings;

namespace kiosk {

// Typed access to every setting of the kiosk, from one table of (key, INI name,
// default, secret). Later sources win: defaults, the INI file, the secrets file,
// the environment (KIOSK_<NAME>, e.g. KIOSK_API_KEY), then explicit overrides
// (command-line flags). Secret values (API keys, passwords) are never written to the
// INI file and are only read from a secrets file that nobody else can read (0600)
// or from the environment, so they stay out of shell history and world-readable files.
class Settings
{
public:
    enum class Key
    {
        ApiBaseUrl,
        ApiKey,
        TenancyName,
        AgentUserName,
        AgentPassword,
        AcceptLanguage,
        RequestTimeoutMs,
        UploadTimeoutMs,
        GetRetries,
        BoldSignBaseUrl,
        BoldSignApiKey,
        RegistrationMode,
        QualityRetries,
        UiLanguage,
        SpeechEngine,
        SecretsFile,
        CameraId,
        // imaging and camera areas add their keys here
        ImageBudgetIdBytes,
        ImageBudgetFaceBytes,
        JpegMaxQuality,
        JpegPreferredMinQuality,
        JpegMinQuality,
        JpegMinWidth,
        AnalysisWidth,
        MinSharpness,
        GlareLevel,
        MaxGlareShare,
        MinBrightness,
        MaxBrightness,
        CardAspectTolerance,
        CardMinFill,
        CardMaxFill,
        CardMaxTiltDegrees,
        CardGuideWidthShare,
        CardCropWidth,
        StableFrames,
        FaceCascadeFile,
        FaceMinShare,
        FaceMaxShare,
        FaceMaxOffCentre,
        BurstMaxSpanMs,
        CameraBackend,
        CameraPreferredSize,
        CameraMinDocumentSize,
        CameraStartTimeoutMs,
        CameraWatchdogMs,
        CameraRestartLimit,
        CameraBlackLuma,
        CameraBlackMs,
        BurstOffsetsMs,
        BurstAttempts,
        ManualCaptureAfterMs,
        // wizard (kiosk GUI)
        AgentPinHash,
        IdleTimeoutMs,
        IdleWarningMs,
        FaceCountdownMs,
        // fleet monitoring (metrics, identity)
        MetricsTextfileDir,
        MetricsIntervalMs,
        FleetBranch,
        FleetKiosk,
        KeyCount
    };

    struct Entry
    {
        Key key;
        const char *name;    // INI key, e.g. "api/baseUrl"
        const char *envName; // environment variable, e.g. "KIOSK_API_BASE_URL"
        QVariant defaultValue;
        bool secret;
    };

    // iniPath empty: no file (defaults, environment and overrides only).
    explicit Settings(const QString &iniPath = {});
    ~Settings();
    Settings(const Settings &) = delete;
    Settings &operator=(const Settings &) = delete;

    QVariant value(Key key) const;
    QString string(Key key) const { return value(key).toString(); }
    int integer(Key key) const { return value(key).toInt(); }

    // Persists to the INI file (or, for a secret, to the secrets file).
    // Returns false with a message when the value cannot be stored.
    bool setValue(Key key, const QVariant &value, QString *error = nullptr);
    // In memory only, highest precedence (command-line flags, tests).
    void setOverride(Key key, const QVariant &value);

    // Reads "name=value" lines of secrets; refuses a file readable by group or others.
    bool loadSecretsFile(const QString &path, QString *error = nullptr);

    QString iniPath() const { return m_iniPath; }
    // Problems found while loading (bad permissions, unknown keys): shown by doctor.
    QStringList problems() const { return m_problems; }

    static const Entry &entry(Key key);
    static const QList<Entry> &table();

private:
    QString m_iniPath;
    std::unique_ptr<QSettings> m_ini;
    QHash<int, QVariant> m_secrets;
    QHash<int, QVariant> m_overrides;
    QStringList m_problems;
};

} // namespace kiosk
