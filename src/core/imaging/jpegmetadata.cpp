#include "jpegmetadata.h"

namespace kiosk {

namespace {

constexpr quint16 kTagExifIfd = 0x8769;
constexpr quint16 kTagDateTimeOriginal = 0x9003;
constexpr quint16 kTagSubSecTimeOriginal = 0x9291;
constexpr quint16 kTypeAscii = 2;
constexpr quint16 kTypeLong = 4;

void put16(QByteArray &b, quint16 v)
{
    b.append(char(v >> 8));
    b.append(char(v & 0xff));
}

void put32(QByteArray &b, quint32 v)
{
    put16(b, quint16(v >> 16));
    put16(b, quint16(v & 0xffff));
}

void putEntry(QByteArray &b, quint16 tag, quint16 type, quint32 count, quint32 value)
{
    put16(b, tag);
    put16(b, type);
    put32(b, count);
    put32(b, value);
}

// Big-endian ("MM") TIFF: IFD0 holds only the pointer to the Exif IFD, which holds
// only the two time tags; the sub-second string fits in the entry itself.
QByteArray exifPayload(const QDateTime &captured)
{
    const QDateTime local = captured.toLocalTime();
    const QByteArray stamp = local.toString(QStringLiteral("yyyy:MM:dd HH:mm:ss")).toLatin1();
    const QByteArray subsec = QByteArray::number(local.time().msec()).rightJustified(3, '0');

    QByteArray tiff;
    tiff.append("MM", 2);
    put16(tiff, 42);
    put32(tiff, 8);
    // IFD0 at 8: one entry, 18 bytes, so the Exif IFD starts at 26.
    put16(tiff, 1);
    putEntry(tiff, kTagExifIfd, kTypeLong, 1, 26);
    put32(tiff, 0);
    // Exif IFD at 26: two entries, 30 bytes, so the date string starts at 56.
    put16(tiff, 2);
    putEntry(tiff, kTagDateTimeOriginal, kTypeAscii, 20, 56);
    put16(tiff, kTagSubSecTimeOriginal);
    put16(tiff, kTypeAscii);
    put32(tiff, 4);
    tiff.append(subsec.left(3));
    tiff.append('\0');
    put32(tiff, 0);
    tiff.append(stamp.left(19));
    tiff.append('\0');

    QByteArray segment;
    put16(segment, 0xffe1);
    put16(segment, quint16(2 + 6 + tiff.size()));
    segment.append("Exif\0\0", 6);
    segment.append(tiff);
    return segment;
}

struct Segment
{
    quint8 marker;
    qsizetype start;   // offset of the 0xFF
    qsizetype payload; // offset of the data after the length
    qsizetype length;  // payload length
};

QList<Segment> headerSegments(const QByteArray &jpeg)
{
    QList<Segment> out;
    const auto *d = reinterpret_cast<const uchar *>(jpeg.constData());
    const qsizetype n = jpeg.size();
    if (n < 4 || d[0] != 0xff || d[1] != 0xd8)
        return {};
    qsizetype pos = 2;
    while (pos + 4 <= n) {
        if (d[pos] != 0xff)
            return {};
        const quint8 marker = d[pos + 1];
        const qsizetype len = (qsizetype(d[pos + 2]) << 8) | d[pos + 3];
        if (len < 2 || pos + 2 + len > n)
            return {};
        out.append({marker, pos, pos + 4, len - 2});
        if (marker == 0xda) // start of scan: image data follows
            return out;
        pos += 2 + len;
    }
    return {};
}

class TiffReader
{
public:
    explicit TiffReader(QByteArrayView tiff)
        : m_d(tiff)
    {
        m_ok = tiff.size() >= 8 && (tiff.first(2) == "MM" || tiff.first(2) == "II");
        m_big = m_ok && tiff[0] == 'M';
    }
    bool ok() const { return m_ok; }
    quint16 u16(qsizetype at) const
    {
        if (at < 0 || at + 2 > m_d.size())
            return 0;
        const auto a = quint8(m_d[at]), b = quint8(m_d[at + 1]);
        return m_big ? quint16(a << 8 | b) : quint16(b << 8 | a);
    }
    quint32 u32(qsizetype at) const
    {
        const quint32 hi = u16(at), lo = u16(at + 2);
        return m_big ? (hi << 16 | lo) : (lo << 16 | hi);
    }
    // Finds a tag in the IFD at offset ifd; returns the offset of its 12-byte entry or -1.
    qsizetype find(qsizetype ifd, quint16 tag) const
    {
        const int count = u16(ifd);
        for (int i = 0; i < count; ++i) {
            const qsizetype e = ifd + 2 + 12 * i;
            if (e + 12 > m_d.size())
                return -1;
            if (u16(e) == tag)
                return e;
        }
        return -1;
    }
    QByteArray ascii(qsizetype entry) const
    {
        if (entry < 0 || u16(entry + 2) != kTypeAscii)
            return {};
        const quint32 count = u32(entry + 4);
        const qsizetype at = count <= 4 ? entry + 8 : qsizetype(u32(entry + 8));
        if (at + qsizetype(count) > m_d.size())
            return {};
        QByteArray s = m_d.sliced(at, count).toByteArray();
        const qsizetype nul = s.indexOf('\0');
        return nul >= 0 ? s.left(nul) : s;
    }

private:
    QByteArrayView m_d;
    bool m_ok = false;
    bool m_big = true;
};

} // namespace

qsizetype captureTimeSegmentSize()
{
    return exifPayload(QDateTime(QDate(2000, 1, 1), QTime(0, 0))).size();
}

QByteArray withCaptureTime(const QByteArray &jpeg, const QDateTime &captured)
{
    const QList<Segment> segments = headerSegments(jpeg);
    if (segments.isEmpty() || !captured.isValid())
        return {};
    qsizetype insertAt = 2;
    for (const Segment &s : segments) {
        if (s.marker == 0xe1)
            return {};
        if (s.marker == 0xe0 && s.start == insertAt)
            insertAt = s.payload + s.length;
    }
    QByteArray out = jpeg;
    out.insert(insertAt, exifPayload(captured));
    return out;
}

std::optional<QDateTime> captureTime(const QByteArray &jpeg)
{
    for (const Segment &s : headerSegments(jpeg)) {
        if (s.marker != 0xe1 || s.length < 14)
            continue;
        const QByteArrayView payload(jpeg.constData() + s.payload, s.length);
        if (payload.first(6) != QByteArrayView("Exif\0\0", 6))
            continue;
        const TiffReader tiff(payload.sliced(6));
        if (!tiff.ok())
            return std::nullopt;
        const qsizetype ifd0 = tiff.u32(4);
        const qsizetype pointer = tiff.find(ifd0, kTagExifIfd);
        if (pointer < 0)
            return std::nullopt;
        const qsizetype exifIfd = tiff.u32(pointer + 8);
        const QByteArray stamp = tiff.ascii(tiff.find(exifIfd, kTagDateTimeOriginal));
        QDateTime t = QDateTime::fromString(QString::fromLatin1(stamp),
                                            QStringLiteral("yyyy:MM:dd HH:mm:ss"));
        if (!t.isValid())
            return std::nullopt;
        const QByteArray subsec = tiff.ascii(tiff.find(exifIfd, kTagSubSecTimeOriginal));
        if (!subsec.isEmpty()) {
            bool ok = false;
            // "5" means 0.5 s, "05" 0.05 s: the digits are a decimal fraction.
            const int value = subsec.left(3).leftJustified(3, '0').toInt(&ok);
            if (ok)
                t = t.addMSecs(value);
        }
        return t;
    }
    return std::nullopt;
}

QList<quint8> jpegSegmentMarkers(const QByteArray &jpeg)
{
    QList<quint8> out;
    for (const Segment &s : headerSegments(jpeg))
        out.append(s.marker);
    return out;
}

} // namespace kiosk
