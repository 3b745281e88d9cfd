#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>

#include <optional>

namespace kiosk {

// The only metadata the kiosk writes into its JPEGs: the capture time of the frame
// (EXIF DateTimeOriginal + SubSecTimeOriginal, local time, millisecond precision) in a
// minimal APP1 segment. Nothing identifying the kiosk, camera or customer is written.

// Returns jpeg with an EXIF APP1 segment inserted after SOI (and JFIF APP0 if present).
// Returns an empty array if jpeg does not start with SOI or already carries APP1.
QByteArray withCaptureTime(const QByteArray &jpeg, const QDateTime &captured);
// Size in bytes that withCaptureTime() adds.
qsizetype captureTimeSegmentSize();
// Reads the capture time back; nullopt when there is none or it is malformed.
std::optional<QDateTime> captureTime(const QByteArray &jpeg);
// Markers of the segments before the image data (0xE0 for APP0, 0xDB for DQT, ...),
// in order; empty if the bytes are not a well-formed JPEG header.
QList<quint8> jpegSegmentMarkers(const QByteArray &jpeg);

} // namespace kiosk
