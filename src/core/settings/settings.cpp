#include "settings.h"

#include "logging.h"

#include "inifile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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
    {K::RequestTimeoutMs, "api/requestTimeoutMs", "KIOSK_REQUEST_TIMEOUT_MS", 30000, false, 1000,
     600000},
    {K::UploadTimeoutMs, "api/uploadTimeoutMs", "KIOSK_UPLOAD_TIMEOUT_MS", 90000, false, 1000,
     900000},
    {K::GetRetries, "api/getRetries", "KIOSK_GET_RETRIES", 3, false, 0, 10},
    {K::BoldSignBaseUrl, "boldsign/baseUrl", "KIOSK_BOLDSIGN_BASE_URL",
     u"https://api.boldsign.com"_s, false},
    {K::BoldSignApiKey, "boldsign/apiKey", "KIOSK_BOLDSIGN_API_KEY", QString(), true},
    {K::RegistrationMode, "flow/registrationMode", "KIOSK_REGISTRATION_MODE", u"register"_s, false},
    {K::QualityRetries, "flow/qualityRetries", "KIOSK_QUALITY_RETRIES", 3, false, 0, 10},
    {K::SpeechEngine, "ui/speechEngine", "KIOSK_SPEECH_ENGINE", QString(), false},
    {K::UiLanguage, "ui/language", "KIOSK_LANGUAGE", u"en"_s, false},
    {K::SecretsFile, "security/secretsFile", "KIOSK_SECRETS_FILE", QString(), false},
    {K::CameraId, "camera/id", "KIOSK_CAMERA", QString(), false},
    // Imaging: desktop-webcam defaults from docs/reference capture-quality (phones are stricter).
    {K::ImageBudgetIdBytes, "imaging/idBudgetBytes", "KIOSK_ID_BUDGET_BYTES", 500000, false, 20000,
     5000000},
    {K::ImageBudgetFaceBytes, "imaging/faceBudgetBytes", "KIOSK_FACE_BUDGET_BYTES", 500000, false,
     20000, 5000000},
    {K::JpegMaxQuality, "imaging/jpegMaxQuality", "KIOSK_JPEG_MAX_QUALITY", 95, false, 1, 100},
    {K::JpegPreferredMinQuality, "imaging/jpegPreferredMinQuality",
     "KIOSK_JPEG_PREFERRED_MIN_QUALITY", 90, false, 1, 100},
    {K::JpegMinQuality, "imaging/jpegMinQuality", "KIOSK_JPEG_MIN_QUALITY", 50, false, 1, 100},
    {K::JpegMinWidth, "imaging/jpegMinWidth", "KIOSK_JPEG_MIN_WIDTH", 640, false, 160, 8192},
    {K::AnalysisWidth, "imaging/analysisWidth", "KIOSK_ANALYSIS_WIDTH", 640, false, 160, 4096},
    {K::MinSharpness, "imaging/minSharpness", "KIOSK_MIN_SHARPNESS", 60.0, false, 0, 10000},
    {K::GlareLevel, "imaging/glareLevel", "KIOSK_GLARE_LEVEL", 240, false, 1, 255},
    {K::MaxGlareShare, "imaging/maxGlareShare", "KIOSK_MAX_GLARE_SHARE", 0.18, false, 0, 1},
    {K::MinBrightness, "imaging/minBrightness", "KIOSK_MIN_BRIGHTNESS", 50.0, false, 0, 255},
    {K::MaxBrightness, "imaging/maxBrightness", "KIOSK_MAX_BRIGHTNESS", 215.0, false, 0, 255},
    {K::CardAspectTolerance, "card/aspectTolerance", "KIOSK_CARD_ASPECT_TOLERANCE", 0.12, false, 0,
     1},
    {K::CardMinFill, "card/minFill", "KIOSK_CARD_MIN_FILL", 0.70, false, 0, 1},
    {K::CardMaxFill, "card/maxFill", "KIOSK_CARD_MAX_FILL", 0.98, false, 0, 1},
    {K::CardMaxTiltDegrees, "card/maxTiltDegrees", "KIOSK_CARD_MAX_TILT", 12.0, false, 0, 45},
    {K::CardGuideWidthShare, "card/guideWidthShare", "KIOSK_CARD_GUIDE_WIDTH", 0.80, false, 0.1, 1},
    {K::CardCropWidth, "card/cropWidth", "KIOSK_CARD_CROP_WIDTH", 1000, false, 320, 4096},
    {K::StableFrames, "card/stableFrames", "KIOSK_STABLE_FRAMES", 3, false, 1, 120},
    {K::FaceCascadeFile, "face/cascadeFile", "KIOSK_FACE_CASCADE", QString(), false},
    {K::FaceMinShare, "face/minShare", "KIOSK_FACE_MIN_SHARE", 0.10, false, 0, 1},
    {K::FaceMaxShare, "face/maxShare", "KIOSK_FACE_MAX_SHARE", 0.30, false, 0, 1},
    {K::FaceMaxOffCentre, "face/maxOffCentre", "KIOSK_FACE_MAX_OFF_CENTRE", 0.15, false, 0, 1},
    {K::BurstMaxSpanMs, "face/burstMaxSpanMs", "KIOSK_BURST_MAX_SPAN_MS", 500, false, 100, 2000},
    // Camera (camera/id above: a camera's id or its name, as `kioskctl camera list` shows).
    // The backend is chosen in main() before Qt Multimedia starts (docs/camera-benchmark.md).
    {K::CameraBackend, "camera/backend", "KIOSK_CAMERA_BACKEND", u"gstreamer"_s, false},
    {K::CameraPreferredSize, "camera/preferredSize", "KIOSK_CAMERA_SIZE", u"1920x1080"_s, false},
    {K::CameraMinDocumentSize, "camera/minDocumentSize", "KIOSK_CAMERA_MIN_DOCUMENT_SIZE",
     u"1280x720"_s, false},
    {K::CameraStartTimeoutMs, "camera/startTimeoutMs", "KIOSK_CAMERA_START_TIMEOUT_MS", 4000, false,
     500, 60000},
    {K::CameraWatchdogMs, "camera/watchdogMs", "KIOSK_CAMERA_WATCHDOG_MS", 1500, false, 200, 60000},
    {K::CameraRestartLimit, "camera/restartLimit", "KIOSK_CAMERA_RESTART_LIMIT", 5, false, 0, 100},
    {K::CameraBlackLuma, "camera/blackLuma", "KIOSK_CAMERA_BLACK_LUMA", 16.0, false, 0, 255},
    {K::CameraBlackMs, "camera/blackMs", "KIOSK_CAMERA_BLACK_MS", 1500, false, 100, 60000},
    // Liveness burst: frame offsets from the trigger, inside face/burstMaxSpanMs.
    {K::BurstOffsetsMs, "face/burstOffsetsMs", "KIOSK_BURST_OFFSETS_MS", u"0,120,240"_s, false},
    {K::BurstAttempts, "face/burstAttempts", "KIOSK_BURST_ATTEMPTS", 3, false, 1, 10},
    {K::ManualCaptureAfterMs, "card/manualCaptureAfterMs", "KIOSK_MANUAL_CAPTURE_AFTER_MS", 20000,
     false, 0, 600000},
    // Wizard. The PIN is stored only as a salted PBKDF2 hash (settings/agentpin.h).
    {K::AgentPinHash, "security/agentPinHash", "KIOSK_AGENT_PIN_HASH", QString(), false},
    {K::IdleTimeoutMs, "ui/idleTimeoutMs", "KIOSK_IDLE_TIMEOUT_MS", 90000, false, 10000, 3600000},
    {K::IdleWarningMs, "ui/idleWarningMs", "KIOSK_IDLE_WARNING_MS", 20000, false, 0, 600000},
    {K::FaceCountdownMs, "capture/faceCountdownMs", "KIOSK_FACE_COUNTDOWN_MS", 3000, false, 0,
     30000},
    // Wrong agent PINs and the lock they earned (ms since the epoch, UTC): agentpin::Guard.
    {K::PinFailures, "security/pinFailures", "KIOSK_PIN_FAILURES", 0, false, 0, 1000000},
    {K::PinLockedUntil, "security/pinLockedUntil", "KIOSK_PIN_LOCKED_UNTIL", qint64(0), false},
    // Fleet monitoring: node_exporter's textfile collector directory (empty: no metrics
    // file), how often the file is rewritten, and the labels that place this kiosk.
    {K::MetricsTextfileDir, "metrics/textfileDir", "KIOSK_METRICS_TEXTFILE_DIR",
     u"/var/lib/prometheus/node-exporter"_s, false},
    {K::MetricsIntervalMs, "metrics/intervalMs", "KIOSK_METRICS_INTERVAL_MS", 15000, false, 1000,
     3600000},
    {K::FleetBranch, "fleet/branch", "KIOSK_FLEET_BRANCH", QString(), false},
    {K::FleetKiosk, "fleet/kiosk", "KIOSK_FLEET_KIOSK", QString(), false},
};
// Expands ${NAME} from the environment: a configuration may point the secrets file at
// ${CREDENTIALS_DIRECTORY}, where systemd hands the service its credentials.
QString expandEnvironment(const QString &path, QString *problem)
{
    static const QRegularExpression variable(u"\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}"_s);
    // One pass, left to right: a value that itself holds "${...}" is never expanded again
    // (re-matching the result loops forever on KIOSK=${KIOSK}).
    QString result;
    qsizetype from = 0;
    for (auto it = variable.globalMatch(path); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QString name = match.captured(1);
        const QString value = qEnvironmentVariable(name.toLatin1().constData());
        if (value.isEmpty()) {
            *problem =
                u"the secrets file %1 needs the environment variable %2, which is not set "
                "(start the kiosk through its systemd service, or set KIOSK_SECRETS_FILE)"_s.arg(
                    path, name);
            return {};
        }
        result += path.mid(from, match.capturedStart() - from) + value;
        from = match.capturedEnd();
    }
    result += path.mid(from);
    return result;
}

