#include "capturepage.h"

#include "imaging/budgetencoder.h"
#include "imaging/frameanalyzer.h"
#include "imaging/matimage.h"
#include "logging.h"
#include "settings/settings.h"
#include "ui_capturepage.h"

#include <QDateTime>

#include <opencv2/imgproc.hpp>

using namespace Qt::StringLiterals;

namespace kiosk {

namespace {
// Page-level messages shown instead of a guidance instruction.
enum Message
{
    NoMessage,
    Sending,
    Countdown,
    Burst,
    BurstRejected,
};

QRect toQRect(const cv::Rect &r)
{
    return QRect(r.x, r.y, r.width, r.height);
}
} // namespace

CapturePage::CapturePage(const Settings &settings, QWidget *parent)
    : WizardPage(parent)
    , m_ui(std::make_unique<Ui::CapturePage>())
    , m_settings(settings)
{
    m_ui->setupUi(this);
    m_ui->countdownLabel->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_ui->captureButton->hide();
    m_manualTimer.setSingleShot(true);
    connect(&m_manualTimer, &QTimer::timeout, m_ui->captureButton, &QWidget::show);
    connect(m_ui->captureButton, &QPushButton::clicked, this, &CapturePage::captureNow);
    m_countdownTimer.setInterval(100);
    connect(&m_countdownTimer, &QTimer::timeout, this, &CapturePage::updateCountdown);

    QString error;
    const QString cascade =
        FaceDetector::locateCascade(settings.string(Settings::Key::FaceCascadeFile), &error);
    if (cascade.isEmpty() || !m_faceDetector.load(cascade, &error))
        qCWarning(lcGui) << "face guidance unavailable, manual capture only:" << error;
    reloadSettings();
}

CapturePage::~CapturePage() = default;

void CapturePage::reloadSettings()
{
    m_thresholds = CaptureThresholds::fromSettings(m_settings);
    m_analyzer = std::make_unique<FrameAnalyzer>(
        m_thresholds, m_faceDetector.isLoaded() ? &m_faceDetector : nullptr);
    m_tracker = CardStabilityTracker(qMax(1, m_thresholds.stableFrames));
}

QPushButton *CapturePage::defaultButton() const
{
    return m_ui->captureButton->isVisible() ? m_ui->captureButton : nullptr;
}

void CapturePage::begin(flow::Step step)
{
    m_step = step;
    m_ui->previewWidget->setGuide(isFace() ? PreviewWidget::Guide::Face
                                           : PreviewWidget::Guide::Card);
    m_ui->previewWidget->setMirrored(isFace());
    restart();
}

void CapturePage::restart()
{
    m_burst.clear();
    m_lastMat.release();
    m_lastCard = CardDetection();
    m_tracker.reset();
    m_countdownTimer.stop();
    m_ui->countdownLabel->clear();
    m_ui->previewWidget->setStill(QImage());
    m_ui->previewWidget->setDetectedCard({});
    m_ui->previewWidget->setReady(false);
    m_ui->captureButton->hide();
    m_manualTimer.start(qMax(0, m_settings.integer(Settings::Key::ManualCaptureAfterMs)));
    m_message = NoMessage;
    setInstruction(isFace() ? Instruction::ShowFace : Instruction::ShowCard);
    setState(State::Live);
}

void CapturePage::clear()
{
    m_manualTimer.stop();
    m_countdownTimer.stop();
    m_burst.clear();
    m_lastMat.release();
    m_lastCard = CardDetection();
    m_tracker.reset();
    m_ui->previewWidget->clear();
    m_ui->countdownLabel->clear();
    m_ui->captureButton->hide();
    m_sawFrame = false;
    m_step = flow::Step::Welcome;
    setState(State::Idle);
}

bool CapturePage::holdsCustomerData() const
{
    return !m_lastMat.empty() || !m_burst.isEmpty() || m_ui->previewWidget->hasPicture();
}

void CapturePage::setState(State state)
{
    m_state = state;
    updateTexts();
}

void CapturePage::setInstruction(Instruction instruction)
{
    m_instruction = instruction;
    m_message = NoMessage;
    updateTexts();
}

void CapturePage::setMessage(int message)
{
    m_message = message;
    updateTexts();
}

void CapturePage::updateTexts()
{
    switch (m_step) {
    case flow::Step::IdFront:
        m_ui->captureTitleLabel->setText(tr("Front of your ID card"));
        break;
    case flow::Step::IdBack:
        m_ui->captureTitleLabel->setText(tr("Back of your ID card"));
        break;
    case flow::Step::Liveness:
        m_ui->captureTitleLabel->setText(tr("A short look at the camera"));
        break;
    default:
        m_ui->captureTitleLabel->clear();
        break;
    }
    QString text;
    switch (m_message) {
    case Sending:
        text = tr("Picture taken. Checking it now…");
        break;
    case Countdown:
        text = tr("Look at the camera and hold still");
        break;
    case Burst:
        text = tr("Hold still…");
        break;
    case BurstRejected:
        text = tr("Please hold still and look at the camera, we take the pictures again.");
        break;
    default:
        if (m_instruction)
            text = instructionText(*m_instruction);
        break;
    }
    m_ui->instructionLabel->setText(text);
    m_ui->cameraStatusLabel->setText(
        m_sawFrame || m_state == State::Idle ? QString() : tr("Starting the camera…"));
}

void CapturePage::retranslate()
{
    m_ui->retranslateUi(this);
    updateTexts();
}

void CapturePage::presentFrame(const QImage &frame)
{
    if (m_state == State::Idle || m_state == State::Captured || frame.isNull())
        return;
    if (!m_sawFrame) {
        m_sawFrame = true;
        updateTexts();
    }
    const QDateTime captured = QDateTime::currentDateTimeUtc();
    m_ui->previewWidget->setFrame(frame);
    try {
        const cv::Mat mat = matFromImage(frame);
        if (m_state == State::Burst)
            addBurstFrame(mat, captured);
        else if (isFace())
            judgeFace(mat);
        else
            judgeCard(mat);
    } catch (const cv::Exception &e) {
        qCWarning(lcGui) << "frame analysis failed:" << e.what();
    }
}

void CapturePage::judgeCard(const cv::Mat &mat)
{
    const cv::Rect guide = m_analyzer->cardDetector().defaultGuide(mat.size());
    const FrameAnalysis analysis =
        m_analyzer->analyze(mat, FrameAnalyzer::Quality | FrameAnalyzer::Card, guide);
    m_tracker.add(analysis.card);
    const Guidance guidance =
        cardGuidance(analysis.quality, analysis.card, m_tracker.consecutive(), m_thresholds);
    m_lastMat = mat;
    m_lastCard = analysis.card;
    QPolygonF corners;
    if (analysis.card.found) {
        for (const cv::Point2f &p : analysis.card.corners)
            corners << QPointF(p.x, p.y);
    }
    m_ui->previewWidget->setCardGuide(toQRect(guide));
    m_ui->previewWidget->setDetectedCard(corners);
    m_ui->previewWidget->setReady(guidance.ready());
    setInstruction(guidance.instruction);
    if (guidance.ready())
        captureCard(mat, analysis.card);
}

void CapturePage::captureCard(const cv::Mat &mat, const CardDetection &card)
{
    cv::Mat crop;
    if (card.found) {
        crop = m_analyzer->cardDetector().crop(mat, card);
    } else {
        // Manual capture without a detected card: send what is inside the guide.
        const cv::Rect guide = m_analyzer->cardDetector().defaultGuide(mat.size()) &
                               cv::Rect(0, 0, mat.cols, mat.rows);
        crop = mat(guide).clone();
    }
    EncodeOptions options = EncodeOptions::fromSettings(m_settings, ImageKind::IdCard);
    options.captureTime = QDateTime::currentDateTimeUtc();
    const EncodeResult encoded = BudgetEncoder(options).encode(crop);
    if (!encoded.ok()) {
        qCWarning(lcGui) << "card encode failed:" << encoded.error;
        m_tracker.reset();
        return;
    }
    qCInfo(lcGui) << "card captured:" << (card.found ? "detected" : "guide") << "bytes"
                  << encoded.jpeg.size() << "quality" << encoded.quality;
    m_manualTimer.stop();
    m_ui->captureButton->hide();
    m_ui->previewWidget->setStill(imageFromMat(crop));
    m_lastMat.release();
    setMessage(Sending);
    setState(State::Captured);
    Q_EMIT documentCaptured(m_step == flow::Step::IdBack ? flow::Side::Back : flow::Side::Front,
                            encoded.jpeg);
}

void CapturePage::judgeFace(const cv::Mat &mat)
{
    const FrameAnalysis analysis =
        m_analyzer->analyze(mat, FrameAnalyzer::Quality | FrameAnalyzer::Faces);
    const Guidance guidance = faceGuidance(analysis.quality, analysis.faces, m_thresholds);
    m_ui->previewWidget->setReady(guidance.ready());
    if (m_state == State::Live) {
        setInstruction(guidance.instruction);
        if (guidance.ready())
            startCountdown();
    }
}

void CapturePage::captureNow()
{
    if (m_state != State::Live)
        return;
    if (isFace()) {
        startCountdown();
    } else if (!m_lastMat.empty()) {
        captureCard(m_lastMat, m_lastCard);
    }
}

void CapturePage::startCountdown()
{
    m_ui->captureButton->hide();
    m_manualTimer.stop();
    m_countdownEnd = QDeadlineTimer(qMax(0, m_settings.integer(Settings::Key::FaceCountdownMs)),
                                    Qt::PreciseTimer);
    setMessage(Countdown);
    setState(State::Countdown);
    updateCountdown();
    if (m_state == State::Countdown)
        m_countdownTimer.start();
}

void CapturePage::updateCountdown()
{
    const qint64 left = m_countdownEnd.remainingTime();
    if (left > 0) {
        m_ui->countdownLabel->setText(QLocale().toString((left + 999) / 1000));
        return;
    }
    m_countdownTimer.stop();
    m_ui->countdownLabel->clear();
    m_burst.clear();
    setMessage(Burst);
    setState(State::Burst);
}

void CapturePage::addBurstFrame(const cv::Mat &mat, const QDateTime &captured)
{
    const qint64 maxSpan = qMax(100, m_thresholds.burstMaxSpanMs);
    // A slow camera must not stretch the burst beyond what the service accepts.
    while (!m_burst.isEmpty() && m_burst.first().captured.msecsTo(captured) > maxSpan * 8 / 10)
        m_burst.removeFirst();
    // Spread the three frames a little so that they differ, within the span.
    if (!m_burst.isEmpty() && m_burst.last().captured.msecsTo(captured) < maxSpan / 6)
        return;
    m_burst.append(BurstFrame{mat, QByteArray(), captured});
    if (m_burst.size() < 3)
        return;

    EncodeOptions options = EncodeOptions::fromSettings(m_settings, ImageKind::Face);
    std::array<QByteArray, 3> faces;
    for (int i = 0; i < 3; ++i) {
        BurstFrame &frame = m_burst[i];
        options.captureTime = frame.captured;
        const EncodeResult encoded = BudgetEncoder(options).encode(frame.image);
        frame.jpeg = encoded.jpeg;
        faces[size_t(i)] = encoded.jpeg;
    }
    const BurstReport report = checkBurst(m_burst, maxSpan);
    const QImage still = imageFromMat(m_burst.at(1).image);
    m_burst.clear();
    if (!report.ok()) {
        qCInfo(lcGui) << "burst rejected:" << report.problems.size() << "problems, span"
                      << report.spanMs << "ms";
        setMessage(BurstRejected);
        setState(State::Live);
        return;
    }
    qCInfo(lcGui) << "faces captured: span" << report.spanMs << "ms";
    m_ui->previewWidget->setStill(still);
    setMessage(Sending);
    setState(State::Captured);
    Q_EMIT facesCaptured(faces);
}

} // namespace kiosk
