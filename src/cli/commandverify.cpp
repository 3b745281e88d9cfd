#include "commands.h"
#include "commonoptions.h"
#include "servicecalls.h"
#include "videoburst.h"

#include "api/imageformat.h"
#include "api/vlensclient.h"
#include "capture/burstcontroller.h"
#include "imaging/budgetencoder.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTextStream>

#include <memory>

using namespace Qt::StringLiterals;

namespace kiosk::cli {

namespace {

using api::ApiReply;
using api::VerifyResult;

struct Inputs
{
    QByteArray front;
    QByteArray back;
    QByteArray faces[3];
    QString facesSource;
};

bool readImage(const QString &path, const QString &what, QByteArray *out, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read the %1 image %2: %3"_s.arg(what, path, file.errorString());
        return false;
    }
    *out = file.readAll();
    const api::ImageFormat format = api::detectImageFormat(*out);
    if (format != api::ImageFormat::Jpeg && format != api::ImageFormat::Png) {
        *error = u"the %1 image %2 is not a JPEG or PNG file"_s.arg(what, path);
        return false;
    }
    return true;
}

// What a step printed as text and as JSON.
class Report
{
public:
    Report(QTextStream &out, bool json, bool showData)
        : m_out(out)
        , m_json(json)
        , m_showData(showData)
    {}

    void step(const QString &name, const api::ApiCall &call, const QString &note = {})
    {
        QJsonObject object{{u"step"_s, name},
                           {u"ok"_s, call.isSuccess()},
                           {u"ms"_s, call.elapsedMs()},
                           {u"request_id"_s, call.requestId()}};
        if (!note.isEmpty())
            object.insert(u"note"_s, note);
        m_steps.append(object);
        if (!m_json && call.isSuccess())
            m_out << "  " << name.leftJustified(16, u'.') << " ok (" << call.elapsedMs()
                  << " ms, request " << call.requestId() << ')'
                  << (note.isEmpty() ? QString() : u" "_s + note) << '\n';
        m_out.flush();
    }

    void data(const QString &name, const QJsonObject &fields)
    {
        if (fields.isEmpty())
            return;
        if (m_showData) {
            m_data.insert(name, fields);
            if (!m_json) {
                for (auto it = fields.begin(); it != fields.end(); ++it)
                    m_out << "      " << it.key() << ": " << it.value().toVariant().toString()
                          << '\n';
            }
        } else if (!m_json) {
            m_out << "      " << fields.size()
                  << " fields read (values hidden; add --show-data to print them)\n";
        }
    }

    int fail(const QString &step, const api::ApiError &error, QTextStream &err)
    {
        if (m_json) {
            m_out << QJsonDocument(QJsonObject{{u"ok"_s, false},
                                               {u"steps"_s, m_steps},
                                               {u"error"_s, failureJson(step, error)}})
                         .toJson();
        } else {
            err << "kioskctl: " << describeFailure(step, error) << '\n';
        }
        return exitCodeFor(error);
    }

