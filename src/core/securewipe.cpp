#include "securewipe.h"

#include "logging.h"

#include <opencv2/core/mat.hpp>

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#include <string.h>

using namespace Qt::StringLiterals;

namespace kiosk {

namespace {

// A buffer on the heap (not a literal, not raw data) that we may write.
template<typename T>
bool isOwnedHeap(T &value, Shared shared)
{
    if (value.data_ptr().d_ptr() == nullptr) // static or QByteArray::fromRawData
        return false;
    return shared == Shared::Zero || value.isDetached();
}

} // namespace

void secureZero(void *data, std::size_t size)
{
    if (data && size > 0)
        explicit_bzero(data, size);
}

bool secureZero(QByteArray &bytes, Shared shared)
{
    if (bytes.isEmpty() || !isOwnedHeap(bytes, shared))
        return false;
    // Through the const pointer: data() would detach (copy) a shared buffer first.
    secureZero(const_cast<char *>(bytes.constData()), std::size_t(bytes.size()));
    return true;
}

bool secureZero(QString &text, Shared shared)
{
    if (text.isEmpty() || !isOwnedHeap(text, shared))
        return false;
    secureZero(const_cast<QChar *>(text.constData()), std::size_t(text.size()) * sizeof(QChar));
    return true;
}

bool secureZero(QImage &image, Shared shared)
{
    // A shared image is never written, whatever `shared` says: QImage cannot tell its own
    // heap from read-only memory it was handed (QImage(const uchar *, ...)). Alone, bits()
    // is the image's own buffer (or, for read-only memory, a private copy: harmless).
    Q_UNUSED(shared)
    if (image.isNull() || !image.isDetached())
        return false;
    secureZero(image.bits(), std::size_t(image.sizeInBytes()));
    return true;
}

bool secureZero(cv::Mat &mat, Shared shared)
{
    // u is null for a Mat over memory OpenCV did not allocate: not ours to write.
    if (mat.empty() || !mat.u || !mat.datastart || mat.dataend <= mat.datastart)
        return false;
    if (shared == Shared::Keep && mat.u->refcount != 1)
        return false;
    secureZero(const_cast<uchar *>(mat.datastart), std::size_t(mat.dataend - mat.datastart));
    return true;
}

bool secureWipe(QByteArray &bytes, Shared shared)
{
    const bool zeroed = secureZero(bytes, shared);
    bytes = QByteArray();
    return zeroed;
}

bool secureWipe(QString &text, Shared shared)
{
    const bool zeroed = secureZero(text, shared);
    text = QString();
    return zeroed;
}

bool secureWipe(QImage &image, Shared shared)
{
    const bool zeroed = secureZero(image, shared);
    image = QImage();
    return zeroed;
}

bool secureWipe(cv::Mat &mat, Shared shared)
{
    const bool zeroed = secureZero(mat, shared);
    mat.release();
    return zeroed;
}

bool disableCoreDumps(QString *error)
{
    const auto fail = [error](const char *what) {
        const QString reason =
            u"%1 failed: %2"_s.arg(QLatin1String(what), QString::fromLocal8Bit(strerror(errno)));
        if (error)
            *error = reason;
        qCWarning(lcSettings).noquote() << "core dumps not disabled:" << reason;
        return false;
    };
    const rlimit none{0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0)
        return fail("setrlimit(RLIMIT_CORE, 0)");
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        return fail("prctl(PR_SET_DUMPABLE, 0)");
    return true;
}

} // namespace kiosk
