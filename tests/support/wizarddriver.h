#pragma once

#include "api/vlensclient.h"
#include "capture/framesource.h"
#include "flow/onboardingflow.h"
#include "i18n.h"
#include "imaging/capturethresholds.h"
#include "imaging/carddetector.h"
#include "imaging/facedetector.h"
#include "imaging/frameanalyzer.h"
#include "imaging/guidance.h"
#include "imaging/matimage.h"
#include "kiosksettings.h"
#include "mainwindow.h"
#include "pages/capturepage.h"
#include "settings/settings.h"
#include "specimen/idcardrenderer.h"
#include "specimen/persona.h"
#include "syntheticframesource.h"

#include <QCheckBox>
#include <QColor>
#include <QCoreApplication>
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QList>
#include <QNetworkAccessManager>
#include <QPainter>
#include <QPushButton>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

namespace kiosk::test {

// The GUI suites' one way through the kiosk (tst_wizard, tst_touchsession, tst_wizardcamera):
// the scenes a synthetic camera shows, a feeder that plays them, and a driver that builds
// the window over the sandbox and takes the customer's and the agent's steps by widget
// name. Header only: the GUI suites link the gui, imaging and specimen code already.

// The scenes a synthetic camera shows to drive the wizard to "verified": a rendered
// specimen card on a desk, framed where the imaging engine calls it ready, and a real face
// photo (Debian's opencv-doc) framed around the player.
struct WizardScenes
{
    QImage front, back, spoof;
    QList<QImage> faces; // seven distinct frames, so the burst's picks never coincide

    bool isValid() const
    {
        return !front.isNull() && !back.isNull() && !spoof.isNull() && !faces.isEmpty();
    }

    // The first desk and card size on which the card is called ready.
    static QImage cardScene(const QImage &card)
    {
        const CaptureThresholds thresholds;
        const CardDetector detector(thresholds);
        for (const QColor &desk : {QColor(38, 42, 48), QColor(90, 70, 50), QColor(120, 120, 120)}) {
            for (int width : {900, 940, 860, 820}) {
                QImage scene(1280, 720, QImage::Format_RGB32);
                scene.fill(desk);
                QPainter p(&scene);
                const int height = qRound(width / specimen::IdCardRenderer::AspectRatio);
                p.drawImage(QRect((1280 - width) / 2, (720 - height) / 2, width, height), card);
                p.end();
                const cv::Mat mat = matFromImage(scene);
                const CardDetection found = detector.detect(mat);
                FrameAnalyzer analyzer(thresholds, nullptr);
                const FrameAnalysis a = analyzer.analyze(mat, FrameAnalyzer::Quality);
                if (found.found &&
                    cardGuidance(a.quality, found, thresholds.stableFrames, thresholds).ready())
                    return scene;
            }
        }
        return {};
    }

