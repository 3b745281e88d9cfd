#pragma once

namespace kiosk {

class Settings;

// The figures frames are judged by, read once from the settings (desktop defaults from
// the capture-quality reference; phones would be stricter).
struct CaptureThresholds
{
    int analysisWidth = 640;     // frames are analysed on a grey copy this wide
    double minSharpness = 60;    // variance of the Laplacian
    int glareLevel = 240;        // grey level counted as glare
    double maxGlareShare = 0.18; // share of glare pixels
    double minBrightness = 50;   // mean grey
    double maxBrightness = 215;  // mean grey
    double cardAspect = 1.586;   // ID-1: 85.60 x 53.98 mm
    double aspectTolerance = 0.12;
    double minFill = 0.70; // card area / guide area
    double maxFill = 0.98;
    double maxTiltDegrees = 12;
    double guideWidthShare = 0.80; // default guide: this share of the frame width
    int cropWidth = 1000;          // about 300 dpi across 85.6 mm
    int stableFrames = 3;
    double faceMinShare = 0.10; // face box area / frame area
    double faceMaxShare = 0.30;
    double faceMaxOffCentre = 0.15; // box centre offset / frame size, per axis
    int burstMaxSpanMs = 500;

    static CaptureThresholds fromSettings(const Settings &settings);
};

} // namespace kiosk
