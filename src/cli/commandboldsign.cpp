#include "commands.h"
#include "commonoptions.h"
#include "servicecalls.h"

#include "api/boldsignclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTextStream>

#include <memory>

using namespace Qt::StringLiterals;

namespace kiosk::cli {

namespace {

// Options shared by both BoldSign commands: the signer and the BoldSign account.
class BoldSignOptions
{
public:
    explicit BoldSignOptions(QCommandLineParser &parser)
        : m_parser(parser)
        , m_common(parser)
        , m_url(u"boldsign-url"_s, u"BoldSign base URL (or KIOSK_BOLDSIGN_BASE_URL)."_s, u"url"_s)
        , m_keyFile(u"boldsign-key-file"_s,
                    u"File with the BoldSign API key, chmod 600 (or KIOSK_BOLDSIGN_API_KEY)."_s,
                    u"file"_s)
        , m_email(u"email"_s, u"The signer's email (email delivery)."_s, u"address"_s)
        , m_countryCode(u"country-code"_s, u"The signer's country code (SMS delivery)."_s,
                        u"code"_s)
        , m_phone(u"phone"_s, u"The signer's phone number (SMS delivery)."_s, u"number"_s)
        , m_order(u"order"_s, u"The signer's order."_s, u"n"_s, u"1"_s)
        , m_onBehalfOf(u"on-behalf-of"_s, u"The sender identity fetched on behalf of."_s,
                       u"email"_s)
    {
        parser.addOptions(
            {m_url, m_keyFile, m_email, m_countryCode, m_phone, m_order, m_onBehalfOf});
    }

    std::unique_ptr<api::BoldSignClient> start(const QString &synopsis, CommandContext &context,
                                               int *code)
    {
        m_settings = m_common.parse(synopsis, context.arguments, context.out, context.err, code);
        if (!m_settings)
            return nullptr;
        using K = Settings::Key;
        if (m_parser.isSet(m_url))
            m_settings->setOverride(K::BoldSignBaseUrl, m_parser.value(m_url));
        if (m_parser.isSet(m_keyFile)) {
            QString error;
            const QString key = readSecretFile(m_parser.value(m_keyFile), &error);
            if (key.isEmpty()) {
                context.err << "kioskctl: " << error << '\n';
                *code = ExitInput;
                return nullptr;
            }
            m_settings->setOverride(K::BoldSignApiKey, key);
        }
        const bool byEmail = m_parser.isSet(m_email);
        const bool bySms = m_parser.isSet(m_countryCode) || m_parser.isSet(m_phone);
        if (byEmail == bySms ||
            (bySms && (!m_parser.isSet(m_countryCode) || !m_parser.isSet(m_phone)))) {
            context.err << "kioskctl: name the signer with --email, or with --country-code and "
                           "--phone\n";
            *code = ExitUsage;
            return nullptr;
        }
        m_signer.emailId = m_parser.value(m_email);
        m_signer.countryCode = m_parser.value(m_countryCode);
        m_signer.phoneNumber = m_parser.value(m_phone);
        m_signer.order = m_parser.value(m_order).toInt();
        m_signer.onBehalfOf = m_parser.value(m_onBehalfOf);
        return std::make_unique<api::BoldSignClient>(
            &m_network, api::BoldSignConfig::fromSettings(*m_settings));
    }

