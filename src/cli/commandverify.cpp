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

// Registers the customer; if the service refuses because the phone is known, and a
// password is in KIOSK_CUSTOMER_PASSWORD, logs in instead.
std::unique_ptr<ApiReply<api::SessionResult>> signIn(api::VlensClient &client, const QString &phone,
                                                     const QString &email)
{
    api::RegisterRequest request;
    request.phoneNumber = phone;
    request.email = email;
    std::unique_ptr<ApiReply<api::SessionResult>> reply(client.registerUser(request));
    reply->waitForFinished();
    const QString password = qEnvironmentVariable("KIOSK_CUSTOMER_PASSWORD");
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

} // namespace

int runVerify(CommandContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Runs a whole verification from image files: ID front, ID back, then the three "
        "face frames for liveness, and prints each step and the outcome. Exit code 0 only "
        "when the customer is verified."_s);
    CommonOptions common(parser);
    const QCommandLineOption front(u"front"_s, u"ID front image (JPEG or PNG)."_s, u"file"_s);
    const QCommandLineOption back(u"back"_s, u"ID back image."_s, u"file"_s);
    const QCommandLineOption face(u"face"_s, u"A face frame; give three."_s, u"file"_s);
    const QCommandLineOption facesVideo(
        u"faces-video"_s,
        u"Take the three face frames from a video, inside the 0.5 s window, by its own "
        "timestamps."_s,
        u"file"_s);
    const QCommandLineOption facesStart(
        u"faces-start"_s, u"Where in the video the burst starts (seconds)."_s, u"s"_s, u"0"_s);
    const QCommandLineOption phone(u"phone"_s,
                                   u"Register (or, with KIOSK_CUSTOMER_PASSWORD, log in) this "
                                   "customer and verify with the user token."_s,
                                   u"e164"_s);
    const QCommandLineOption email(u"email"_s, u"The customer's email, with --phone."_s,
                                   u"address"_s);
    const QCommandLineOption apiKeyOnly(u"api-key-only"_s,
                                        u"Capture with the API key alone (/v1/ocr/...)."_s);
    const QCommandLineOption linkPhone(u"link-phone"_s,
                                       u"With --api-key-only: then register this customer and "
                                       "link the transaction to them."_s,
                                       u"e164"_s);
    const QCommandLineOption showData(u"show-data"_s,
                                      u"Print the OCR fields (personal data) as well."_s);
    parser.addOptions(
        {front, back, face, facesVideo, facesStart, phone, email, apiKeyOnly, linkPhone, showData});

    int code = ExitOk;
    const auto settings = common.parse(
        u"kioskctl verify --front F --back B (--face F1 --face F2 --face F3 | --faces-video V) "
        "(--phone P | --api-key-only [--link-phone P]) [options]"_s,
        context.arguments, context.out, context.err, &code);
    if (!settings)
        return code;

    auto usage = [&context](const QString &message) {
        context.err << "kioskctl verify: " << message << " (see kioskctl verify --help)\n";
        return ExitUsage;
    };
    if (!parser.isSet(front) || !parser.isSet(back))
        return usage(u"--front and --back are required"_s);
    const QStringList faceFiles = parser.values(face);
    if (parser.isSet(facesVideo) == !faceFiles.isEmpty())
        return usage(u"give either three --face files or --faces-video"_s);
    if (!faceFiles.isEmpty() && faceFiles.size() != 3)
        return usage(u"liveness needs exactly three --face files, got %1"_s.arg(faceFiles.size()));
    if (parser.isSet(phone) == parser.isSet(apiKeyOnly))
        return usage(u"give either --phone (verify as that customer) or --api-key-only"_s);
    if (parser.isSet(linkPhone) && !parser.isSet(apiKeyOnly))
        return usage(u"--link-phone goes with --api-key-only"_s);

    Inputs in;
    QString error;
    bool ok = readImage(parser.value(front), u"front"_s, &in.front, &error) &&
              readImage(parser.value(back), u"back"_s, &in.back, &error);
    for (int i = 0; ok && i < faceFiles.size(); ++i)
        ok = readImage(faceFiles[i], u"face %1"_s.arg(i + 1), &in.faces[i], &error);
    if (ok && parser.isSet(facesVideo)) {
        // The kiosk's burst: offsets and window from the settings (face/burstOffsetsMs,
        // face/burstMaxSpanMs), three frames as the liveness endpoint takes.
        const BurstOptions timing = BurstOptions::fromSettings(*settings);
        if (timing.offsetsMs.size() != 3)
            return usage(u"face/burstOffsetsMs must give three offsets for liveness, got %1"_s.arg(
                timing.offsetsMs.size()));
        const VideoBurst burst =
            takeVideoBurst(parser.value(facesVideo), parser.value(facesStart).toDouble() * 1000,
                           timing.offsetsMs, timing.windowMs);
        ok = burst.error.isEmpty();
        error = burst.error;
        // As the kiosk does: each face under its budget, with its capture time in EXIF (the
        // video's own spacing, anchored at now, so the 0.5 s window shows in the files).
        const QDateTime anchor = QDateTime::currentDateTimeUtc();
        for (int i = 0; ok && i < 3; ++i) {
            EncodeOptions options = EncodeOptions::fromSettings(*settings, ImageKind::Face);
            options.captureTime = anchor.addMSecs(
                qRound64(burst.frames[i].timestampMs - burst.frames[0].timestampMs));
            const EncodeResult encoded = BudgetEncoder(options).encode(burst.frames[i].image);
            ok = encoded.ok();
            if (!ok)
                error = u"cannot encode video frame %1: %2"_s.arg(i + 1).arg(encoded.error);
            in.faces[i] = encoded.jpeg;
        }
        in.facesSource = u"video frames at %1, %2 and %3 ms (span %4 ms)"_s
                             .arg(qRound(burst.frames.value(0).timestampMs))
                             .arg(qRound(burst.frames.value(1).timestampMs))
                             .arg(qRound(burst.frames.value(2).timestampMs))
                             .arg(qRound(burst.spanMs()));
    }
    if (!ok) {
        context.err << "kioskctl verify: " << error << '\n';
        return ExitInput;
    }

    QNetworkAccessManager network;
    api::VlensClient client(&network, api::VlensConfig::fromSettings(*settings));
    const bool keyOnly = parser.isSet(apiKeyOnly);
    Report report(context.out, common.json(), parser.isSet(showData));
    if (!common.json())
        context.out << "Verifying against " << client.config().baseUrl.toDisplayString()
                    << (keyOnly ? " with the API key alone" : "") << '\n';

    if (!keyOnly) {
        const auto session = signIn(client, parser.value(phone), parser.value(email));
        if (!session->isSuccess())
            return report.fail(u"sign-in"_s, session->error(), context.err);
        report.step(u"sign-in"_s, *session);
    }

    QString transactionId;
    auto runStep = [&transactionId](ApiReply<VerifyResult> *raw) {
        std::unique_ptr<ApiReply<VerifyResult>> reply(raw);
        reply->waitForFinished();
        if (reply->isSuccess() && !reply->result().transactionId.isEmpty())
            transactionId = reply->result().transactionId;
        return reply;
    };

    api::VerifyIdRequest frontRequest;
    frontRequest.image = in.front;
    const auto frontReply =
        runStep(keyOnly ? client.ocrIdFront(frontRequest) : client.verifyIdFront(frontRequest));
    if (!frontReply->isSuccess())
        return report.fail(u"ID front"_s, frontReply->error(), context.err);
    report.step(u"ID front"_s, *frontReply, u"transaction "_s + transactionId);
    if (frontReply->result().front)
        report.data(u"front"_s, frontFields(*frontReply->result().front));

    api::VerifyIdRequest backRequest;
    backRequest.image = in.back;
    backRequest.transactionId = transactionId;
    const auto backReply =
        runStep(keyOnly ? client.ocrIdBack(backRequest) : client.verifyIdBack(backRequest));
    if (!backReply->isSuccess())
        return report.fail(u"ID back"_s, backReply->error(), context.err);
    report.step(u"ID back"_s, *backReply);
    if (backReply->result().back)
        report.data(u"back"_s, backFields(*backReply->result().back));

    api::LivenessRequest liveness;
    liveness.face1 = in.faces[0];
    liveness.face2 = in.faces[1];
    liveness.face3 = in.faces[2];
    liveness.idFrontImage = in.front;
    liveness.transactionId = transactionId;
    const auto livenessReply =
        runStep(keyOnly ? client.ocrLiveness(liveness) : client.verifyLiveness(liveness));
    if (!livenessReply->isSuccess())
        return report.fail(u"liveness"_s, livenessReply->error(), context.err);
    report.step(u"liveness"_s, *livenessReply, in.facesSource);
    VerifyResult result = livenessReply->result();

    if (keyOnly && parser.isSet(linkPhone)) {
        const auto session = signIn(client, parser.value(linkPhone), {});
        if (!session->isSuccess())
            return report.fail(u"sign-in"_s, session->error(), context.err);
        report.step(u"sign-in"_s, *session);
        const auto link = runStep(client.linkUserWithExistingTransaction(transactionId));
        if (!link->isSuccess())
            return report.fail(u"link"_s, link->error(), context.err);
        report.step(u"link"_s, *link);
        result = link->result();
    }
    return report.finish(result, transactionId);
}

} // namespace kiosk::cli
