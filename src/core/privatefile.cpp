#include "privatefile.h"

#include "api/imageformat.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace kiosk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("PrivateFile", text);
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool writeAll(int fd, const QByteArray &bytes)
{
    const char *data = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, size_t(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += n;
        left -= n;
    }
    return true;
}

} // namespace

bool writePrivateFile(const QString &path, const QByteArray &bytes, bool replace, QString *error)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat st = {};
    bool exists = false;
    if (::lstat(native.constData(), &st) == 0) {
        if (S_ISLNK(st.st_mode))
            return fail(
                error,
                tr("%1 is a symbolic link: it is not followed, nothing was saved").arg(path));
        if (!S_ISREG(st.st_mode))
            return fail(error, tr("%1 is not a regular file: nothing was saved").arg(path));
        if (!replace)
            return fail(error, tr("%1 already exists").arg(path));
        exists = true;
    } else if (errno != ENOENT) {
        return fail(error, tr("%1 could not be written: %2")
                               .arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    }

    if (!exists) {
        // O_EXCL also refuses a symbolic link planted after the check above.
        const int fd =
            ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0) {
            if (errno == EEXIST)
                return fail(error, tr("%1 already exists").arg(path));
            return fail(error, tr("%1 could not be written: %2")
                                   .arg(path, QString::fromLocal8Bit(std::strerror(errno))));
        }
        const bool written = writeAll(fd, bytes);
        const int savedErrno = errno;
        if (::close(fd) != 0 || !written) {
            ::unlink(native.constData());
            return fail(error, tr("%1 could not be written: %2")
                                   .arg(path, QString::fromLocal8Bit(
                                                  std::strerror(written ? errno : savedErrno))));
        }
        return true;
    }

    // Replace: a new 0600 file (QTemporaryFile creates it so) renamed over the old one.
    // rename(2) is atomic and replaces a link planted meanwhile instead of following it.
    QTemporaryFile file(QFileInfo(path).absolutePath() + u"/.kiosk-private-XXXXXX"_s);
    if (!file.open())
        return fail(error, tr("%1 could not be written: %2").arg(path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(bytes) != bytes.size() || !file.flush())
        return fail(error, tr("%1 could not be written: %2").arg(path, file.errorString()));
    if (std::rename(QFile::encodeName(file.fileName()).constData(), native.constData()) != 0)
        return fail(error, tr("%1 could not be replaced").arg(path));
    file.setAutoRemove(false);
    return true;
}

bool writePrivateImageFile(const QString &path, const QByteArray &bytes, bool replace,
                           QString *error)
{
    if (api::detectImageFormat(bytes) == api::ImageFormat::Unknown)
        return fail(error, tr("the data is not an image (its first bytes match no known image "
                              "format): nothing was saved to %1")
                               .arg(path));
    return writePrivateFile(path, bytes, replace, error);
}

} // namespace kiosk
