// The sandbox's request handlers without a socket: SandboxService::handle() for the
// endpoint the path names (matched as the server matches it, case-insensitively), and the
// fault grammar of /_sandbox/faults. The input is a small HTTP-like request:
//   METHOD /path?query
//   Header: value        (@ADMIN_TOKEN@ / @USER_TOKEN@ become real bearer tokens)
//   <empty line>
//   body
#include "sandboxserver.h"
#include "sandboxservice.h"
#include "sandboxstore.h"

#include <QGuiApplication>
#include <QJsonDocument>
#include <QUrl>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace kiosk::sandbox;
using namespace Qt::StringLiterals;

namespace {

struct Sandbox
{
    SandboxOptions options;
    SandboxStore store;
    std::unique_ptr<SandboxService> service;
    QByteArray adminToken;
    QByteArray userToken;
};
Sandbox *g_sandbox = nullptr;

QByteArray accessToken(const SandboxReply &reply)
{
    const QJsonObject data =
        QJsonDocument::fromJson(reply.body).object().value("data"_L1).toObject();
    return data.value("accessToken"_L1).toString().toUtf8();
}

SandboxRequest post(const QByteArray &body)
{
    SandboxRequest request;
    request.method = "POST";
    request.headers.insert("apikey", g_sandbox->options.apiKey.toUtf8());
    request.headers.insert("tenancyname", g_sandbox->options.tenancyName.toUtf8());
    request.body = body;
    return request;
}

SandboxRequest parseRequest(const QByteArray &input)
{
    SandboxRequest request;
    qsizetype split = input.indexOf("\n\n");
    const QByteArray head = split >= 0 ? input.left(split) : input;
    request.body = split >= 0 ? input.mid(split + 2) : QByteArray();
    const QList<QByteArray> lines = head.split('\n');
    const QByteArray requestLine = lines.value(0).trimmed();
    const qsizetype space = requestLine.indexOf(' ');
    request.method = requestLine.left(space);
    const QUrl url = QUrl::fromEncoded(space >= 0 ? requestLine.mid(space + 1) : QByteArray());
    request.path = url.path();
    request.query = QUrlQuery(url);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon <= 0)
            continue;
        QByteArray value = lines.at(i).mid(colon + 1).trimmed();
        value.replace("@ADMIN_TOKEN@", g_sandbox->adminToken);
        value.replace("@USER_TOKEN@", g_sandbox->userToken);
        request.headers.insert(lines.at(i).left(colon).trimmed().toLower(), value);
    }
    request.requestId = request.header("x-request-id");
    return request;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    new QGuiApplication(*argc, *argv); // the persona cards are rendered with QPainter
    g_sandbox = new Sandbox;
    QString error;
    if (!g_sandbox->store.open(g_sandbox->options.databasePath, &error))
        qFatal("sandbox store: %s", qPrintable(error));
    g_sandbox->service = std::make_unique<SandboxService>(g_sandbox->options, g_sandbox->store);
    if (!g_sandbox->service->prepare(&error))
        qFatal("sandbox: %s", qPrintable(error));
    // Real tokens, so the fuzzer gets past authentication into the handlers.
    const QByteArray admin = R"({"userNameOrEmailAddress":")" +
                             g_sandbox->options.adminUser.toUtf8() + R"(","password":")" +
                             g_sandbox->options.adminPassword.toUtf8() + R"("})";
    g_sandbox->adminToken =
        "Bearer " +
        accessToken(g_sandbox->service->handle(Endpoint::CredentialsLogin, post(admin), {}));
    g_sandbox->userToken =
        "Bearer " + accessToken(g_sandbox->service->handle(
                        Endpoint::Register,
                        post(R"({"phoneNumber":"+201000000001","password":"fuzz-pass-1"})"), {}));
    if (g_sandbox->adminToken.size() < 20 || g_sandbox->userToken.size() < 20)
        qFatal("sandbox: no tokens for the fuzzer");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const SandboxRequest request = parseRequest(input);
    const EndpointInfo *endpoint = nullptr;
    for (const EndpointInfo &info : endpointTable()) {
        if (request.path.compare(info.path, Qt::CaseInsensitive) == 0)
            endpoint = &info;
    }
    if (!endpoint)
        return 0; // the server answers 404 without the service
    if (endpoint->endpoint == Endpoint::SandboxFaults) {
        const QString spec =
            QJsonDocument::fromJson(request.body).object().value("spec"_L1).toString();
        QString problem;
        const std::optional<Fault> fault = Fault::parse(spec, &problem);
        if (fault)
            (void)fault->toString();
        else if (problem.isEmpty())
            __builtin_trap(); // a refusal always says why
        return 0;
    }
    if (request.method != QByteArray(endpoint->method.data(), endpoint->method.size()))
        return 0; // 405 from the server
    // Each fault effect changes what the handlers answer: take them from the last byte.
    FaultEffects effects;
    const uint8_t flags = size > 0 ? data[size - 1] : 0;
    effects.expiredToken = flags & 1;
    effects.amlMatch = flags & 2;
    effects.spoof = flags & 4;
    effects.livenessFail = flags & 8;
    const SandboxReply reply = g_sandbox->service->handle(endpoint->endpoint, request, effects);
    if (reply.status < 100 || reply.status > 599)
        __builtin_trap();
    if (reply.contentType == "application/json" && QJsonDocument::fromJson(reply.body).isNull())
        __builtin_trap(); // the sandbox always sends well-formed JSON (faults aside)
    return 0;
}