constexpr auto AppDir = "onboarding-kiosk";
constexpr auto SystemSecrets = "/etc/onboarding-kiosk/secrets";

bool isNumber(const Settings::Entry &e)
{
    const int type = e.defaultValue.typeId();
    return type == QMetaType::Int || type == QMetaType::LongLong || type == QMetaType::Double;
}

// A number from outside, checked against the entry's range. Whole numbers only for int
// settings; nan, inf, "30s" and out-of-range values are refused with the reason.
std::optional<QVariant> parseValue(const Settings::Entry &e, const QString &text, QString *why)
{
    if (!isNumber(e))
        return QVariant(text);
    const int type = e.defaultValue.typeId();
    const bool isInt = type == QMetaType::Int || type == QMetaType::LongLong;
    // Any value >= 0 unless the table gives a range; 2^53 keeps a 64-bit value exact in a double.
    const double anyMax = type == QMetaType::Int        ? double(INT_MAX)
                          : type == QMetaType::LongLong ? 9007199254740992.0
                                                        : 1e9;
    const bool ranged = e.minimum != 0 || e.maximum != 0;
    const double lo = ranged ? e.minimum : 0.0;
    const double hi = ranged ? e.maximum : anyMax;
    const QString range = isInt ? u"a whole number from %1 to %2"_s.arg(qint64(lo)).arg(qint64(hi))
                                : u"a number from %1 to %2"_s.arg(lo).arg(hi);
    bool ok = false;
    if (isInt) {
        const qlonglong v = text.trimmed().toLongLong(&ok);
        if (ok && double(v) >= lo && double(v) <= hi)
            return type == QMetaType::Int ? QVariant(int(v)) : QVariant(qint64(v));
    } else {
        const double v = text.trimmed().toDouble(&ok);
        if (ok && std::isfinite(v) && v >= lo && v <= hi)
            return QVariant(v);
    }
    *why = u"'%1' is not %2"_s.arg(text.left(40), range);
    return std::nullopt;
}

