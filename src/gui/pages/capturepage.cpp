#include "capturepage.h"

#include "capture/clock.h"
#include "guilogging.h"
#include "imaging/carddetector.h"
#include "metrics/kioskmetrics.h"
#include "securewipe.h"
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

    connect(m_source, &FrameSource::frameArrived, this, &CapturePage::onFrame);
    connect(m_source, &FrameSource::problemChanged, this,
            [this](CameraProblem problem, const QString &) { onProblem(problem); });

    QString error;
    const QString cascade =
        FaceDetector::locateCascade(settings.string(Settings::Key::FaceCascadeFile), &error);
    if (cascade.isEmpty() || !m_faceDetector.load(cascade, &error))
        qCWarning(lcGui) << "face guidance unavailable, manual capture only:" << error;
    else if (!m_sideFaceDetector.load(cascade, &error))
        qCWarning(lcGui) << "card side check without faces:" << error;
    reloadSettings();
}

CapturePage::~CapturePage() = default;

void CapturePage::reloadSettings()
{
    if (m_state != State::Idle)
        return; // between sessions only; clear() calls it again
    m_thresholds = CaptureThresholds::fromSettings(m_settings);
    // The old captures go first: their destructors wait for image work in flight.
    m_document.reset();
    m_face.reset();

    DocumentCaptureOptions documentOptions = DocumentCaptureOptions::fromSettings(m_settings);
    documentOptions.encode.metrics = m_metrics; // recordEncode is thread-safe
    m_document = std::make_unique<DocumentCapture>(m_source, m_clock, std::move(documentOptions));
    connect(m_document.get(), &DocumentCapture::guidanceChanged, this, &CapturePage::onGuidance);
    connect(m_document.get(), &DocumentCapture::manualAvailable, m_ui->captureButton,
            &QWidget::show);
    connect(m_document.get(), &DocumentCapture::captured, this, &CapturePage::onDocument);
    connect(m_document.get(), &DocumentCapture::refused, this, &CapturePage::onRefused);
    m_document->setSideCheck(&m_sideCheck);
    connect(m_document.get(), &DocumentCapture::sideRefused, this, &CapturePage::onSideRefused);

    FaceCaptureOptions faceOptions = FaceCaptureOptions::fromSettings(m_settings);
    faceOptions.encode.metrics = m_metrics;
    m_face = std::make_unique<FaceCapture>(m_source, m_clock, std::move(faceOptions),
                                           m_faceDetector.isLoaded() ? &m_faceDetector : nullptr);
    connect(m_face.get(), &FaceCapture::guidanceChanged, this, &CapturePage::onFaceGuidance);
    connect(m_face.get(), &FaceCapture::manualAvailable, m_ui->captureButton, &QWidget::show);
    connect(m_face.get(), &FaceCapture::stateChanged, this, &CapturePage::onFaceState);
    connect(m_face.get(), &FaceCapture::countdownChanged, this, &CapturePage::onCountdown);
    connect(m_face.get(), &FaceCapture::captured, this, &CapturePage::onFaces);
    connect(m_face.get(), &FaceCapture::burstFailed, this, &CapturePage::onBurstFailed);
    if (m_metrics) {
        connect(m_face.get(), &FaceCapture::captured, m_metrics,
                &metrics::KioskMetrics::recordBurst);
        connect(m_face.get(), &FaceCapture::attemptMissed, m_metrics,
                &metrics::KioskMetrics::recordBurstMiss);
    }
}

void CapturePage::setMetrics(metrics::KioskMetrics *metrics)
{
    m_metrics = metrics;
    reloadSettings();
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
    m_face->cancel();
    m_ui->countdownLabel->clear();
    m_ui->previewWidget->setStill(QImage());
    m_ui->previewWidget->setReady(false);
    m_ui->captureButton->hide();
    m_ui->sideOverrideButton->hide();
    setInstruction(isFace() ? Instruction::ShowFace : Instruction::ShowCard);
    setState(State::Live);
    if (isFace())
        m_face->arm();
    else
        m_document->arm(m_step == flow::Step::IdBack ? CardSide::Back : CardSide::Front);
}

