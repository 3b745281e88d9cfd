#include "commands.h"
#include "commonoptions.h"
#include "servicecalls.h"

#include "api/imageformat.h"
#include "api/vlensclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTextStream>

#include <memory>

using namespace Qt::StringLiterals;

namespace kiosk::cli {

namespace {

// Options and sign-in shared by the audit commands: they need an admin (agent) account
// with the `Requests` permission.
class AdminSession
{
public:
    explicit AdminSession(QCommandLineParser &parser)
        : m_common(parser)
        , m_user(u"admin-user"_s, u"Admin user name or email (or KIOSK_AGENT_USER)."_s, u"name"_s)
        , m_passwordFile(u"admin-password-file"_s,
                         u"File with the admin password, chmod 600 (or KIOSK_AGENT_PASSWORD)."_s,
                         u"file"_s)
        , m_parser(parser)
    {
        parser.addOptions({m_user, m_passwordFile});
    }

    // Parses the arguments and signs in; returns the client, or nullptr with *code set.
    api::VlensClient *start(const QString &synopsis, CommandContext &context, int *code)
    {
        m_settings = m_common.parse(synopsis, context.arguments, context.out, context.err, code);
        if (!m_settings)
            return nullptr;
        using K = Settings::Key;
        if (m_parser.isSet(m_user))
            m_settings->setOverride(K::AgentUserName, m_parser.value(m_user));
        if (m_parser.isSet(m_passwordFile)) {
            QString error;
            const QString password = readSecretFile(m_parser.value(m_passwordFile), &error);
            if (password.isEmpty()) {
                context.err << "kioskctl: " << error << '\n';
                *code = ExitInput;
                return nullptr;
            }
            m_settings->setOverride(K::AgentPassword, password);
        }
        const QString user = m_settings->string(K::AgentUserName);
        const QString password = m_settings->string(K::AgentPassword);
        if (user.isEmpty() || password.isEmpty()) {
            context.err << "kioskctl: the audit commands need an admin account: --admin-user "
                           "(or KIOSK_AGENT_USER) and KIOSK_AGENT_PASSWORD or "
                           "--admin-password-file\n";
            *code = ExitUsage;
            return nullptr;
        }
        m_client = std::make_unique<api::VlensClient>(&m_network,
                                                      api::VlensConfig::fromSettings(*m_settings));
        std::unique_ptr<api::ApiReply<api::TokenResult>> login(
            m_client->loginAdmin(user, password));
        if (!login->waitForFinished()) {
            context.err << "kioskctl: " << describeFailure(u"admin sign-in"_s, login->error())
                        << '\n';
            *code = exitCodeFor(login->error());
            return nullptr;
        }
        return m_client.get();
    }

    bool json() const { return m_common.json(); }

private:
    CommonOptions m_common;
    QCommandLineOption m_user;
    QCommandLineOption m_passwordFile;
    QCommandLineParser &m_parser;
    std::unique_ptr<Settings> m_settings;
    QNetworkAccessManager m_network;
    std::unique_ptr<api::VlensClient> m_client;
};

} // namespace

int runAuditImages(CommandContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Lists the stored verification images of a customer (file names; fetch one with "
        "kioskctl audit image)."_s);
    parser.addPositionalArgument(u"customer"_s, u"The customer's phone (E.164) or email."_s);
    AdminSession admin(parser);
    int code = ExitOk;
    api::VlensClient *client =
        admin.start(u"kioskctl audit images PHONE_OR_EMAIL [options]"_s, context, &code);
    if (!client)
        return code;
    if (parser.positionalArguments().size() != 1) {
        context.err << "kioskctl audit images: give one phone number or email\n";
        return ExitUsage;
    }
    std::unique_ptr<api::ApiReply<api::IdentityImages>> reply(
        client->getUserDigitalIdentityImages(parser.positionalArguments().first()));
    if (!reply->waitForFinished()) {
        context.err << "kioskctl: " << describeFailure(u"image list"_s, reply->error()) << '\n';
        return exitCodeFor(reply->error());
    }
    const api::IdentityImages &images = reply->result();
    const QList<QPair<QString, QString>> rows{
        {u"idFrontImage"_s, images.idFrontImage},
        {u"idBackImage"_s, images.idBackImage},
        {u"livenessImage"_s, images.livenessImage},
        {u"livenessFace01Image"_s, images.livenessFace01Image},
        {u"livenessFace02Image"_s, images.livenessFace02Image},
        {u"livenessFace03Image"_s, images.livenessFace03Image}};
    QJsonObject object;
    for (const auto &[name, file] : rows) {
        object.insert(name, file.isEmpty() ? QJsonValue() : QJsonValue(file));
        if (!admin.json())
            context.out << name.leftJustified(21) << (file.isEmpty() ? u"(none)"_s : file) << '\n';
    }
    if (admin.json())
        context.out << QJsonDocument(object).toJson();
    return ExitOk;
}

int runAuditImage(CommandContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Downloads one stored verification image to a file readable only by you. This is a "
        "customer's personal data: delete it when the audit is done."_s);
    parser.addPositionalArgument(u"transaction"_s, u"The transaction id (uuid)."_s);
    parser.addPositionalArgument(u"file"_s, u"The file name from kioskctl audit images."_s);
    const QCommandLineOption output(QStringList{u"o"_s, u"output"_s}, u"Where to save it."_s,
                                    u"path"_s);
    const QCommandLineOption force(u"force"_s, u"Replace the output file if it exists."_s);
    const QCommandLineOption tenant(u"impersonated-tenant"_s,
                                    u"ImpersonatedTenantId (host administrators)."_s, u"id"_s);
    const QCommandLineOption logId(u"log-id"_s, u"LogId of the step."_s, u"id"_s);
    parser.addOptions({output, force, tenant, logId});
    AdminSession admin(parser);
    int code = ExitOk;
    api::VlensClient *client =
        admin.start(u"kioskctl audit image TRANSACTION FILE -o OUT [options]"_s, context, &code);
    if (!client)
        return code;
    if (parser.positionalArguments().size() != 2 || !parser.isSet(output)) {
        context.err << "kioskctl audit image: give TRANSACTION FILE and -o OUT\n";
        return ExitUsage;
    }
    api::StepImageRequest request;
    request.transactionId = parser.positionalArguments().at(0);
    request.fileName = parser.positionalArguments().at(1);
    if (parser.isSet(tenant))
        request.impersonatedTenantId = parser.value(tenant).toInt();
    request.logId = parser.value(logId);
    std::unique_ptr<api::ApiReply<api::StepImage>> reply(client->getStepImage(request));
    if (!reply->waitForFinished()) {
        context.err << "kioskctl: " << describeFailure(u"image download"_s, reply->error()) << '\n';
        return exitCodeFor(reply->error());
    }
    const QByteArray &bytes = reply->result().bytes;
    QString error;
    if (!saveImageFile(parser.value(output), bytes, parser.isSet(force), &error)) {
        context.err << "kioskctl: " << error << '\n';
        return ExitInput;
    }
    const auto format = api::detectImageFormat(bytes);
    if (admin.json())
        context.out << QJsonDocument(QJsonObject{{u"file"_s, parser.value(output)},
                                                 {u"bytes"_s, bytes.size()},
                                                 {u"format"_s, api::mimeType(format)}})
                           .toJson();
    else
        context.out << "saved " << bytes.size() << " bytes (" << api::mimeType(format) << ") to "
                    << parser.value(output) << '\n';
    return ExitOk;
}

} // namespace kiosk::cli
