// The demo of packaging/dev.sh run, end to end: the fake camera device plays the build's
// demo scene (the rendered card front, its back, the face clip rendered by
// fakecamera_rendercards), and the demo's
// SceneFollower, wired as app/kiosk/main.cpp wires it, moves the scene to the wizard's
// step. The camera starts on the wrong picture (the card's back), so without the follower
// the side check refuses the front step forever. The session must reach "verified" with
// every picture taken automatically: the card front on the front step, the back on the
// back step, the face on the face step, no "Turn the card over", no retake, and no manual
// capture (the button is never offered within the test).
#include "capture/clock.h"
#include "fakecameracontrol.h"
#include "flow/onboardingflow.h"
#include "i18n.h"
#include "kioskcamera.h"
#include "mainwindow.h"
#include "pages/capturepage.h"
#include "qtcamerasource.h"
#include "sandboxserver.h"
#include "scenefollower.h"
#include "settings/settings.h"
#include "wizarddriver.h"

#include <QCheckBox>
#include <QFile>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QMediaDevices>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace kiosk;
using demo::SceneFollower;
using flow::Step;

class tst_DemoCamera : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void walksThroughWithoutRetakeOrManualCapture();

private:
    template<typename T>
    T *widget(const char *name) const
    {
        return m_driver.widget<T>(name);
    }
    bool click(const char *name) const { return m_driver.click(name); }
    // The scene entry the camera shows now, as written in its control file.
    int sceneShown() const;

    // Before the first QMediaDevices: the plugin reads KIOSK_FAKECAM_CONTROL when it starts.
    test::FakeCameraControl m_control;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    Translations m_translations{{u"core"_s, u"kiosk"_s}};
    const Clock m_clock{};
    std::unique_ptr<QtCameraSource> m_camera;
    std::unique_ptr<demo::SceneFollower> m_follower;
    test::WizardDriver m_driver{m_translations, 4000000};
};

void tst_DemoCamera::initTestCase()
{
    qRegisterMetaType<flow::Failure>();
    const QString dir = QStringLiteral(KIOSK_FAKECAM_SCENE_DIR);
    for (const char *file : {"card-front.png", "card-back.png", "face.avi"})
        QVERIFY2(QFile::exists(dir + u'/' + QLatin1String(file)), file);
    // As build/demo-env.sh: the demo scene. The device keeps its built-in YUY2 formats:
    // the demo's uvc-1080p profile (MJPEG, encoded by the fake camera itself) costs more
    // CPU than a loaded CI machine gives a test; the MJPEG choice is tst_qtcamerasource's.
    m_control.set(u"scene"_s, u"%1/card-front.png;%1/card-back.png;%1/face.avi"_s.arg(dir));
    m_control.set(u"scene_index"_s, SceneFollower::sceneIndex(Step::IdBack));

    QString error;
    m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxOptions());
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(QMediaDevices::videoInputs().size(), 1, 10000);
}