QStringList iniFilesIn(const QString &dir)
{
    return QDir(dir).entryList({u"*.ini"_s}, QDir::Files | QDir::Readable | QDir::Hidden,
                               QDir::Name);
}
} // namespace

QString Settings::Problem::text() const
{
    if (file.isEmpty())
        return message;
    if (line > 0)
        return u"%1:%2: %3"_s.arg(file).arg(line).arg(message);
    return u"%1: %2"_s.arg(file, message);
}

Settings::Sources Settings::Sources::system()
{
    Sources sources;
    sources.fromSystem = true;
    QStringList dirs = qEnvironmentVariable("XDG_CONFIG_DIRS").split(u':', Qt::SkipEmptyParts);
    if (dirs.isEmpty())
        dirs << u"/etc/xdg"_s;
    // XDG: the first directory is the most important, so it is read last.
    std::reverse(dirs.begin(), dirs.end());
    for (const QString &base : std::as_const(dirs)) {
        const QString dir = base + u'/' + QLatin1String(AppDir);
        sources.configFiles << dir + u"/kiosk.ini"_s;
        // Both drop-in folders, one lexical order by file name (10-branch.ini, 20-camera.ini).
        QList<std::pair<QString, QString>> dropIns;
        for (const QString &sub : {u"kiosk.ini.d"_s, u"conf.d"_s}) {
            for (const QString &name : iniFilesIn(dir + u'/' + sub))
                dropIns.append({name, dir + u'/' + sub + u'/' + name});
        }
        std::stable_sort(dropIns.begin(), dropIns.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        for (const auto &dropIn : std::as_const(dropIns))
            sources.configFiles << dropIn.second;
    }

    if (const QString dir = qEnvironmentVariable("STATE_DIRECTORY"); !dir.isEmpty())
        sources.stateFile = dir.section(u':', 0, 0) + u"/state.ini"_s;
    else if (const QString file = qEnvironmentVariable("KIOSK_STATE_FILE"); !file.isEmpty())
        sources.stateFile = file;
    else if (QFileInfo(u"/var/lib/onboarding-kiosk"_s).isDir() && ::geteuid() == 0)
        sources.stateFile = u"/var/lib/onboarding-kiosk/state.ini"_s; // kioskctl as root
    else {
        QString stateHome = qEnvironmentVariable("XDG_STATE_HOME");
        if (stateHome.isEmpty())
            stateHome = QDir::homePath() + u"/.local/state"_s;
        sources.stateFile = stateHome + u'/' + QLatin1String(AppDir) + u"/state.ini"_s;
    }

    if (const QString dir = qEnvironmentVariable("CREDENTIALS_DIRECTORY");
        !dir.isEmpty() && QFileInfo::exists(dir + u"/kiosk-secrets"_s))
        sources.secretsFile = dir + u"/kiosk-secrets"_s;
    else if (const QString file = qEnvironmentVariable("KIOSK_SECRETS_FILE"); !file.isEmpty())
        sources.secretsFile = file;
    else if (::access(SystemSecrets, R_OK) == 0)
        sources.secretsFile = QLatin1String(SystemSecrets); // kioskctl run by root
    return sources;
}

Settings::Sources Settings::Sources::withConfigFile(const QString &file)
{
    Sources sources = system();
    sources.configFiles = QStringList{file};
    sources.fromSystem = false;
    return sources;
}

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

const Settings::Entry *Settings::entry(QStringView name)
{
    for (const Entry &e : kTable) {
        if (name == QLatin1String(e.name))
            return &e;
    }
    return nullptr;
}

Settings::Settings()
    : Settings(Sources{})
{}

Settings::Settings(const QString &iniPath)
    : Settings(Sources{iniPath.isEmpty() ? QStringList() : QStringList{iniPath}, {}, {}})
{}

Settings::Settings(const Sources &sources)
    : m_sources(sources)
{
    for (const QString &path : sources.configFiles) {
        if (!QFileInfo::exists(path)) {
            // A file named by --config must exist; the system's are looked for in every
            // XDG_CONFIG_DIRS entry, and doctor says when none was found.
            if (sources.fromSystem)
                m_missingFiles << path;
            else
                m_problems.append({path, 0, u"the file does not exist"_s});
            continue;
        }
        Layer layer{path, {}};
        readConfigFile(path, &layer, false);
        m_config.append(layer);
    }
    if (!sources.stateFile.isEmpty()) {
        m_state.file = sources.stateFile;
        if (QFileInfo::exists(sources.stateFile))
            readConfigFile(sources.stateFile, &m_state, true);
        const QFileInfo dir(QFileInfo(sources.stateFile).absolutePath());
        if (dir.exists() && !dir.isWritable())
            m_problems.append({dir.filePath(), 0,
                               u"the state directory is not writable: the agent PIN and the "
                               "settings changed at the kiosk are lost when it restarts"_s});
    }
    if (!sources.configFiles.isEmpty() || !sources.stateFile.isEmpty())
        qCInfo(lcSettings).noquote()
            << "configuration files read:"
            << (m_filesRead.isEmpty() ? u"none"_s : m_filesRead.join(u", "_s));
    for (const Entry &e : kTable) {
        if (qEnvironmentVariableIsEmpty(e.envName))
            continue;
        QString why;
        if (!parseValue(e, qEnvironmentVariable(e.envName), &why))
            m_problems.append({{},
                               0,
                               u"environment %1: %2; it is ignored"_s.arg(
                                   QLatin1String(e.envName), e.secret ? u"invalid"_s : why)});
    }
    readSecrets();
}

Settings::~Settings() = default;

void Settings::readConfigFile(const QString &path, Layer *layer, bool isState)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_problems.append({path, 0, u"cannot read the file: %1"_s.arg(file.errorString())});
        return;
    }
    // Bounded: a configuration file is a few kilobytes.
    constexpr qint64 MaxBytes = 1 << 20;
    const QByteArray text = file.read(MaxBytes + 1);
    if (text.size() > MaxBytes) {
        m_problems.append({path, 0, u"the file is larger than 1 MB and was not read"_s});
        return;
    }
    m_filesRead << path;
    const bool othersCanRead =
        QFileInfo(path).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther);
    if (isState && othersCanRead) {
        // The state holds the agent PIN hash: only the kiosk user may read it.
        if (::chmod(QFile::encodeName(path).constData(), S_IRUSR | S_IWUSR) == 0)
            m_problems.append(
                {path, 0, u"the state file was readable by others; it is now 0600"_s});
        else
            m_problems.append({path, 0, u"the state file is readable by others: chmod 600 it"_s});
    }
    const IniFile ini = IniFile::parse(text);
    for (const IniFile::Error &error : ini.errors())
        m_problems.append({path, error.line, error.message});
    for (const IniFile::Value &v : ini.values()) {
        const Entry *e = entry(v.key);
        if (!e) {
            m_problems.append({path, v.line, u"unknown setting %1"_s.arg(v.key)});
            continue;
        }
        if (e->secret) {
            m_problems.append(
                {path, v.line,
                 u"the secret %1 must not be in a configuration file%2; it is ignored: move it to "
                 "%3 (root only, chmod 600)"_s.arg(
                     v.key, othersCanRead ? u" that others can read"_s : QString(),
                     QLatin1String(SystemSecrets))});
            continue;
        }
        QString why;
        const std::optional<QVariant> value = parseValue(*e, v.text, &why);
        if (!value) {
            m_problems.append({path, v.line, u"%1: %2; the default is used"_s.arg(v.key, why)});
            continue;
        }
        layer->values.insert(int(e->key), {*value, v.line});
    }
}