    int finish(const VerifyResult &result, const QString &transactionId)
    {
        const api::Services &s = result.services;
        auto tri = [](const std::optional<bool> &value, const QString &yes, const QString &no) {
            return value.has_value() ? (*value ? yes : no) : u"not reported"_s;
        };
        const QJsonObject services{
            {u"liveness"_s, tri(s.liveness, u"passed"_s, u"failed"_s)},
            {u"document"_s, tri(s.spoofingFake, u"not genuine"_s, u"genuine"_s)},
            {u"aml"_s, tri(s.amlMatched, u"match"_s, u"no match"_s)},
            {u"registry"_s, tri(s.src.isValid, u"valid"_s, u"not valid"_s)},
            {u"doc_type"_s, s.docType}};
        const QString outcome = result.isDigitalIdentityVerified ? u"verified"_s
                                : result.isVerificationProcessCompleted
                                    ? u"validated (authority checks not passed)"_s
                                    : u"not verified"_s;
        if (m_json) {
            QJsonObject document{
                {u"ok"_s, result.isDigitalIdentityVerified},
                {u"outcome"_s, outcome},
                {u"transaction_id"_s, transactionId},
                {u"isVerificationProcessCompleted"_s, result.isVerificationProcessCompleted},
                {u"isDigitalIdentityVerified"_s, result.isDigitalIdentityVerified},
                {u"services"_s, services},
                {u"steps"_s, m_steps}};
            if (!s.firstValidationMessage().isEmpty())
                document.insert(u"validation_message"_s, s.firstValidationMessage());
            if (m_showData)
                document.insert(u"data"_s, m_data);
            m_out << QJsonDocument(document).toJson();
        } else {
            m_out << "Outcome: " << outcome << " (transaction " << transactionId << ")\n";
            for (auto it = services.begin(); it != services.end(); ++it) {
                if (!it.value().toString().isEmpty())
                    m_out << "  " << it.key().leftJustified(10) << it.value().toString() << '\n';
            }
            if (!s.firstValidationMessage().isEmpty())
                m_out << "  validation: " << s.firstValidationMessage() << '\n';
        }
        return result.isDigitalIdentityVerified ? ExitOk : ExitFailure;
    }

private:
    QTextStream &m_out;
    bool m_json;
    bool m_showData;
    QJsonArray m_steps;
    QJsonObject m_data;
};

QJsonObject frontFields(const api::IdFrontData &d)
{
    QJsonObject o{{u"name"_s, d.name},         {u"name_english"_s, d.nameEnglish},
                  {u"idNumber"_s, d.idNumber}, {u"dateOfBirth"_s, d.dateOfBirth},
                  {u"gender"_s, d.gender},     {u"govern"_s, d.govern},
                  {u"address"_s, d.address}};
    for (auto it = o.begin(); it != o.end();)
        it = it.value().toString().isEmpty() ? o.erase(it) : std::next(it);
    return o;
}

QJsonObject backFields(const api::IdBackData &d)
{
    QJsonObject o{{u"idNumber"_s, d.idNumber}, {u"maritalStatus"_s, d.maritalStatus},
                  {u"job"_s, d.job},           {u"releaseDate"_s, d.releaseDate},
                  {u"idExpiry"_s, d.idExpiry}, {u"gender"_s, d.gender}};
    for (auto it = o.begin(); it != o.end();)
        it = it.value().toString().isEmpty() ? o.erase(it) : std::next(it);
    return o;
}

// Registers the customer, with the password in KIOSK_CUSTOMER_PASSWORD if set; if the
// service refuses because the phone is known, and that password is set, logs in instead.
// Registering with that password is what lets a second run log in when the first run's
// Register answer was lost after the service had created the user.
std::unique_ptr<ApiReply<api::SessionResult>> signIn(api::VlensClient &client, const QString &phone,
                                                     const QString &email)
{
    const QString password = qEnvironmentVariable("KIOSK_CUSTOMER_PASSWORD");
    api::RegisterRequest request;
    request.phoneNumber = phone;
    request.email = email;
    request.password = password;
    std::unique_ptr<ApiReply<api::SessionResult>> reply(client.registerUser(request));
    reply->waitForFinished();
    if (reply->isSuccess() || password.isEmpty() ||
        reply->error().kind() != api::ApiError::Kind::Service)
        return reply;
    api::UserLoginRequest login;
    login.phoneNumber = phone;
    login.password = password;
    reply.reset(client.loginUser(login));
    reply->waitForFinished();
    return reply;
}

// The verify command's own options, registered on the parser by the constructor.
struct VerifyOptions
{
    explicit VerifyOptions(QCommandLineParser &parser);
    // Empty when the options fit together; otherwise what is wrong.
    QString usageProblem(const QCommandLineParser &parser) const;

    const QCommandLineOption front{u"front"_s, u"ID front image (JPEG or PNG)."_s, u"file"_s};
    const QCommandLineOption back{u"back"_s, u"ID back image."_s, u"file"_s};
    const QCommandLineOption face{u"face"_s, u"A face frame; give three."_s, u"file"_s};
    const QCommandLineOption facesVideo{
        u"faces-video"_s,
        u"Take the three face frames from a video, inside the 0.5 s window, by its own "
        "timestamps."_s,
        u"file"_s};
    const QCommandLineOption facesStart{
        u"faces-start"_s, u"Where in the video the burst starts (seconds)."_s, u"s"_s, u"0"_s};
    const QCommandLineOption phone{u"phone"_s,
                                   u"Register (with KIOSK_CUSTOMER_PASSWORD as the password, "
                                   "or log in with it if the number is known) this customer "
                                   "and verify with the user token."_s,
                                   u"e164"_s};
    const QCommandLineOption email{u"email"_s, u"The customer's email, with --phone."_s,
                                   u"address"_s};
    const QCommandLineOption apiKeyOnly{u"api-key-only"_s,
                                        u"Capture with the API key alone (/v1/ocr/...)."_s};
    const QCommandLineOption linkPhone{u"link-phone"_s,
                                       u"With --api-key-only: then register this customer and "
                                       "link the transaction to them."_s,
                                       u"e164"_s};
    const QCommandLineOption showData{u"show-data"_s,
                                      u"Print the OCR fields (personal data) as well."_s};
};

VerifyOptions::VerifyOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        u"Runs a whole verification from image files: ID front, ID back, then the three "
        "face frames for liveness, and prints each step and the outcome. Exit code 0 only "
        "when the customer is verified."_s);
}

