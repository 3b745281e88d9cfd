#include "settings.h"

#include "logging.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace kiosk {

namespace {
using K = Settings::Key;

// The one table of settings. Keep it sorted by area.
const QList<Settings::Entry> kTable = {
    {K::ApiBaseUrl, "api/baseUrl", "KIOSK_API_BASE_URL", u"https://api.vlenseg.com"_s, false},
    {K::ApiKey, "api/apiKey", "KIOSK_API_KEY", QString(), true},
    {K::TenancyName, "api/tenancyName", "KIOSK_TENANCY", QString(), false},
    {K::AgentUserName, "api/agentUserName", "KIOSK_AGENT_USER", QString(), false},
    {K::AgentPassword, "api/agentPassword", "KIOSK_AGENT_PASSWORD", QString(), true},
    {K::AcceptLanguage, "api/acceptLanguage", "KIOSK_ACCEPT_LANGUAGE", u"en"_s, false},
    {K::RequestTimeoutMs, "api/requestTimeoutMs", "KIOSK_REQUEST_TIMEOUT_MS", 30000, false},
    {K::UploadTimeoutMs, "api/uploadTimeoutMs", "KIOSK_UPLOAD_TIMEOUT_MS", 90000, false},
    {K::GetRetries, "api/getRetries", "KIOSK_GET_RETRIES", 3, false},
    {K::BoldSignBaseUrl, "boldsign/baseUrl", "KIOSK_BOLDSIGN_BASE_URL",
     u"https://api.boldsign.com"_s, false},
    {K::BoldSignApiKey, "boldsign/apiKey", "KIOSK_BOLDSIGN_API_KEY", QString(), true},
    {K::RegistrationMode, "flow/registrationMode", "KIOSK_REGISTRATION_MODE", u"register"_s, false},
    {K::QualityRetries, "flow/qualityRetries", "KIOSK_QUALITY_RETRIES", 3, false},
    {K::SpeechEngine, "ui/speechEngine", "KIOSK_SPEECH_ENGINE", QString(), false},
    {K::UiLanguage, "ui/language", "KIOSK_LANGUAGE", u"en"_s, false},
    {K::SecretsFile, "security/secretsFile", "KIOSK_SECRETS_FILE", QString(), false},
    {K::CameraId, "camera/id", "KIOSK_CAMERA", QString(), false},
    // Imaging: desktop-webcam defaults from docs/reference capture-quality (phones are stricter).
    {K::ImageBudgetIdBytes, "imaging/idBudgetBytes", "KIOSK_ID_BUDGET_BYTES", 500000, false},
    {K::ImageBudgetFaceBytes, "imaging/faceBudgetBytes", "KIOSK_FACE_BUDGET_BYTES", 500000, false},
    {K::JpegMaxQuality, "imaging/jpegMaxQuality", "KIOSK_JPEG_MAX_QUALITY", 95, false},
    {K::JpegPreferredMinQuality, "imaging/jpegPreferredMinQuality",
     "KIOSK_JPEG_PREFERRED_MIN_QUALITY", 90, false},
    {K::JpegMinQuality, "imaging/jpegMinQuality", "KIOSK_JPEG_MIN_QUALITY", 50, false},
    {K::JpegMinWidth, "imaging/jpegMinWidth", "KIOSK_JPEG_MIN_WIDTH", 640, false},
    {K::AnalysisWidth, "imaging/analysisWidth", "KIOSK_ANALYSIS_WIDTH", 640, false},
    {K::MinSharpness, "imaging/minSharpness", "KIOSK_MIN_SHARPNESS", 60.0, false},
    {K::GlareLevel, "imaging/glareLevel", "KIOSK_GLARE_LEVEL", 240, false},
    {K::MaxGlareShare, "imaging/maxGlareShare", "KIOSK_MAX_GLARE_SHARE", 0.18, false},
    {K::MinBrightness, "imaging/minBrightness", "KIOSK_MIN_BRIGHTNESS", 50.0, false},
    {K::MaxBrightness, "imaging/maxBrightness", "KIOSK_MAX_BRIGHTNESS", 215.0, false},
    {K::CardAspectTolerance, "card/aspectTolerance", "KIOSK_CARD_ASPECT_TOLERANCE", 0.12, false},
    {K::CardMinFill, "card/minFill", "KIOSK_CARD_MIN_FILL", 0.70, false},
    {K::CardMaxFill, "card/maxFill", "KIOSK_CARD_MAX_FILL", 0.98, false},
    {K::CardMaxTiltDegrees, "card/maxTiltDegrees", "KIOSK_CARD_MAX_TILT", 12.0, false},
    {K::CardGuideWidthShare, "card/guideWidthShare", "KIOSK_CARD_GUIDE_WIDTH", 0.80, false},
    {K::CardCropWidth, "card/cropWidth", "KIOSK_CARD_CROP_WIDTH", 1000, false},
    {K::StableFrames, "card/stableFrames", "KIOSK_STABLE_FRAMES", 3, false},
    {K::FaceCascadeFile, "face/cascadeFile", "KIOSK_FACE_CASCADE", QString(), false},
    {K::FaceMinShare, "face/minShare", "KIOSK_FACE_MIN_SHARE", 0.10, false},
    {K::FaceMaxShare, "face/maxShare", "KIOSK_FACE_MAX_SHARE", 0.30, false},
    {K::FaceMaxOffCentre, "face/maxOffCentre", "KIOSK_FACE_MAX_OFF_CENTRE", 0.15, false},
    {K::BurstMaxSpanMs, "face/burstMaxSpanMs", "KIOSK_BURST_MAX_SPAN_MS", 500, false},
    // Camera (camera/id above: a camera's id or its name, as `kioskctl camera list` shows).
    // The backend is chosen in main() before Qt Multimedia starts (docs/camera-benchmark.md).
    {K::CameraBackend, "camera/backend", "KIOSK_CAMERA_BACKEND", u"gstreamer"_s, false},
    {K::CameraPreferredSize, "camera/preferredSize", "KIOSK_CAMERA_SIZE", u"1920x1080"_s, false},
    {K::CameraMinDocumentSize, "camera/minDocumentSize", "KIOSK_CAMERA_MIN_DOCUMENT_SIZE",
     u"1280x720"_s, false},
    {K::CameraStartTimeoutMs, "camera/startTimeoutMs", "KIOSK_CAMERA_START_TIMEOUT_MS", 4000,
     false},
    {K::CameraWatchdogMs, "camera/watchdogMs", "KIOSK_CAMERA_WATCHDOG_MS", 1500, false},
    {K::CameraRestartLimit, "camera/restartLimit", "KIOSK_CAMERA_RESTART_LIMIT", 5, false},
    {K::CameraBlackLuma, "camera/blackLuma", "KIOSK_CAMERA_BLACK_LUMA", 16.0, false},
    {K::CameraBlackMs, "camera/blackMs", "KIOSK_CAMERA_BLACK_MS", 1500, false},
    // Liveness burst: frame offsets from the trigger, inside face/burstMaxSpanMs.
    {K::BurstOffsetsMs, "face/burstOffsetsMs", "KIOSK_BURST_OFFSETS_MS", u"0,120,240"_s, false},
    {K::BurstAttempts, "face/burstAttempts", "KIOSK_BURST_ATTEMPTS", 3, false},
    {K::ManualCaptureAfterMs, "card/manualCaptureAfterMs", "KIOSK_MANUAL_CAPTURE_AFTER_MS", 20000,
     false},
    // Wizard. The PIN is stored only as a salted PBKDF2 hash (settings/agentpin.h).
    {K::AgentPinHash, "security/agentPinHash", "KIOSK_AGENT_PIN_HASH", QString(), false},
    {K::IdleTimeoutMs, "ui/idleTimeoutMs", "KIOSK_IDLE_TIMEOUT_MS", 90000, false},
    {K::IdleWarningMs, "ui/idleWarningMs", "KIOSK_IDLE_WARNING_MS", 20000, false},
    {K::FaceCountdownMs, "capture/faceCountdownMs", "KIOSK_FACE_COUNTDOWN_MS", 3000, false},
    // Fleet monitoring: node_exporter's textfile collector directory (empty: no metrics
    // file), how often the file is rewritten, and the labels that place this kiosk.
    {K::MetricsTextfileDir, "metrics/textfileDir", "KIOSK_METRICS_TEXTFILE_DIR",
     u"/var/lib/prometheus/node-exporter"_s, false},
    {K::MetricsIntervalMs, "metrics/intervalMs", "KIOSK_METRICS_INTERVAL_MS", 15000, false},
    {K::FleetBranch, "fleet/branch", "KIOSK_FLEET_BRANCH", QString(), false},
    {K::FleetKiosk, "fleet/kiosk", "KIOSK_FLEET_KIOSK", QString(), false},
};
// Expands ${NAME} from the environment: the packaged configuration points the secrets
// file at ${CREDENTIALS_DIRECTORY}, where systemd hands the service its credentials.
QString expandEnvironment(const QString &path, QStringList *problems)
{
    static const QRegularExpression variable(u"\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}"_s);
    QString result = path;
    QRegularExpressionMatch match;
    while ((match = variable.match(result)).hasMatch()) {
        const QString name = match.captured(1);
        const QString value = qEnvironmentVariable(name.toLatin1().constData());
        if (value.isEmpty()) {
            problems->append(u"the secrets file %1 needs the environment variable %2, which is "
                             "not set (start the kiosk through its systemd service, or set "
                             "security/secretsFile)"_s.arg(path, name));
            return {};
        }
        result.replace(match.capturedStart(), match.capturedLength(), value);
    }
    return result;
}
} // namespace