void CapturePage::clear()
{
    m_previewWorker.cancel();
    m_document->cancel();
    m_face->cancel();
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
    const QSize size = frame.size();
    if (!isFace()) {
        const cv::Rect guide =
            CardDetector(m_thresholds).defaultGuide(cv::Size(size.width(), size.height()));
        m_ui->previewWidget->setCardGuide(QRect(guide.x, guide.y, guide.width, guide.height));
    }
    // The picture is fitted to the preview on a worker: subsampled straight from the camera's
    // pixels, or scaled from the full image when the analysis already converted it; a frame
    // that comes meanwhile is not shown.
    if (m_previewWorker.isBusy())
        return;
    const QSize target = m_ui->previewWidget->size() * m_ui->previewWidget->devicePixelRatio();
    auto shown = std::make_shared<QImage>();
    m_previewWorker.tryRun([frame, target, shown]() { *shown = frame.preview(target); },
                           [this, shown, size]() {
                               if (m_state == State::Idle || m_state == State::Captured ||
                                   shown->isNull())
                                   return;
                               m_ui->previewWidget->setFrame(*shown, size);
                           });
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
    qCInfo(lcGui) << "card captured:" << (result.manual ? "manual" : "auto") << "bytes"
                  << result.jpeg.size() << "quality" << result.quality;
    m_ui->captureButton->hide();
    m_ui->sideOverrideButton->hide();
    m_ui->previewWidget->setReady(true);
    m_ui->previewWidget->setStill(result.card.isNull() ? result.frame.image() : result.card);
    setMessage(Sending);
    setState(State::Captured);
    Q_EMIT documentCaptured(m_step == flow::Step::IdBack ? flow::Side::Back : flow::Side::Front,
                            result.jpeg);
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

void CapturePage::captureNow()
{
    if (m_state != State::Live)
        return;
    if (isFace())
        m_face->captureNow();
    else
        m_document->captureNow();
}

void CapturePage::onFaceGuidance(const Guidance &guidance)
{
    if (m_state != State::Live || !isFace())
        return;
    m_ui->previewWidget->setReady(guidance.ready());
    setInstruction(guidance.instruction);
}

void CapturePage::onFaceState(FaceCapture::State state)
{
    if (!isFace() || m_state == State::Idle || m_state == State::Captured)
        return;
    switch (state) {
    case FaceCapture::State::Countdown:
        m_ui->captureButton->hide();
        setMessage(Countdown);
        setState(State::Countdown);
        break;
    case FaceCapture::State::Burst:
        m_ui->countdownLabel->clear();
        setMessage(Burst);
        setState(State::Burst);
        break;
    case FaceCapture::State::Live:
    case FaceCapture::State::Idle:
        break;
    }
}

void CapturePage::onCountdown(int secondsLeft)
{
    if (secondsLeft > 0)
        m_ui->countdownLabel->setText(QLocale().toString(secondsLeft));
    else
        m_ui->countdownLabel->clear();
}

void CapturePage::onFaces(const BurstResult &result)
{
    if (m_state != State::Burst || result.jpegs.size() != 3)
        return;
    std::array<QByteArray, 3> faces;
    for (int i = 0; i < 3; ++i)
        faces[size_t(i)] = result.jpegs.at(i);
    m_ui->previewWidget->setStill(result.frames.at(1).image());
    setMessage(Sending);
    setState(State::Captured);
    Q_EMIT facesCaptured(faces);
    for (QByteArray &face : faces)
        secureWipe(face); // the flow keeps its own copies
}

void CapturePage::onBurstFailed(BurstMiss miss, const QString &detail)
{
    qCInfo(lcGui) << "burst failed:" << burstMissName(miss) << detail;
    if (m_state != State::Burst)
        return;
    m_ui->previewWidget->setReady(false);
    setState(State::Live);
    setMessage(BurstRejected);
}

} // namespace kiosk
