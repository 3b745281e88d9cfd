#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace kiosk {

// Typed access to every setting of the kiosk, from one table of (key, INI name,
// default, secret, range). Later sources win: defaults, the configuration files (the
// system's /etc/xdg/onboarding-kiosk/kiosk.ini and its drop-ins, or --config), the kiosk's
// own state file, the secrets file, the environment (KIOSK_<NAME>, e.g. KIOSK_API_KEY),
// then explicit overrides (command-line flags). Secret values (API keys, passwords) are
// read only from a secrets file that nobody else can read (0600) or from the environment,
// and never written. Every number is checked against its range; a bad value is reported
// with its file and line and the next source's value is used instead.
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
        // agent PIN lock (settings/agentpin.h), kept across restarts
        PinFailures,
        PinLockedUntil,
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
        // Accepted range of a number (int or double default); both 0: any value >= 0.
        double minimum = 0;
        double maximum = 0;
    };

    // Where the settings come from. Precedence, lowest first: defaults, configFiles in order,
    // stateFile, secretsFile, the environment, overrides.
    struct Sources
    {
        QStringList configFiles; // read in this order: a later file wins
        QString stateFile;       // what the kiosk itself writes (agent PIN, agent changes)
        QString secretsFile;     // name=value lines, 0600 (the service's systemd credential)
        bool fromSystem = false; // configFiles are the system's: a missing one is not a problem

        // A branch machine: for each dir of XDG_CONFIG_DIRS (default /etc/xdg), least
        // important first, onboarding-kiosk/kiosk.ini then the drop-ins
        // onboarding-kiosk/kiosk.ini.d/*.ini and onboarding-kiosk/conf.d/*.ini in lexical
        // order of their names; the state file $STATE_DIRECTORY/state.ini (systemd's
        // StateDirectory=), else $KIOSK_STATE_FILE, else $XDG_STATE_HOME/onboarding-kiosk/
        // state.ini; the secrets from $CREDENTIALS_DIRECTORY/kiosk-secrets (LoadCredential=),
        // else $KIOSK_SECRETS_FILE, else /etc/onboarding-kiosk/secrets when readable (root).
        static Sources system();
        // --config FILE: that file instead of the system configuration files.
        static Sources withConfigFile(const QString &file);
    };

    // A problem found while loading; file and line when it comes from a file.
    struct Problem
    {
        QString file;
        int line = 0;
        QString message;
        QString text() const;
    };

    // Defaults, environment and overrides only (tests).
    Settings();
    // One configuration file and nothing else.
    explicit Settings(const QString &iniPath);
    explicit Settings(const Sources &sources);
    ~Settings();
    Settings(const Settings &) = delete;
    Settings &operator=(const Settings &) = delete;

    QVariant value(Key key) const;
    QString string(Key key) const { return value(key).toString(); }
    int integer(Key key) const { return value(key).toInt(); }

    // Persists a setting the kiosk changes (agent PIN, agent settings) to the state file.
    // Secrets are never written: IT puts them in the root-only secrets file.
    // Returns false with a message when the value cannot be stored.
    bool setValue(Key key, const QVariant &value, QString *error = nullptr);
    // In memory only, highest precedence (command-line flags, tests).
    void setOverride(Key key, const QVariant &value);

    // Reads "name=value" lines of secrets; refuses a file readable by group or others.
    bool loadSecretsFile(const QString &path, QString *error = nullptr);

    // The first configuration file (kept for callers that show one path).
    QString iniPath() const { return m_sources.configFiles.value(0); }
    const Sources &sources() const { return m_sources; }
    // Every file actually read, in the order read (configuration, state, secrets).
    QStringList filesRead() const { return m_filesRead; }
    // Where the value of key comes from: "default", "FILE:LINE", "environment NAME",
    // "command line". Never the value itself.
    QString sourceOf(Key key) const;
    // Problems found while loading (file and line, unknown keys, invalid numbers, secrets in
    // readable files, an unwritable state directory): shown by doctor and the agent's panel.
    QStringList problems() const;
    const QList<Problem> &problemList() const { return m_problems; }
    // System configuration files that do not exist (the kiosk then runs on defaults).
    QStringList missingFiles() const { return m_missingFiles; }
    // Environment variables whose value is not valid for their setting (kioskctl: usage error).
    QStringList invalidEnvironment() const;

    static const Entry &entry(Key key);
    static const Entry *entry(QStringView name);
    static const QList<Entry> &table();

private:
    struct Layer
    {
        QString file;
        QHash<int, std::pair<QVariant, int>> values; // key -> (value, line)
    };
    void readConfigFile(const QString &path, Layer *layer, bool isState);
    void readSecrets();
    bool writeState(QString *error);
    std::optional<QVariant> environmentValue(const Entry &e) const;

    Sources m_sources;
    QList<Layer> m_config;
    Layer m_state;
    QString m_secretsPath;
    QHash<int, QVariant> m_secrets;
    QHash<int, QVariant> m_overrides;
    QStringList m_filesRead;
    QStringList m_missingFiles;
    QList<Problem> m_problems;
};

} // namespace kiosk