void Settings::readSecrets()
{
    QString path = m_sources.secretsFile;
    if (path.isEmpty()) {
        // A configuration (or KIOSK_SECRETS_FILE) may name the file.
        QString problem;
        path = expandEnvironment(value(Key::SecretsFile).toString(), &problem);
        if (!problem.isEmpty())
            m_problems.append({{}, 0, problem});
    }
    if (path.isEmpty())
        return;
    m_secretsPath = path;
    QString error;
    if (!loadSecretsFile(path, &error))
        m_problems.append({path, 0, error});
}

std::optional<QVariant> Settings::environmentValue(const Entry &e) const
{
    const QString text = qEnvironmentVariable(e.envName);
    if (text.isEmpty())
        return std::nullopt;
    QString why;
    return parseValue(e, text, &why);
}

QVariant Settings::value(Key key) const
{
    const int k = int(key);
    if (m_overrides.contains(k))
        return m_overrides.value(k);
    const Entry &e = entry(key);
    if (const auto env = environmentValue(e))
        return *env;
    if (m_secrets.contains(k))
        return m_secrets.value(k);
    if (m_state.values.contains(k))
        return m_state.values.value(k).first;
    for (auto layer = m_config.crbegin(); layer != m_config.crend(); ++layer) {
        if (layer->values.contains(k))
            return layer->values.value(k).first;
    }
    return e.defaultValue;
}

