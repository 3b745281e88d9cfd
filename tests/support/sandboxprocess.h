#pragma once

#include <QByteArray>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace kiosk::test {

// The built vlens-sandbox as its own process, as a branch's kiosk meets the service: what
// it stores (every customer's images, in memory) is not counted as the caller's memory.
// Faults go through its loopback endpoint (/_sandbox/faults).
class SandboxProcess
{
public:
    explicit SandboxProcess(QString program)
        : m_program(std::move(program))
    {}
    ~SandboxProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000))
                m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    SandboxProcess(const SandboxProcess &) = delete;
    SandboxProcess &operator=(const SandboxProcess &) = delete;

    // Starts it on a free port and waits for stdout's "vlens-sandbox listening on URL".
    bool start(QString *error)
    {
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.setStandardErrorFile(QProcess::nullDevice());
        m_process.start(m_program, {QStringLiteral("--port"), QStringLiteral("0")});
        if (!m_process.waitForStarted(10000)) {
            *error = QStringLiteral("%1 did not start: %2").arg(m_program, m_process.errorString());
            return false;
        }
        QByteArray out;
        while (!out.contains("vlens-sandbox listening on ") || !out.endsWith('\n')) {
            if (!m_process.waitForReadyRead(30000)) {
                *error =
                    QStringLiteral("vlens-sandbox said no address: %1").arg(QString::fromUtf8(out));
                return false;
            }
            out += m_process.readAllStandardOutput();
        }
        const qsizetype at = out.indexOf("http://127.0.0.1:");
        if (at < 0) {
            *error = QStringLiteral("vlens-sandbox said no loopback address: %1")
                         .arg(QString::fromUtf8(out));
            return false;
        }
        m_baseUrl = QUrl(QString::fromLatin1(out.mid(at, out.indexOf('\n', at) - at).trimmed()));
        return m_baseUrl.port() > 0;
    }

    QUrl baseUrl() const { return m_baseUrl; }

    // POST /_sandbox/faults {"spec": spec}; false (and why) when refused.
    bool inject(const QString &spec, QString *error)
    {
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("spec"), spec}})
                                    .toJson(QJsonDocument::Compact);
        return call("POST", body, error);
    }
    bool clearFaults(QString *error) { return call("DELETE", {}, error); }

    // VmRSS of the sandbox process, in MB (-1 when unreadable).
    double rssMb() const
    {
        QFile status(QStringLiteral("/proc/%1/status").arg(m_process.processId()));
        if (!status.open(QIODevice::ReadOnly))
            return -1;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
        }
        return -1;
    }

private:
    bool call(const QByteArray &verb, const QByteArray &body, QString *error)
    {
        QNetworkRequest request(m_baseUrl.resolved(QUrl(QStringLiteral("/_sandbox/faults"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        std::unique_ptr<QNetworkReply> reply(m_nam.sendCustomRequest(request, verb, body));
        QEventLoop loop;
        QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->isFinished() && status == 200)
            return true;
        *error = QStringLiteral("%1 /_sandbox/faults: HTTP %2 %3")
                     .arg(QString::fromLatin1(verb))
                     .arg(status)
                     .arg(QString::fromUtf8(reply->isFinished() ? reply->readAll() : "no answer"));
        return false;
    }

    QString m_program;
    QProcess m_process;
    QNetworkAccessManager m_nam;
    QUrl m_baseUrl;
};

} // namespace kiosk::test
