#include "capturethresholds.h"

#include "settings/settings.h"

namespace kiosk {

CaptureThresholds CaptureThresholds::fromSettings(const Settings &s)
{
    using K = Settings::Key;
    const auto real = [&s](K key) { return s.value(key).toDouble(); };
    CaptureThresholds t;
    t.analysisWidth = s.integer(K::AnalysisWidth);
    t.minSharpness = real(K::MinSharpness);
    t.glareLevel = s.integer(K::GlareLevel);
    t.maxGlareShare = real(K::MaxGlareShare);
    t.minBrightness = real(K::MinBrightness);
    t.maxBrightness = real(K::MaxBrightness);
    t.aspectTolerance = real(K::CardAspectTolerance);
    t.minFill = real(K::CardMinFill);
    t.maxFill = real(K::CardMaxFill);
    t.maxTiltDegrees = real(K::CardMaxTiltDegrees);
    t.guideWidthShare = real(K::CardGuideWidthShare);
    t.cropWidth = s.integer(K::CardCropWidth);
    t.stableFrames = s.integer(K::StableFrames);
    t.faceMinShare = real(K::FaceMinShare);
    t.faceMaxShare = real(K::FaceMaxShare);
    t.faceMaxOffCentre = real(K::FaceMaxOffCentre);
    t.burstMaxSpanMs = s.integer(K::BurstMaxSpanMs);
    return t;
}

} // namespace kiosk