const QList<Settings::Entry> &Settings::table()
{
    return kTable;
}

const Settings::Entry &Settings::entry(Key key)
{
    for (const Entry &e : kTable) {
        if (e.key == key)
            return e;
    }
    qFatal("settings table has no entry for key %d", int(key));
}

Settings::Settings(const QString &iniPath)
    : m_iniPath(iniPath)
{
    if (!iniPath.isEmpty()) {
        m_ini = std::make_unique<QSettings>(iniPath, QSettings::IniFormat);
        if (m_ini->status() != QSettings::NoError)
            m_problems << u"cannot read settings file %1"_s.arg(iniPath);
        for (const Entry &e : kTable) {
            if (e.secret && m_ini->contains(QLatin1String(e.name)))
                m_problems << u"secret %1 found in %2: move it to the secrets file"_s.arg(
                    QLatin1String(e.name), iniPath);
        }
    }
    const QString secrets = expandEnvironment(value(Key::SecretsFile).toString(), &m_problems);
    if (!secrets.isEmpty()) {
        QString error;
        if (!loadSecretsFile(secrets, &error))
            m_problems << error;
    }
}

Settings::~Settings() = default;

QVariant Settings::value(Key key) const
{
    const int k = int(key);
    if (m_overrides.contains(k))
        return m_overrides.value(k);
    const Entry &e = entry(key);
    const QByteArray env = qgetenv(e.envName);
    if (!env.isEmpty())
        return QString::fromUtf8(env);
    if (m_secrets.contains(k))
        return m_secrets.value(k);
    if (m_ini && !e.secret && m_ini->contains(QLatin1String(e.name)))
        return m_ini->value(QLatin1String(e.name));
    return e.defaultValue;
}

