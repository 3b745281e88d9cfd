// The EXIF writer's reader side: the JPEG header walk and the capture-time reader on any
// bytes, and the writer/reader round trip on every header the walk accepts.
#include "imaging/jpegmetadata.h"

#include <cstddef>
#include <cstdint>

using namespace kiosk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray jpeg(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)captureTime(jpeg);
    const QList<quint8> markers = jpegSegmentMarkers(jpeg);

    const QDateTime captured(QDate(2026, 11, 26), QTime(12, 34, 56, 789));
    const QByteArray stamped = withCaptureTime(jpeg, captured);
    if (stamped.isEmpty())
        return 0;
    // Whatever the writer accepts, the reader reads back to the millisecond, with exactly
    // one more segment (APP1) in the header.
    const std::optional<QDateTime> read = captureTime(stamped);
    if (!read || *read != captured)
        __builtin_trap();
    if (stamped.size() != jpeg.size() + captureTimeSegmentSize())
        __builtin_trap();
    const QList<quint8> after = jpegSegmentMarkers(stamped);
    if (after.size() != markers.size() + 1 || !after.contains(quint8(0xe1)))
        __builtin_trap();
    return 0;
}