int tst_DemoCamera::sceneShown() const
{
    QFile file(m_control.path());
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const auto match =
        QRegularExpression(u"^scene_index=(\\d+)$"_s, QRegularExpression::MultilineOption)
            .match(QString::fromUtf8(file.readAll()));
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

void tst_DemoCamera::walksThroughWithoutRetakeOrManualCapture()
{
    // As app/kiosk/main.cpp: the backend, then the camera from the settings.
    QString backend;
    m_driver.makeWindow(m_server->baseUrl(), test::kioskCamera(&m_camera, m_clock, &backend),
                        m_clock, flow::Mode::RegisterFirst, [](Settings &settings) {
                            settings.setOverride(Settings::Key::ManualCaptureAfterMs,
                                                 600000); // never offered here
                        });
    QCOMPARE(backend, u"gstreamer"_s);
    // As app/kiosk/main.cpp in the demo (KIOSK_DEMO_SCENE_CONTROL).
    m_follower = std::make_unique<demo::SceneFollower>(m_control.path());
    connect(m_driver.flow(), &flow::OnboardingFlow::stepChanged, m_follower.get(),
            &demo::SceneFollower::follow);
    MainWindow *window = m_driver.window();
    window->resize(1280, 800);

    // What the camera showed when each picture was taken, and every prompt.
    QList<int> scenesAtCapture;
    CapturePage *page = window->capturePage();
    connect(page, &CapturePage::documentCaptured, this,
            [&](flow::Side, const QByteArray &) { scenesAtCapture << sceneShown(); });
    connect(page, &CapturePage::facesCaptured, this,
            [&](const std::array<QByteArray, 3> &) { scenesAtCapture << sceneShown(); });
    QStringList prompts;
    connect(page, &CapturePage::promptChanged, this, [&](const QString &text) { prompts << text; });
    QSignalSpy documents(page, &CapturePage::documentCaptured);
    QSignalSpy faces(page, &CapturePage::facesCaptured);
    const auto count = [this](const QString &path) { return m_server->requestCount(path); };
    const int fronts = count(u"/verify/id/front"_s);
    const int backs = count(u"/verify/id/back"_s);
    const int livenesses = count(u"/verify/liveness"_s);

    QCOMPARE(window->currentPage(), MainWindow::Page::SignIn);
    QTest::keyClicks(widget<QLineEdit>("userLineEdit"), u"admin"_s);
    QTest::keyClicks(widget<QLineEdit>("passwordLineEdit"), u"sandbox-admin"_s);
    QVERIFY(click("signInButton"));
    QTRY_COMPARE_WITH_TIMEOUT(window->currentPage(), MainWindow::Page::Welcome, 10000);
    QVERIFY(click("englishButton"));
    QVERIFY(click("startButton"));
    QTest::keyClick(widget<QCheckBox>("consentCheckBox"), Qt::Key_Space);
    QVERIFY(click("acceptButton"));
    QCOMPARE(window->currentPage(), MainWindow::Page::Customer);
    for (const QChar c : u"01004000001"_s)
        QTest::sendKeyEvent(QTest::Click, widget<QLineEdit>("phoneLineEdit"), Qt::Key_unknown,
                            QString(c), Qt::NoModifier);
    QVERIFY(click("continueButton"));

    QTRY_COMPARE_WITH_TIMEOUT(window->currentPage(), MainWindow::Page::Capture, 10000);
    QCOMPARE(m_driver.flow()->step(), Step::IdFront);
    QCOMPARE(sceneShown(), SceneFollower::sceneIndex(Step::IdFront)); // followed at once
    QTRY_COMPARE_WITH_TIMEOUT(m_camera->state(), FrameSource::State::Streaming, 10000);
    QCOMPARE(m_camera->format().resolution(), QSize(1920, 1080));

    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::IdBack, 30000);
    QCOMPARE(sceneShown(), SceneFollower::sceneIndex(Step::IdBack));
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::Liveness, 30000);
    QCOMPARE(sceneShown(), SceneFollower::sceneIndex(Step::Liveness));
    QTRY_COMPARE_WITH_TIMEOUT(window->currentPage(), MainWindow::Page::Review, 30000);

    // One picture per step, each of what the step asked for, all taken automatically.
    QCOMPARE(documents.size(), 2);
    QCOMPARE(faces.size(), 1);
    QCOMPARE(scenesAtCapture, QList<int>({SceneFollower::sceneIndex(Step::IdFront),
                                          SceneFollower::sceneIndex(Step::IdBack),
                                          SceneFollower::sceneIndex(Step::Liveness)}));
    QCOMPARE(count(u"/verify/id/front"_s), fronts + 1);
    QCOMPARE(count(u"/verify/id/back"_s), backs + 1);
    QCOMPARE(count(u"/verify/liveness"_s), livenesses + 1);
    QVERIFY(!widget<QFrame>("failureFrame")->isVisible());
    QVERIFY2(!prompts.contains(u"Turn the card over"_s), qPrintable(prompts.join(u" | ")));
    QVERIFY(!widget<QPushButton>("captureButton")->isVisible());

    QVERIFY(click("confirmButton"));
    QCOMPARE(window->currentPage(), MainWindow::Page::Result);
    QCOMPARE(widget<QLabel>("resultTitleLabel")->text(), u"Your identity is verified"_s);
    QVERIFY(click("finishButton"));
    QTRY_COMPARE(m_camera->state(), FrameSource::State::Stopped);
    m_driver.reset();
    m_follower.reset();
    m_camera.reset();
}

QTEST_MAIN(tst_DemoCamera)
#include "tst_democamera.moc"