QString Settings::sourceOf(Key key) const
{
    const int k = int(key);
    if (m_overrides.contains(k))
        return u"command line"_s;
    const Entry &e = entry(key);
    if (environmentValue(e))
        return u"environment %1"_s.arg(QLatin1String(e.envName));
    if (m_secrets.contains(k))
        return m_secretsPath;
    if (m_state.values.contains(k))
        return u"%1:%2"_s.arg(m_state.file).arg(m_state.values.value(k).second);
    for (auto layer = m_config.crbegin(); layer != m_config.crend(); ++layer) {
        if (layer->values.contains(k))
            return u"%1:%2"_s.arg(layer->file).arg(layer->values.value(k).second);
    }
    return u"default"_s;
}

QStringList Settings::problems() const
{
    QStringList texts;
    for (const Problem &p : m_problems)
        texts << p.text();
    return texts;
}

QStringList Settings::invalidEnvironment() const
{
    QStringList names;
    for (const Entry &e : kTable) {
        QString why;
        if (!qEnvironmentVariableIsEmpty(e.envName) &&
            !parseValue(e, qEnvironmentVariable(e.envName), &why))
            names << u"%1: %2"_s.arg(QLatin1String(e.envName), e.secret ? u"invalid"_s : why);
    }
    return names;
}

