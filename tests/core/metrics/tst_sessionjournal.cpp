#include "api/vlensclient.h"
#include "capture/clock.h"
#include "cardfixture.h"
#include "flow/onboardingflow.h"
#include "metrics/sessionjournal.h"
#include "metrics/sessiontracker.h"
#include "sandboxflow.h"
#include "sandboxserver.h"
#include "specimen/idcardrenderer.h"
#include "specimen/manualclock.h"
#include "specimen/persona.h"

#include <QBuffer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <cstring>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace kiosk;
using flow::Failure;
using flow::Side;
using flow::Step;
using metrics::JournalSink;

namespace {

// The test's sink: keeps every entry.
class RecordingSink : public JournalSink
{
public:
    void send(const Fields &fields) override { entries.append(fields); }
    QByteArray field(qsizetype entry, const QByteArray &name) const
    {
        for (const auto &f : entries.at(entry)) {
            if (f.first == name)
                return f.second;
        }
        return {};
    }
    bool has(qsizetype entry, const QByteArray &name) const
    {
        for (const auto &f : entries.at(entry)) {
            if (f.first == name)
                return true;
        }
        return false;
    }
    QList<Fields> entries;
};

} // namespace

// The session events with their structured journal fields (ids and outcomes only),
// driven through the sandbox; and the production sink's datagram as journald receives
// it (read back with journalctl where journald runs, else from a journal socket of our
// own in a private mount namespace).
class tst_SessionJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void retakeThenVerified();
    void refusedCarriesTheReason();
    void systemdSinkReachesTheJournal();

private:
    void toFront();

    test::SandboxFlow m_sandbox;
    ManualClock m_clock;
    std::unique_ptr<metrics::SessionTracker> m_tracker;
    RecordingSink m_sink;
    std::unique_ptr<metrics::SessionJournal> m_journal;
    test::CardFixture m_cards;
    int m_serial = 0;
};

void tst_SessionJournal::initTestCase()
{
    m_sandbox.startWithCards(&m_cards);
    if (QTest::currentTestFailed())
        return;

    m_sandbox.makeFlow();
    m_tracker = std::make_unique<metrics::SessionTracker>(m_sandbox.flow(), m_clock);
    m_journal = std::make_unique<metrics::SessionJournal>(m_tracker.get(), &m_sink);
}

void tst_SessionJournal::toFront()
{
    m_sandbox.flow()->start(QLocale(QLocale::English));
    m_sandbox.flow()->setConsent(true);
    m_sandbox.flow()->submitCustomer(u"+20100555%1"_s.arg(++m_serial, 4, 10, QChar(u'0')),
                                     u"customer@example.com"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.flow()->step(), Step::IdFront, 10000);
}

void tst_SessionJournal::retakeThenVerified()
{
    m_sink.entries.clear();
    toFront();
    m_sandbox.fault(u"error_code=3011,path=/verify/id/front,count=1"_s);
    m_sandbox.flow()->submitDocument(Side::Front, m_cards.front);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.failures()->size(), 1, 15000);
    const Failure failure = m_sandbox.failures()->last().first().value<Failure>();
    m_sandbox.flow()->recapture();
    m_sandbox.captureToReview(m_cards);
    if (QTest::currentTestFailed())
        return;
    m_sandbox.flow()->confirmReview();
    const QByteArray transaction = m_sandbox.flow()->session().transactionId.toLatin1();
    const QByteArray lastRequest = m_sandbox.flow()->session().requestIds.constLast().toLatin1();
    QVERIFY(!transaction.isEmpty());
    m_sandbox.flow()->endSession(flow::EndReason::Finished);

    QCOMPARE(m_sink.entries.size(), 3);
    QCOMPARE(m_sink.field(0, "KIOSK_EVENT"), QByteArray("session_started"));
    QCOMPARE(m_sink.field(0, "PRIORITY"), QByteArray("6"));

    QCOMPARE(m_sink.field(1, "KIOSK_EVENT"), QByteArray("step_failed"));
    QCOMPARE(m_sink.field(1, "KIOSK_STEP"), QByteArray("id_front"));
    QCOMPARE(m_sink.field(1, "KIOSK_ERROR_CODE"), QByteArray("3011"));
    QCOMPARE(m_sink.field(1, "KIOSK_RETAKE"), QByteArray("1"));
    QVERIFY(!failure.error.requestId().isEmpty());
    QCOMPARE(m_sink.field(1, "KIOSK_REQUEST_ID"), failure.error.requestId().toLatin1());
    QVERIFY(!m_sink.has(1, "KIOSK_TRANSACTION_ID")); // none yet: the first front failed

    QCOMPARE(m_sink.field(2, "KIOSK_EVENT"), QByteArray("session_ended"));
    QCOMPARE(m_sink.field(2, "KIOSK_OUTCOME"), QByteArray("verified"));
    QCOMPARE(m_sink.field(2, "KIOSK_TRANSACTION_ID"), transaction);
    QCOMPARE(m_sink.field(2, "KIOSK_REQUEST_ID"), lastRequest);
    QCOMPARE(m_sink.field(2, "MESSAGE"), QByteArray("session ended: verified (none)"));

    // Ids and outcomes only: the phone, the e-mail and the ID number appear nowhere.
    for (const auto &entry : std::as_const(m_sink.entries)) {
        for (const auto &f : entry) {
            QVERIFY2(!f.second.contains("+20100555") && !f.second.contains("example.com") &&
                         !f.second.contains("29003150101235"),
                     f.first.constData());
        }
    }
}

