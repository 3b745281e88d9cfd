#include "textfilepublisher.h"

#include "metricslog.h"

#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace kiosk::metrics {

namespace {

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// The exporter's group id, or -1 when the group does not exist on this host.
gid_t exporterGroup()
{
    struct group storage;
    struct group *result = nullptr;
    char buffer[4096];
    if (getgrnam_r(TextfilePublisher::ExporterGroup, &storage, buffer, sizeof buffer, &result) !=
            0 ||
        !result)
        return gid_t(-1);
    return result->gr_gid;
}

} // namespace

TextfilePublisher::TextfilePublisher(QString directory, Source source, QObject *parent)
    : QObject(parent)
    , m_directory(std::move(directory))
    , m_source(std::move(source))
{
    connect(&m_timer, &QTimer::timeout, this, &TextfilePublisher::publish);
}

QString TextfilePublisher::filePath() const
{
    return QDir(m_directory).filePath(m_fileName);
}

void TextfilePublisher::start(int intervalMs)
{
    publish();
    m_timer.start(qMax(1000, intervalMs));
}

void TextfilePublisher::stop()
{
    m_timer.stop();
}

QString TextfilePublisher::checkDirectory(const QString &directory)
{
    if (directory.isEmpty())
        return u"no metrics directory is configured (metrics/textfileDir)"_s;
    const QFileInfo info(directory);
    if (!info.exists())
        return u"the metrics directory %1 does not exist"_s.arg(directory);
    if (!info.isDir())
        return u"%1 is not a directory"_s.arg(directory);
    if (::access(QFile::encodeName(directory).constData(), W_OK | X_OK) != 0)
        return u"the metrics directory %1 is not writable: %2"_s.arg(directory, errnoText(errno));
    return {};
}

bool TextfilePublisher::write(const QByteArray &data, QString *problem) const
{
    if (const QString why = checkDirectory(m_directory); !why.isEmpty()) {
        *problem = why;
        return false;
    }
    const QByteArray target = QFile::encodeName(filePath());
    // node_exporter reads only *.prom: the hidden .tmp name is never collected.
    const QByteArray temp = QFile::encodeName(
        QDir(m_directory).filePath(u".%1.%2.tmp"_s.arg(m_fileName).arg(::getpid())));
    const int fd = ::open(temp.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) {
        *problem = u"cannot create %1: %2"_s.arg(QFile::decodeName(temp), errnoText(errno));
        return false;
    }
    auto fail = [&](const QString &what) {
        *problem = u"%1 %2: %3"_s.arg(what, QFile::decodeName(temp), errnoText(errno));
        ::close(fd);
        ::unlink(temp.constData());
        return false;
    };
    // The umask may have taken bits away; the group read bit is what the exporter needs.
    if (::fchmod(fd, 0640) != 0)
        return fail(u"cannot set the mode of"_s);
    if (const gid_t gid = exporterGroup(); gid != gid_t(-1) && ::fchown(fd, uid_t(-1), gid) != 0)
        return fail(u"cannot give the group %1 to"_s.arg(QLatin1String(ExporterGroup)));
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return fail(u"cannot write"_s);
        done += n;
    }
    if (::fsync(fd) != 0)
        return fail(u"cannot sync"_s);
    if (::close(fd) != 0) {
        *problem = u"cannot close %1: %2"_s.arg(QFile::decodeName(temp), errnoText(errno));
        ::unlink(temp.constData());
        return false;
    }
    if (::rename(temp.constData(), target.constData()) != 0) {
        *problem = u"cannot rename %1 to %2: %3"_s.arg(QFile::decodeName(temp),
                                                       QFile::decodeName(target), errnoText(errno));
        ::unlink(temp.constData());
        return false;
    }
    return true;
}

bool TextfilePublisher::publish()
{
    QString problem;
    if (!write(m_source(), &problem)) {
        if (!m_warned) {
            qCWarning(lcMetrics).noquote()
                << "metrics not published:" << problem
                << "(the kiosk keeps working; fix the directory, see kioskctl doctor)";
            m_warned = true;
        }
        m_problem = problem;
        Q_EMIT failed(problem);
        return false;
    }
    if (m_warned)
        qCInfo(lcMetrics).noquote() << "metrics published again to" << filePath();
    m_warned = false;
    m_problem.clear();
    Q_EMIT published(filePath());
    return true;
}

} // namespace kiosk::metrics