void Settings::setOverride(Key key, const QVariant &value)
{
    m_overrides.insert(int(key), value);
}

bool Settings::setValue(Key key, const QVariant &value, QString *error)
{
    const Entry &e = entry(key);
    if (e.secret) {
        const QString path = this->value(Key::SecretsFile).toString();
        if (path.isEmpty()) {
            if (error)
                *error = u"no secrets file is configured (security/secretsFile)"_s;
            return false;
        }
        QFile file(path);
        QStringList lines;
        if (file.open(QIODevice::ReadOnly)) {
            const QString name = QLatin1String(e.name);
            const auto existing = QString::fromUtf8(file.readAll()).split(u'\n');
            for (const QString &line : existing) {
                if (!line.isEmpty() && line.section(u'=', 0, 0).trimmed() != name)
                    lines << line;
            }
            file.close();
        }
        lines << QLatin1String(e.name) + u'=' + value.toString();
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            if (error)
                *error = u"cannot write secrets file %1: %2"_s.arg(path, file.errorString());
            return false;
        }
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        file.write(lines.join(u'\n').toUtf8() + '\n');
        m_secrets.insert(int(key), value);
        return true;
    }
    if (!m_ini) {
        if (error)
            *error = u"no settings file is configured"_s;
        return false;
    }
    m_ini->setValue(QLatin1String(e.name), value);
    m_ini->sync();
    if (m_ini->status() != QSettings::NoError) {
        if (error)
            *error = u"cannot write settings file %1"_s.arg(m_iniPath);
        return false;
    }
    return true;
}

bool Settings::loadSecretsFile(const QString &path, QString *error)
{
    QFileInfo info(path);
    if (!info.exists()) {
        if (error)
            *error = u"secrets file %1 does not exist"_s.arg(path);
        return false;
    }
    const auto open = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther |
                      QFileDevice::WriteOther;
    if (info.permissions() & open) {
        if (error)
            *error = u"secrets file %1 is readable by others: run chmod 600 on it"_s.arg(path);
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = u"cannot read secrets file %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    const auto lines = QString::fromUtf8(file.readAll()).split(u'\n');
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QString name = line.section(u'=', 0, 0).trimmed();
        const QString val = line.section(u'=', 1).trimmed();
        bool known = false;
        for (const Entry &e : kTable) {
            if (e.secret && name == QLatin1String(e.name)) {
                m_secrets.insert(int(e.key), val);
                known = true;
            }
        }
        if (!known)
            m_problems << u"unknown secret %1 in %2"_s.arg(name, path);
    }
    qCInfo(lcSettings) << "secrets loaded from" << path; // names only, never values
    return true;
}

} // namespace kiosk