    const api::BoldSignSigner &signer() const { return m_signer; }
    bool json() const { return m_common.json(); }

private:
    QCommandLineParser &m_parser;
    CommonOptions m_common;
    QCommandLineOption m_url, m_keyFile, m_email, m_countryCode, m_phone, m_order, m_onBehalfOf;
    std::unique_ptr<Settings> m_settings;
    QNetworkAccessManager m_network;
    api::BoldSignSigner m_signer;
};

QString dateText(const api::BoldSignDate &date)
{
    const QDate d = date.toDate();
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

} // namespace

int runBoldSignReport(CommandContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Fetches a signer's identity-verification report from BoldSign: the result, the "
        "document's type and the file ids of its images."_s);
    parser.addPositionalArgument(u"document"_s, u"The BoldSign document id."_s);
    BoldSignOptions options(parser);
    int code = ExitOk;
    const auto client = options.start(
        u"kioskctl boldsign report DOCUMENT_ID (--email E | --country-code C --phone P)"_s, context,
        &code);
    if (!client)
        return code;
    if (parser.positionalArguments().size() != 1) {
        context.err << "kioskctl boldsign report: give one document id\n";
        return ExitUsage;
    }
    std::unique_ptr<api::ApiReply<api::BoldSignReport>> reply(
        client->report(parser.positionalArguments().first(), options.signer()));
    if (!reply->waitForFinished()) {
        context.err << "kioskctl: " << describeFailure(u"BoldSign report"_s, reply->error())
                    << '\n';
        return exitCodeFor(reply->error());
    }
    const api::BoldSignReport &r = reply->result();
    QJsonArray files;
    for (const QString &id : r.document.documentFiles)
        files.append(id);
    const QJsonObject object{
        {u"verificationResult"_s, r.verificationResult},
        {u"verifiedDate"_s, r.verifiedDate},
        {u"documentType"_s, r.document.type},
        {u"country"_s, r.document.country},
        {u"expirationDate"_s, dateText(r.document.expirationDate)},
        {u"documentFiles"_s, files},
        {u"selfieFile"_s, r.document.selfieFile},
        {u"error"_s, r.errorCode.isEmpty() ? QJsonValue()
                                           : QJsonValue(r.errorCode + u": "_s + r.errorMessage)}};
    if (options.json()) {
        context.out << QJsonDocument(object).toJson();
        return ExitOk;
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        QString value = it.value().isArray() ? QString() : it.value().toString();
        if (it.value().isArray()) {
            QStringList ids;
            for (const auto &v : it.value().toArray())
                ids << v.toString();
            value = ids.join(u", "_s);
        }
        if (!value.isEmpty())
            context.out << it.key().leftJustified(20) << value << '\n';
    }
    return ExitOk;
}

int runBoldSignImage(CommandContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Downloads one identity-verification image from BoldSign to a file readable only by "
        "you (its format is detected from its first bytes)."_s);
    parser.addPositionalArgument(u"document"_s, u"The BoldSign document id."_s);
    parser.addPositionalArgument(u"file"_s, u"A file id from kioskctl boldsign report."_s);
    const QCommandLineOption output(QStringList{u"o"_s, u"output"_s}, u"Where to save it."_s,
                                    u"path"_s);
    const QCommandLineOption force(u"force"_s, u"Replace the output file if it exists."_s);
    parser.addOptions({output, force});
    BoldSignOptions options(parser);
    int code = ExitOk;
    const auto client = options.start(u"kioskctl boldsign image DOCUMENT_ID FILE_ID -o OUT "
                                      "(--email E | --country-code C --phone P)"_s,
                                      context, &code);
    if (!client)
        return code;
    if (parser.positionalArguments().size() != 2 || !parser.isSet(output)) {
        context.err << "kioskctl boldsign image: give DOCUMENT_ID FILE_ID and -o OUT\n";
        return ExitUsage;
    }
    std::unique_ptr<api::ApiReply<api::BoldSignImage>> reply(client->image(
        parser.positionalArguments().at(0), options.signer(), parser.positionalArguments().at(1)));
    if (!reply->waitForFinished()) {
        context.err << "kioskctl: " << describeFailure(u"BoldSign image"_s, reply->error()) << '\n';
        return exitCodeFor(reply->error());
    }
    QString error;
    if (!saveImageFile(parser.value(output), reply->result().bytes, parser.isSet(force), &error)) {
        context.err << "kioskctl: " << error << '\n';
        return ExitInput;
    }
    const QString mime = api::mimeType(reply->result().format);
    if (options.json())
        context.out << QJsonDocument(QJsonObject{{u"file"_s, parser.value(output)},
                                                 {u"bytes"_s, reply->result().bytes.size()},
                                                 {u"format"_s, mime}})
                           .toJson();
    else
        context.out << "saved " << reply->result().bytes.size() << " bytes (" << mime << ") to "
                    << parser.value(output) << '\n';
    return ExitOk;
}

} // namespace kiosk::cli