QString VerifyOptions::usageProblem(const QCommandLineParser &parser) const
{
    if (!parser.isSet(front) || !parser.isSet(back))
        return u"--front and --back are required"_s;
    const QStringList faceFiles = parser.values(face);
    if (parser.isSet(facesVideo) == !faceFiles.isEmpty())
        return u"give either three --face files or --faces-video"_s;
    if (!faceFiles.isEmpty() && faceFiles.size() != 3)
        return u"liveness needs exactly three --face files, got %1"_s.arg(faceFiles.size());
    if (parser.isSet(phone) == parser.isSet(apiKeyOnly))
        return u"give either --phone (verify as that customer) or --api-key-only"_s;
    if (parser.isSet(linkPhone) && !parser.isSet(apiKeyOnly))
        return u"--link-phone goes with --api-key-only"_s;
    return {};
}

int usage(CommandContext &context, const QString &message)
{
    context.err << "kioskctl verify: " << message << " (see kioskctl verify --help)\n";
    return ExitUsage;
}

// The kiosk's burst taken from a video: offsets and window from the settings
// (face/burstOffsetsMs, face/burstMaxSpanMs), three frames as the liveness endpoint takes,
// each under its budget with its capture time in EXIF (the video's own spacing, anchored at
// now, so the 0.5 s window shows in the files). ExitOk, or the exit code after saying why.
int takeFacesFromVideo(const QString &video, double startMs, const Settings &settings, Inputs *in,
                       CommandContext &context)
{
    const BurstOptions timing = BurstOptions::fromSettings(settings);
    if (timing.offsetsMs.size() != 3)
        return usage(context,
                     u"face/burstOffsetsMs must give three offsets for liveness, got %1"_s.arg(
                         timing.offsetsMs.size()));
    const VideoBurst burst = takeVideoBurst(video, startMs, timing.offsetsMs, timing.windowMs);
    bool ok = burst.error.isEmpty();
    QString error = burst.error;
    const QDateTime anchor = QDateTime::currentDateTimeUtc();
    for (int i = 0; ok && i < 3; ++i) {
        EncodeOptions options = EncodeOptions::fromSettings(settings, ImageKind::Face);
        options.captureTime =
            anchor.addMSecs(qRound64(burst.frames[i].timestampMs - burst.frames[0].timestampMs));
        const EncodeResult encoded = BudgetEncoder(options).encode(burst.frames[i].image);
        ok = encoded.ok();
        if (!ok)
            error = u"cannot encode video frame %1: %2"_s.arg(i + 1).arg(encoded.error);
        in->faces[i] = encoded.jpeg;
    }
    in->facesSource = u"video frames at %1, %2 and %3 ms (span %4 ms)"_s
                          .arg(qRound(burst.frames.value(0).timestampMs))
                          .arg(qRound(burst.frames.value(1).timestampMs))
                          .arg(qRound(burst.frames.value(2).timestampMs))
                          .arg(qRound(burst.spanMs()));
    if (!ok) {
        context.err << "kioskctl verify: " << error << '\n';
        return ExitInput;
    }
    return ExitOk;
}

// The images of the session: front and back, the three face files or the video's burst.
int loadInputs(const QCommandLineParser &parser, const VerifyOptions &options,
               const Settings &settings, Inputs *in, CommandContext &context)
{
    const QStringList faceFiles = parser.values(options.face);
    QString error;
    bool ok = readImage(parser.value(options.front), u"front"_s, &in->front, &error) &&
              readImage(parser.value(options.back), u"back"_s, &in->back, &error);
    for (int i = 0; ok && i < faceFiles.size(); ++i)
        ok = readImage(faceFiles[i], u"face %1"_s.arg(i + 1), &in->faces[i], &error);
    if (!ok) {
        context.err << "kioskctl verify: " << error << '\n';
        return ExitInput;
    }
    if (parser.isSet(options.facesVideo))
        return takeFacesFromVideo(parser.value(options.facesVideo),
                                  parser.value(options.facesStart).toDouble() * 1000, settings, in,
                                  context);
    return ExitOk;
}

// One verification against the service, step by step: each step reports itself, and the
// first failure ends the run with its exit code (exitCode()).
class VerifyRun
{
public:
    VerifyRun(api::VlensClient &client, Report &report, QTextStream &err, bool keyOnly)
        : m_client(client)
        , m_report(report)
        , m_err(err)
        , m_keyOnly(keyOnly)
    {}

    bool signIn(const QString &phone, const QString &email)
    {
        const auto session = cli::signIn(m_client, phone, email);
        if (!session->isSuccess())
            return fail(u"sign-in"_s, session->error());
        m_report.step(u"sign-in"_s, *session);
        return true;
    }