void tst_SessionJournal::refusedCarriesTheReason()
{
    m_sink.entries.clear();
    toFront();
    const int before = int(m_sandbox.failures()->size());
    m_sandbox.flow()->submitDocument(Side::Front, m_cards.spoofFront);
    QTRY_COMPARE_WITH_TIMEOUT(int(m_sandbox.failures()->size()), before + 1, 15000);
    const QByteArray transaction = m_sandbox.flow()->session().transactionId.toLatin1();
    m_sandbox.flow()->endSession(flow::EndReason::AgentEnded);
    QCOMPARE(m_sink.entries.size(), 3);
    QCOMPARE(m_sink.field(1, "KIOSK_ERROR_CODE"), QByteArray("5005")); // not a real document
    QCOMPARE(m_sink.field(1, "KIOSK_RETAKE"), QByteArray("0"));
    QCOMPARE(m_sink.field(2, "KIOSK_OUTCOME"), QByteArray("refused"));
    QCOMPARE(m_sink.field(2, "KIOSK_REASON"), QByteArray("not_genuine"));
    // The refused first picture got no transaction: the field is left out, never empty.
    QCOMPARE(m_sink.has(2, "KIOSK_TRANSACTION_ID"), !transaction.isEmpty());
    QCOMPARE(m_sink.field(2, "KIOSK_TRANSACTION_ID"), transaction);
}

namespace {

// In a child with its own mount namespace: a tmpfs over /run/systemd/journal with a
// datagram socket where journald's would be, one send through the production sink,
// and the datagram written back to the parent through a pipe.
QByteArray sendToPrivateJournalSocket(const JournalSink::Fields &fields, QString *error)
{
    int pipeFds[2];
    if (::pipe(pipeFds) != 0) {
        *error = u"pipe failed"_s;
        return {};
    }
    const pid_t child = ::fork();
    if (child == 0) {
        ::close(pipeFds[0]);
        auto die = [&](const char *what) {
            const QByteArray m = QByteArray("ERROR ") + what + ": " + strerror(errno);
            (void)!::write(pipeFds[1], m.constData(), size_t(m.size()));
            ::_exit(1);
        };
        if (::unshare(CLONE_NEWNS) != 0 && ::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
            die("unshare");
        if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
            die("make-private");
        ::mkdir("/run/systemd", 0755);
        if (::mount("tmpfs", "/run/systemd", "tmpfs", 0, "mode=0755") != 0)
            die("mount tmpfs");
        ::mkdir("/run/systemd/journal", 0755);
        const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        strcpy(address.sun_path, "/run/systemd/journal/socket");
        if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
            die("bind");
        metrics::SystemdJournalSink().send(fields);
        char buffer[65536];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n <= 0)
            die("recv");
        (void)!::write(pipeFds[1], buffer, size_t(n));
        ::_exit(0);
    }
    ::close(pipeFds[1]);
    QByteArray received;
    char buffer[4096];
    ssize_t n;
    while ((n = ::read(pipeFds[0], buffer, sizeof buffer)) > 0)
        received.append(buffer, n);
    ::close(pipeFds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        *error = QString::fromLocal8Bit(received);
        return {};
    }
    return received;
}

} // namespace

void tst_SessionJournal::systemdSinkReachesTheJournal()
{
    const QByteArray marker = QUuid::createUuid().toByteArray(QUuid::Id128);
    const JournalSink::Fields fields{{"MESSAGE", "session ended: verified (none)"},
                                     {"PRIORITY", "6"},
                                     {"KIOSK_EVENT", "session_ended"},
                                     {"KIOSK_OUTCOME", "verified"},
                                     {"KIOSK_TRANSACTION_ID", "txn-1"},
                                     {"KIOSK_TEST_MARKER", marker}};
    if (QFileInfo::exists(u"/run/systemd/journal/socket"_s)) {
        // A journald runs: send for real and read it back the way log shippers do.
        metrics::SystemdJournalSink().send(fields);
        QJsonObject entry;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QProcess journalctl;
                journalctl.start(u"journalctl"_s,
                                 {u"-o"_s, u"json"_s, u"--no-pager"_s,
                                  u"KIOSK_TEST_MARKER="_s + QString::fromLatin1(marker)});
                journalctl.waitForFinished(10000);
                const QByteArray line = journalctl.readAllStandardOutput().trimmed();
                entry = QJsonDocument::fromJson(line.split('\n').constLast()).object();
                return !entry.isEmpty();
            }(),
            10000);
        QCOMPARE(entry.value(u"KIOSK_EVENT"_s).toString(), u"session_ended"_s);
        QCOMPARE(entry.value(u"KIOSK_OUTCOME"_s).toString(), u"verified"_s);
        QCOMPARE(entry.value(u"KIOSK_TRANSACTION_ID"_s).toString(), u"txn-1"_s);
        return;
    }
    // No journald here: catch the native-protocol datagram ourselves.
    QString error;
    const QByteArray datagram = sendToPrivateJournalSocket(fields, &error);
    QVERIFY2(!datagram.isEmpty(), qPrintable(u"no journald and no private namespace: "_s + error));
    const QList<QByteArray> lines = datagram.split('\n');
    QVERIFY(lines.contains("KIOSK_EVENT=session_ended"));
    QVERIFY(lines.contains("KIOSK_OUTCOME=verified"));
    QVERIFY(lines.contains("KIOSK_TRANSACTION_ID=txn-1"));
    QVERIFY(lines.contains("KIOSK_TEST_MARKER=" + marker));
    QVERIFY(lines.contains("MESSAGE=session ended: verified (none)"));
}

QTEST_MAIN(tst_SessionJournal)
#include "tst_sessionjournal.moc"
