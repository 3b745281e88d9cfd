#include "capturepage.h"

#include "capture/clock.h"
#include "imaging/budgetencoder.h"
#include "imaging/carddetector.h"
#include "imaging/frameanalyzer.h"
#include "imaging/matimage.h"
#include "logging.h"
#include "settings/settings.h"
#include "ui_capturepage.h"

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
    CameraTooSmall,
};
// Face guidance needs far fewer analyses than the camera delivers frames.
constexpr qint64 FaceAnalysisEveryUs = 100000;
// Refusals of the card side after which the agent may accept the side shown. The side
// check refuses a correct side at most twice in a row on its labelled set
// (docs/imaging-benchmark.md), so a customer doing it right never sees the button.
constexpr int SideOverrideAfter = 3;
} // namespace

CapturePage::CapturePage(const Settings &settings, FrameSource *source, const Clock &clock,
                         QWidget *parent)
    : WizardPage(parent)
    , m_ui(std::make_unique<Ui::CapturePage>())
    , m_settings(settings)
    , m_source(source)
    , m_clock(clock)
{
    m_ui->setupUi(this);
    m_ui->countdownLabel->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_ui->captureButton->hide();
    m_ui->sideOverrideButton->hide();
    connect(m_ui->captureButton, &QPushButton::clicked, this, &CapturePage::captureNow);
    connect(m_ui->sideOverrideButton, &QPushButton::clicked, this, &CapturePage::acceptSide);
    m_faceManualTimer.setSingleShot(true);
    connect(&m_faceManualTimer, &QTimer::timeout, m_ui->captureButton, &QWidget::show);
    m_countdownTimer.setInterval(100);
    connect(&m_countdownTimer, &QTimer::timeout, this, &CapturePage::updateCountdown);

    connect(m_source, &FrameSource::frameArrived, this, &CapturePage::onFrame);
    connect(m_source, &FrameSource::problemChanged, this,
            [this](CameraProblem problem, const QString &) { onProblem(problem); });

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
    if (m_state != State::Idle)
        return; // between sessions only; clear() calls it again
    m_thresholds = CaptureThresholds::fromSettings(m_settings);
    m_faceAnalyzer = std::make_unique<FrameAnalyzer>(
        m_thresholds, m_faceDetector.isLoaded() ? &m_faceDetector : nullptr);

    m_document = std::make_unique<DocumentCapture>(
        m_source, m_clock, DocumentCaptureOptions::fromSettings(m_settings));
    connect(m_document.get(), &DocumentCapture::guidanceChanged, this, &CapturePage::onGuidance);
    connect(m_document.get(), &DocumentCapture::manualAvailable, m_ui->captureButton,
            &QWidget::show);
    connect(m_document.get(), &DocumentCapture::captured, this, &CapturePage::onDocument);
    connect(m_document.get(), &DocumentCapture::refused, this, &CapturePage::onRefused);
    m_document->setSideCheck(&m_sideCheck);
    connect(m_document.get(), &DocumentCapture::sideRefused, this, &CapturePage::onSideRefused);

    m_burst = std::make_unique<BurstController>(m_source, m_clock,
                                                BurstOptions::fromSettings(m_settings));
    m_burst->setEncoder(
        BurstController::budgetEncoder(EncodeOptions::fromSettings(m_settings, ImageKind::Face)));
    connect(m_burst.get(), &BurstController::burstCaptured, this, &CapturePage::onBurst);
    connect(m_burst.get(), &BurstController::burstFailed, this, &CapturePage::onBurstFailed);
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
    if (m_source->state() == FrameSource::State::Stopped)
        m_source->start();
    restart();
}

void CapturePage::restart()
{
    m_document->cancel();
    m_burst->cancel();
    m_countdownTimer.stop();
    m_faceManualTimer.stop();
    m_ui->countdownLabel->clear();
    m_ui->previewWidget->setStill(QImage());
    m_ui->previewWidget->setReady(false);
    m_ui->captureButton->hide();
    m_ui->sideOverrideButton->hide();
    m_lastFaceAnalysisUs = -1;
    setInstruction(isFace() ? Instruction::ShowFace : Instruction::ShowCard);
    setState(State::Live);
    if (isFace()) {
        m_faceManualTimer.start(qMax(0, m_settings.integer(Settings::Key::ManualCaptureAfterMs)));
    } else {
        m_document->arm(m_step == flow::Step::IdBack ? CardSide::Back : CardSide::Front);
    }
}

void CapturePage::clear()
{
    m_document->cancel();
    m_burst->cancel();
    m_faceManualTimer.stop();
    m_countdownTimer.stop();
    m_source->stop();
    m_ui->previewWidget->clear();
    m_ui->countdownLabel->clear();
    m_ui->captureButton->hide();
    m_ui->sideOverrideButton->hide();
    m_sawFrame = false;
    m_step = flow::Step::Welcome;
    m_instruction.reset();
    m_message = NoMessage;
    setState(State::Idle);
    reloadSettings();
}

bool CapturePage::holdsCustomerData() const
{
    return m_ui->previewWidget->hasPicture();
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
    case CameraTooSmall:
        text =
            lowResolutionText(m_tooSmall, DocumentCaptureOptions::fromSettings(m_settings).minSize);
        break;
    default:
        if (m_instruction)
            text = instructionText(*m_instruction);
        break;
    }
    if (text != m_ui->instructionLabel->text()) {
        m_ui->instructionLabel->setText(text);
        Q_EMIT promptChanged(text);
    }
    QString status;
    // Too low a resolution is said in full by the message, with its fix.
    if (m_problem != CameraProblem::None &&
        !(m_problem == CameraProblem::LowResolution && m_message == CameraTooSmall))
        status = cameraProblemText(m_problem);
    else if (!m_sawFrame && m_state != State::Idle)
        status = tr("Starting the camera…");
    m_ui->cameraStatusLabel->setText(status);
}