void Settings::setOverride(Key key, const QVariant &value)
{
    m_overrides.insert(int(key), value);
}

bool Settings::setValue(Key key, const QVariant &value, QString *error)
{
    const Entry &e = entry(key);
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (e.secret)
        return fail(
            u"%1 is a secret: the kiosk never stores it; IT sets it in %2 (root only)"_s.arg(
                QLatin1String(e.name), QLatin1String(SystemSecrets)));
    if (m_state.file.isEmpty())
        return fail(
            u"no state file is configured, so %1 cannot be kept"_s.arg(QLatin1String(e.name)));
    QString why;
    const std::optional<QVariant> checked = parseValue(e, value.toString(), &why);
    if (!checked || value.toString().contains(u'\n'))
        return fail(u"%1: %2"_s.arg(QLatin1String(e.name),
                                    checked ? u"a value must fit on one line"_s : why));
    const auto previous = m_state.values.value(int(key));
    const bool had = m_state.values.contains(int(key));
    m_state.values.insert(int(key), {*checked, 0});
    if (!writeState(error)) {
        if (had)
            m_state.values.insert(int(key), previous);
        else
            m_state.values.remove(int(key));
        return false;
    }
    return true;
}

// The whole state file, replaced atomically: created 0600 with O_EXCL next to it, written,
// flushed, then renamed over the old one, so a crash never leaves half a file and nobody
// else can read the agent PIN hash at any moment.
bool Settings::writeState(QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const QFileInfo info(m_state.file);
    const QString dir = info.absolutePath();
    if (!QDir().mkpath(dir))
        return fail(u"cannot create the state directory %1"_s.arg(dir));
    QList<std::pair<QString, QString>> lines;
    for (const Entry &e : kTable) {
        if (m_state.values.contains(int(e.key)))
            lines.append(
                {QLatin1String(e.name), m_state.values.value(int(e.key)).first.toString()});
    }
    const QByteArray text = IniFile::render(
        lines, u"Written by onboarding-kiosk: the agent PIN and the settings changed at the "
               "kiosk.\nConfigure branches in /etc/xdg/onboarding-kiosk/ instead of editing "
               "this file."_s);
    const QByteArray target = QFile::encodeName(info.absoluteFilePath());
    const QByteArray temp = target + ".new";
    ::unlink(temp.constData());
    const int fd = ::open(temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                          S_IRUSR | S_IWUSR);
    if (fd < 0)
        return fail(u"cannot write the state file %1: %2"_s.arg(
            m_state.file, QString::fromLocal8Bit(std::strerror(errno))));
    // kioskctl run by root keeps the file the kiosk user's, so that the kiosk can rewrite it.
    struct stat dirStat = {};
    if (::geteuid() == 0 && ::stat(QFile::encodeName(dir).constData(), &dirStat) == 0 &&
        dirStat.st_uid != 0 && ::fchown(fd, dirStat.st_uid, dirStat.st_gid) != 0) {
        ::close(fd);
        ::unlink(temp.constData());
        return fail(u"cannot give the state file to the kiosk user"_s);
    }
    qsizetype written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.constData() + written, size_t(text.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        written += n;
    }
    const bool ok = written == text.size() && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || ::rename(temp.constData(), target.constData()) != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        ::unlink(temp.constData());
        return fail(u"cannot write the state file %1: %2"_s.arg(m_state.file, reason));
    }
    if (!m_filesRead.contains(m_state.file))
        m_filesRead << m_state.file;
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
    constexpr qint64 MaxBytes = 64 * 1024;
    const QByteArray content = file.read(MaxBytes + 1);
    if (content.size() > MaxBytes) {
        if (error)
            *error = u"secrets file %1 is larger than 64 KB and was not read"_s.arg(path);
        return false;
    }
    const auto lines = QString::fromUtf8(content).split(u'\n');
    QStringList names;
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        // Never echo a line of this file: a malformed line may be a key pasted on its own.
        if (!line.contains(u'=')) {
            m_problems.append({path, i + 1, u"expected name=value (the line is not shown)"_s});
            continue;
        }
        const QString name = line.section(u'=', 0, 0).trimmed();
        const QString val = line.section(u'=', 1).trimmed();
        const Entry *e = entry(name);
        if (!e || !e->secret) {
            m_problems.append({path, i + 1,
                               u"not a known secret name (the line is not shown; known: "
                               "api/apiKey, api/agentPassword, boldsign/apiKey)"_s});
            continue;
        }
        m_secrets.insert(int(e->key), val);
        names << name;
    }
    if (!m_filesRead.contains(path))
        m_filesRead << path;
    qCInfo(lcSettings).noquote() << u"secrets read from %1: %2"_s.arg(path, names.join(u", "_s));
    return true;
}

} // namespace kiosk