    bool sendFront(const QByteArray &image)
    {
        api::VerifyIdRequest request;
        request.image = image;
        const auto reply =
            send(m_keyOnly ? m_client.ocrIdFront(request) : m_client.verifyIdFront(request));
        if (!reply->isSuccess())
            return fail(u"ID front"_s, reply->error());
        m_report.step(u"ID front"_s, *reply, u"transaction "_s + m_transactionId);
        if (reply->result().front)
            m_report.data(u"front"_s, frontFields(*reply->result().front));
        return true;
    }

    bool sendBack(const QByteArray &image)
    {
        api::VerifyIdRequest request;
        request.image = image;
        request.transactionId = m_transactionId;
        const auto reply =
            send(m_keyOnly ? m_client.ocrIdBack(request) : m_client.verifyIdBack(request));
        if (!reply->isSuccess())
            return fail(u"ID back"_s, reply->error());
        m_report.step(u"ID back"_s, *reply);
        if (reply->result().back)
            m_report.data(u"back"_s, backFields(*reply->result().back));
        return true;
    }

    bool sendLiveness(const Inputs &in)
    {
        api::LivenessRequest request;
        request.face1 = in.faces[0];
        request.face2 = in.faces[1];
        request.face3 = in.faces[2];
        request.idFrontImage = in.front;
        request.transactionId = m_transactionId;
        const auto reply =
            send(m_keyOnly ? m_client.ocrLiveness(request) : m_client.verifyLiveness(request));
        if (!reply->isSuccess())
            return fail(u"liveness"_s, reply->error());
        m_report.step(u"liveness"_s, *reply, in.facesSource);
        m_result = reply->result();
        return true;
    }

    bool link()
    {
        const auto reply = send(m_client.linkUserWithExistingTransaction(m_transactionId));
        if (!reply->isSuccess())
            return fail(u"link"_s, reply->error());
        m_report.step(u"link"_s, *reply);
        m_result = reply->result();
        return true;
    }

    int finish() { return m_report.finish(m_result, m_transactionId); }
    int exitCode() const { return m_exitCode; }

private:
    std::unique_ptr<ApiReply<VerifyResult>> send(ApiReply<VerifyResult> *raw)
    {
        std::unique_ptr<ApiReply<VerifyResult>> reply(raw);
        reply->waitForFinished();
        if (reply->isSuccess() && !reply->result().transactionId.isEmpty())
            m_transactionId = reply->result().transactionId;
        return reply;
    }

    bool fail(const QString &step, const api::ApiError &error)
    {
        m_exitCode = m_report.fail(step, error, m_err);
        return false;
    }

    api::VlensClient &m_client;
    Report &m_report;
    QTextStream &m_err;
    bool m_keyOnly;
    QString m_transactionId;
    VerifyResult m_result;
    int m_exitCode = ExitOk;
};

} // namespace

int runVerify(CommandContext &context)
{
    QCommandLineParser parser;
    const VerifyOptions options(parser);
    CommonOptions common(parser);
    parser.addOptions({options.front, options.back, options.face, options.facesVideo,
                       options.facesStart, options.phone, options.email, options.apiKeyOnly,
                       options.linkPhone, options.showData});
    int code = ExitOk;
    const auto settings = common.parse(
        u"kioskctl verify --front F --back B (--face F1 --face F2 --face F3 | --faces-video V) "
        "(--phone P | --api-key-only [--link-phone P]) [options]"_s,
        context.arguments, context.out, context.err, &code);
    if (!settings)
        return code;
    if (const QString problem = options.usageProblem(parser); !problem.isEmpty())
        return usage(context, problem);
    Inputs in;
    if (const int loaded = loadInputs(parser, options, *settings, &in, context); loaded != ExitOk)
        return loaded;

    QNetworkAccessManager network;
    api::VlensClient client(&network, api::VlensConfig::fromSettings(*settings));
    const bool keyOnly = parser.isSet(options.apiKeyOnly);
    Report report(context.out, common.json(), parser.isSet(options.showData));
    if (!common.json())
        context.out << "Verifying against " << client.config().baseUrl.toDisplayString()
                    << (keyOnly ? " with the API key alone" : "") << '\n';
    VerifyRun run(client, report, context.err, keyOnly);
    const bool linkAfter = keyOnly && parser.isSet(options.linkPhone);
    const bool done =
        (keyOnly || run.signIn(parser.value(options.phone), parser.value(options.email))) &&
        run.sendFront(in.front) && run.sendBack(in.back) && run.sendLiveness(in) &&
        (!linkAfter || (run.signIn(parser.value(options.linkPhone), {}) && run.link()));
    return done ? run.finish() : run.exitCode();
}

} // namespace kiosk::cli