void CapturePage::retranslate()
{
    m_ui->retranslateUi(this);
    updateTexts();
}

void CapturePage::onProblem(CameraProblem problem)
{
    m_problem = problem;
    updateTexts();
}

void CapturePage::onFrame(const CameraFrame &frame)
{
    if (m_state == State::Idle || m_state == State::Captured || frame.isNull())
        return;
    if (!m_sawFrame) {
        m_sawFrame = true;
        updateTexts();
    }
    const QImage image = frame.image();
    m_ui->previewWidget->setFrame(image);
    if (!isFace()) {
        const cv::Rect guide =
            CardDetector(m_thresholds).defaultGuide(cv::Size(image.width(), image.height()));
        m_ui->previewWidget->setCardGuide(QRect(guide.x, guide.y, guide.width, guide.height));
        return; // DocumentCapture judges the card on the same frame
    }
    if (m_state == State::Live)
        judgeFace(frame);
}

void CapturePage::onGuidance(const Guidance &guidance)
{
    qCDebug(lcGui) << "card guidance" << int(guidance.instruction)
                   << (guidance.reasons.isEmpty() ? QString()
                                                  : guidance.reasons.first().describe());
    if (m_state != State::Live || isFace())
        return;
    m_ui->previewWidget->setReady(guidance.ready() ||
                                  guidance.instruction == Instruction::HoldStill);
    setInstruction(guidance.instruction);
}

void CapturePage::onDocument(const DocumentCaptureResult &result)
{
    if (m_state != State::Live || isFace())
        return;
    const QImage still = result.card.isNull() ? result.frame.image() : result.card;
    EncodeOptions options = EncodeOptions::fromSettings(m_settings, ImageKind::IdCard);
    options.captureTime = result.frame.captured;
    EncodeResult encoded;
    try {
        encoded = BudgetEncoder(options).encode(matFromImage(still));
    } catch (const cv::Exception &e) {
        encoded.error = QString::fromUtf8(e.what());
    }
    if (!encoded.ok()) {
        qCWarning(lcGui) << "card encode failed:" << encoded.error;
        m_document->arm();
        return;
    }
    qCInfo(lcGui) << "card captured:" << (result.manual ? "manual" : "auto") << "bytes"
                  << encoded.jpeg.size() << "quality" << encoded.quality;
    m_ui->captureButton->hide();
    m_ui->sideOverrideButton->hide();
    m_ui->previewWidget->setReady(true);
    m_ui->previewWidget->setStill(still);
    setMessage(Sending);
    setState(State::Captured);
    Q_EMIT documentCaptured(m_step == flow::Step::IdBack ? flow::Side::Back : flow::Side::Front,
                            encoded.jpeg);
}

void CapturePage::onRefused(const QSize &size)
{
    qCWarning(lcGui) << "camera frames too small for a document:" << size;
    m_tooSmall = size;
    setMessage(CameraTooSmall);
}

void CapturePage::onSideRefused(int times)
{
    if (m_state == State::Live && !isFace() && times >= SideOverrideAfter)
        m_ui->sideOverrideButton->show();
}

void CapturePage::acceptSide()
{
    qCInfo(lcGui) << "agent accepted the card side shown";
    m_ui->sideOverrideButton->hide();
    m_document->acceptSide();
}

void CapturePage::judgeFace(const CameraFrame &frame)
{
    const qint64 now = frame.arrivalUs;
    if (m_lastFaceAnalysisUs >= 0 && now - m_lastFaceAnalysisUs < FaceAnalysisEveryUs)
        return;
    m_lastFaceAnalysisUs = now;
    try {
        const FrameAnalysis analysis = m_faceAnalyzer->analyze(
            matFromImage(frame.image()), FrameAnalyzer::Quality | FrameAnalyzer::Faces);
        const Guidance guidance = faceGuidance(analysis.quality, analysis.faces, m_thresholds);
        m_ui->previewWidget->setReady(guidance.ready());
        setInstruction(guidance.instruction);
        if (guidance.ready())
            startCountdown();
    } catch (const cv::Exception &e) {
        qCWarning(lcGui) << "face analysis failed:" << e.what();
    }
}

void CapturePage::captureNow()
{
    if (m_state != State::Live)
        return;
    if (isFace())
        startCountdown();
    else
        m_document->captureNow();
}

void CapturePage::startCountdown()
{
    m_ui->captureButton->hide();
    m_faceManualTimer.stop();
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
    setMessage(Burst);
    setState(State::Burst);
    m_burst->arm(); // the countdown was the trigger: the next frame starts the burst
}

void CapturePage::onBurst(const BurstResult &result)
{
    if (m_state != State::Burst || result.jpegs.size() != 3)
        return;
    std::array<QByteArray, 3> faces;
    for (int i = 0; i < 3; ++i)
        faces[size_t(i)] = result.jpegs.at(i);
    qCInfo(lcGui) << "faces captured: span" << result.spanMs() << "ms, attempt" << result.attempt;
    m_ui->previewWidget->setStill(result.frames.at(1).image());
    setMessage(Sending);
    setState(State::Captured);
    Q_EMIT facesCaptured(faces);
}

void CapturePage::onBurstFailed(BurstMiss miss, const QString &detail)
{
    qCInfo(lcGui) << "burst failed:" << burstMissName(miss) << detail;
    if (m_state != State::Burst)
        return;
    setState(State::Live);
    setMessage(BurstRejected);
    m_lastFaceAnalysisUs = -1;
    m_faceManualTimer.start(qMax(0, m_settings.integer(Settings::Key::ManualCaptureAfterMs)));
}

} // namespace kiosk
