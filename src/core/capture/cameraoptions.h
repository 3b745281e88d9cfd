#pragma once

#include "framewatchdog.h"

#include <QList>
#include <QSize>
#include <QString>

namespace kiosk {

class Settings;

// What a frame source needs from the settings.
struct CameraOptions
{
    QString camera; // id or name (description); empty: the default camera
    QSize preferredSize{1920, 1080};
    QSize minDocumentSize{1280, 720};
    int restartLimit = 5; // restarts without a frame before reporting "stalled"
    WatchdogOptions watchdog;

    static CameraOptions fromSettings(const Settings &settings);
};

// One format a camera offers, as the format chooser sees it.
struct CameraFormatInfo
{
    QSize size;
    double maxFps = 0;
    bool compressed = false; // MJPEG: decoding costs CPU
};

// The index of the best format: at or above `preferred` where offered (the smallest
// such, at 25 fps or more when possible, uncompressed before MJPEG at equal rate), else
// the largest offered. -1 for an empty list.
int chooseCameraFormat(const QList<CameraFormatInfo> &formats, QSize preferred);

// "1920x1080" -> QSize(1920, 1080); invalid QSize when malformed.
QSize parseSize(const QString &text);
// "0,120,240" -> {0, 120, 240}; empty when malformed or not increasing.
QList<int> parseOffsets(const QString &text);

} // namespace kiosk