    // 16:9 around the face at (227, 94, 38, 38); the head moves a pixel between frames.
    static QImage faceScene(const QImage &photo, int variant, int cropWidth)
    {
        const int cropHeight = cropWidth * 9 / 16;
        const QRect crop(246 - cropWidth / 2 + variant % 4, 113 - cropHeight / 2 + variant / 4 % 2,
                         cropWidth, cropHeight);
        return photo.copy(crop)
            .scaled(1280, 720, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
            .convertToFormat(QImage::Format_RGB32);
    }

    // persona: whose card; facePhoto: messi5.jpg of opencv-doc. Empty scenes and *error
    // when something is missing.
    static WizardScenes make(const QString &persona, const QString &facePhoto, QString *error)
    {
        WizardScenes scenes;
        const auto personas = specimen::loadPersonasFile(specimen::builtInPersonasPath(), error);
        if (personas.isEmpty())
            return {};
        const specimen::IdCardRenderer renderer; // the personas' synthetic faces
        for (const auto &p : personas) {
            if (p.id == persona) {
                scenes.front = cardScene(renderer.renderFront(p));
                scenes.back = cardScene(renderer.renderBack(p));
            } else if (p.spoofed && scenes.spoof.isNull()) {
                scenes.spoof = cardScene(renderer.renderFront(p));
            }
        }
        // The first zoom the guidance calls ready (a face filling about 12 % of the frame).
        const QImage photo(facePhoto);
        FaceDetector detector;
        if (photo.isNull() || !detector.load(FaceDetector::locateCascade(QString()), error)) {
            if (error && error->isEmpty())
                *error = QStringLiteral("cannot read %1").arg(facePhoto);
            return {};
        }
        const CaptureThresholds thresholds;
        FrameAnalyzer analyzer(thresholds, &detector);
        for (int width : {144, 136, 152, 128}) {
            const FrameAnalysis a = analyzer.analyze(matFromImage(faceScene(photo, 0, width)));
            if (faceGuidance(a.quality, a.faces, thresholds).ready()) {
                for (int i = 0; i < 7; ++i)
                    scenes.faces << faceScene(photo, i, width);
                break;
            }
        }
        if (!scenes.isValid() && error)
            *error = QStringLiteral("no framing makes every scene ready");
        return scenes;
    }
};

// Plays the scenes on a synthetic camera at 25 fps while it streams: the card's front, its
// back, or the faces, after the step the capture page shows.
class SceneFeeder
{
public:
    SceneFeeder(SyntheticFrameSource &camera, ManualClock &clock, const WizardScenes &scenes)
        : m_camera(camera)
        , m_clock(clock)
        , m_scenes(scenes)
    {
        m_timer.setInterval(25);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { push(); });
    }

    // Feeds the capture page of window (the window must outlive the feeding; see stop()).
    void start(MainWindow *window)
    {
        m_window = window;
        m_timer.start();
    }
    void stop()
    {
        m_timer.stop();
        m_window = nullptr;
    }
    // The front shows the spoofed persona's card instead.
    bool useSpoof = false;
    // The desk without a card, on every step.
    bool emptyDesk = false;

private:
    void push()
    {
        if (m_camera.state() != FrameSource::State::Streaming || !m_window)
            return;
        QImage scene;
        switch (m_window->capturePage()->step()) {
        case flow::Step::IdBack:
            scene = m_scenes.back;
            break;
        case flow::Step::Liveness:
            scene = m_scenes.faces.at(m_frame % m_scenes.faces.size());
            break;
        default:
            scene = useSpoof ? m_scenes.spoof : m_scenes.front;
            break;
        }
        if (emptyDesk) {
            scene = QImage(1280, 720, QImage::Format_RGB32);
            scene.fill(QColor(38, 42, 48));
        }
        ++m_frame;
        m_camera.push(scene, m_clock.monotonicUs() + 40000, 40000); // a 25 fps camera
    }

    SyntheticFrameSource &m_camera;
    ManualClock &m_clock;
    const WizardScenes &m_scenes;
    QTimer m_timer;
    MainWindow *m_window = nullptr;
    int m_frame = 0;
};

// Clicks the push button called name in window, as a customer would; false, with a
// warning, when it is missing, hidden or disabled.
inline bool clickButton(const QWidget *window, const char *name)
{
    auto *button = window->findChild<QPushButton *>(QString::fromLatin1(name));
    if (!button || !button->isVisible() || !button->isEnabled()) {
        qWarning("button %s missing, hidden or disabled", name);
        return false;
    }
    QTest::mouseClick(button, Qt::LeftButton);
    return true;
}

// Builds the kiosk's window as the GUI suites need it (settings over the sandbox, the
// client, the flow, the MainWindow) and takes the steps through it by widget name. The
// steps report with QVERIFY/QCOMPARE, so the caller checks QTest::currentTestFailed().
class WizardDriver
{
public:
    static inline const QString kAgentPin = kSandboxAgentPin;

    // firstPhone: the local number after which each enterPhone() takes a new one.
    WizardDriver(Translations &translations, int firstPhone)
        : m_translations(translations)
        , m_serial(firstPhone)
    {}
    ~WizardDriver() { reset(); }

    // configure: settings a test needs beyond the common ones, before the window exists.
    void makeWindow(const QUrl &sandbox, FrameSource *camera, const Clock &clock,
                    flow::Mode mode = flow::Mode::RegisterFirst,
                    const std::function<void(Settings &)> &configure = {})
    {
        makeWindow(
            sandbox, [camera](const Settings &) { return camera; }, clock, mode, configure);
    }
    // The same with a camera made from the settings (the real camera reads its options
    // there); the previous window is gone by then.
    void makeWindow(const QUrl &sandbox,
                    const std::function<FrameSource *(const Settings &)> &camera,
                    const Clock &clock, flow::Mode mode = flow::Mode::RegisterFirst,
                    const std::function<void(Settings &)> &configure = {})
    {
        reset();
        m_settings = sandboxKioskSettings(sandbox, mode);
        if (configure)
            configure(*m_settings);
        m_client =
            std::make_unique<api::VlensClient>(&m_nam, api::VlensConfig::fromSettings(*m_settings));
        m_flow = std::make_unique<flow::OnboardingFlow>(
            m_client.get(), flow::FlowOptions::fromSettings(*m_settings));
        m_window = std::make_unique<MainWindow>(m_settings.get(), &m_translations, m_client.get(),
                                                m_flow.get(), camera(*m_settings), clock);
        m_window->resize(1024, 700);
        m_window->show();
    }
    // Drops the window and what it was built on; the kiosk's language is English again.
    void reset()
    {
        m_window.reset();
        m_flow.reset();
        m_client.reset();
        m_settings.reset();
    }

    MainWindow *window() const { return m_window.get(); }
    Settings *settings() const { return m_settings.get(); }
    api::VlensClient *client() const { return m_client.get(); }
    flow::OnboardingFlow *flow() const { return m_flow.get(); }

    template<typename T>
    T *widget(const char *name) const
    {
        return m_window->findChild<T *>(QString::fromLatin1(name));
    }
    bool click(const char *name) const { return clickButton(m_window.get(), name); }

    // The agent signs in with the sandbox's demo account; the welcome page follows.
    void signIn()
    {
        QCOMPARE(m_window->currentPage(), MainWindow::Page::SignIn);
        QTest::keyClicks(widget<QLineEdit>("userLineEdit"), QStringLiteral("admin"));
        QTest::keyClicks(widget<QLineEdit>("passwordLineEdit"), QStringLiteral("sandbox-admin"));
        QVERIFY(click("signInButton"));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), MainWindow::Page::Welcome, 10000);
        QVERIFY(m_client->adminTokens().isValid());
    }
    // Signs in, chooses the language, starts and consents.
    void startSession(bool arabic)
    {
        signIn();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(click(arabic ? "arabicButton" : "englishButton"));
        QCOMPARE(QGuiApplication::layoutDirection(), arabic ? Qt::RightToLeft : Qt::LeftToRight);
        QVERIFY(click("startButton"));
        QCOMPARE(m_window->currentPage(), MainWindow::Page::Consent);
        QVERIFY(!widget<QPushButton>("acceptButton")->isEnabled()); // explicit consent first
        QTest::keyClick(widget<QCheckBox>("consentCheckBox"), Qt::Key_Space);
        QVERIFY(click("acceptButton"));
    }
    // A new customer's local phone number ("0100" and seven digits), different each time.
    QString newLocalPhone() { return QStringLiteral("0100%1").arg(++m_serial); }
    // A new customer's phone, typed key by key (Arabic-Indic digits from an Arabic
    // keyboard layout), then Continue.
    void enterPhone(bool arabic)
    {
        QCOMPARE(m_window->currentPage(), MainWindow::Page::Customer);
        const QString local = newLocalPhone();
        const QString typed = arabic ? specimen::toArabicIndicDigits(local) : local;
        for (const QChar c : typed)
            QTest::sendKeyEvent(QTest::Click, widget<QLineEdit>("phoneLineEdit"), Qt::Key_unknown,
                                QString(c), Qt::NoModifier);
        QVERIFY(click("continueButton"));
        QCOMPARE(widget<QLineEdit>("phoneLineEdit")->text(), QStringLiteral("+20") + local.mid(1));
    }
    // From the consent to the review page: the phone (first or last, after the mode), the
    // card's front and back and the faces, each step in its language.
    void captureToReview(flow::Mode mode, bool arabic, int stepTimeoutMs = 15000)
    {
        auto *title = widget<QLabel>("captureTitleLabel");
        if (mode == flow::Mode::RegisterFirst) {
            enterPhone(arabic);
            if (QTest::currentTestFailed())
                return;
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), MainWindow::Page::Capture, 10000);
        QCOMPARE(m_flow->step(), flow::Step::IdFront);
        QCOMPARE(title->text(), arabic ? QStringLiteral("الوجه الأمامي للبطاقة")
                                       : QStringLiteral("Front of your ID card"));
        QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), flow::Step::IdBack, stepTimeoutMs);
        QCOMPARE(title->text(), arabic ? QStringLiteral("الوجه الخلفي للبطاقة")
                                       : QStringLiteral("Back of your ID card"));
        QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), flow::Step::Liveness, stepTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->capturePage()->state(), CapturePage::State::Captured,
                                  stepTimeoutMs);
        if (mode == flow::Mode::CaptureFirst) {
            QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), MainWindow::Page::Customer,
                                      stepTimeoutMs);
            enterPhone(arabic);
            if (QTest::currentTestFailed())
                return;
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), MainWindow::Page::Review, stepTimeoutMs);
    }
    // The agent confirms the review: the result says the identity is verified.
    void confirmToVerified(bool arabic)
    {
        QVERIFY(click("confirmButton"));
        QCOMPARE(m_window->currentPage(), MainWindow::Page::Result);
        QCOMPARE(widget<QLabel>("resultTitleLabel")->text(),
                 arabic ? QStringLiteral("تم التحقق من هويتك")
                        : QStringLiteral("Your identity is verified"));
    }
    // Finish on the result page: the welcome page, with nothing of the customer left.
    void finish()
    {
        QVERIFY(click("finishButton"));
        QCOMPARE(m_window->currentPage(), MainWindow::Page::Welcome);
        QVERIFY(m_flow->session().isEmpty());
        QVERIFY(!m_window->holdsCustomerData());
    }

    // The rows "en" and "ar" of a column "arabic": a test that runs in both languages.
    static void languageRows()
    {
        QTest::addColumn<bool>("arabic");
        QTest::newRow("en") << false;
        QTest::newRow("ar") << true;
    }
    // For the screenshots target: the window as <name>-<en|ar>.png in KIOSK_SCREENSHOT_DIR
    // (default: <build>/screenshots).
    void grab(const QString &name, bool arabic) const
    {
        const QString dir = qEnvironmentVariableIsSet("KIOSK_SCREENSHOT_DIR")
                                ? qEnvironmentVariable("KIOSK_SCREENSHOT_DIR")
                                : QStringLiteral(KIOSK_BINARY_DIR "/screenshots");
        QVERIFY(QDir().mkpath(dir));
        QCoreApplication::processEvents();
        const QString file =
            QStringLiteral("%1/%2-%3.png")
                .arg(dir, name, arabic ? QStringLiteral("ar") : QStringLiteral("en"));
        QVERIFY2(m_window->grab().save(file), qPrintable(file));
    }

private:
    Translations &m_translations;
    QNetworkAccessManager m_nam;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<api::VlensClient> m_client;
    std::unique_ptr<flow::OnboardingFlow> m_flow;
    std::unique_ptr<MainWindow> m_window;
    int m_serial;
};

} // namespace kiosk::test
