// The whole wizard to "verified" through the kiosk's real camera path: QtCameraSource
// (QCamera, Qt Multimedia's GStreamer backend) on the fake camera device of
// tests/support/fakecamera, wired into MainWindow as app/kiosk/main.cpp does, against an
// in-process sandbox. The device plays a scripted scene: the rendered card front, its back,
// then a face video made by tests/support/facevideo from a real photo (Debian's opencv-doc); the
// test moves the scene on through the device's control file when the wizard has taken a picture, as
// a customer turns the card over and then looks up.
#include "api/vlensclient.h"
#include "capture/cameraoptions.h"
#include "capture/clock.h"
#include "facevideo.h"
#include "fakecameracontrol.h"
#include "flow/onboardingflow.h"
#include "i18n.h"
#include "kioskcamera.h"
#include "mainwindow.h"
#include "mediabackend.h"
#include "pages/capturepage.h"
#include "qtcamerasource.h"
#include "sandboxserver.h"
#include "settings/agentpin.h"
#include "settings/settings.h"
#include "specimen/persona.h"
#include "wizarddriver.h"

#include <QCheckBox>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QMediaDevices>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace kiosk;
using flow::Step;

class tst_WizardCamera : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void toVerified_data();
    void toVerified();

private:
    void makeWindow(flow::Mode mode);
    void showScene(int index);

    // Before the first QMediaDevices: the plugin reads KIOSK_FAKECAM_CONTROL when it starts.
    test::FakeCameraControl m_control;
    QTemporaryDir m_sceneDir;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    Translations m_translations{{u"core"_s, u"kiosk"_s}};
    const Clock m_clock{};
    std::unique_ptr<QtCameraSource> m_camera;
    test::WizardDriver m_driver{m_translations, 3000000};
    QList<int> m_scenes; // every scene index the test asked for, in order
};

void tst_WizardCamera::initTestCase()
{
    qRegisterMetaType<flow::Failure>();
    QVERIFY(m_sceneDir.isValid());
    QString error;
    const QString faces = m_sceneDir.filePath(u"faces.avi"_s);
    QVERIFY2(test::writeFaceVideo(faces, &error), qPrintable(error));
    const QString dir = QStringLiteral(KIOSK_FAKECAM_SCENE_DIR);
    // Stills without a duration hold until the control file moves the scene on; the face
    // video loops.
    m_control.set(u"scene"_s, u"%1/card-front.png;%1/card-back.png;%2"_s.arg(dir, faces));
    m_control.set(u"scene_index"_s, test::FrontScene);

    m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxOptions());
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(QMediaDevices::videoInputs().size(), 1, 10000);
    QCOMPARE(QMediaDevices::videoInputs().constFirst().description(), u"Kiosk Fake Camera"_s);
}

void tst_WizardCamera::cleanup()
{
    m_driver.reset();
    m_camera.reset();
    m_translations.install(QLocale(QLocale::English));
}

void tst_WizardCamera::showScene(int index)
{
    m_scenes << index;
    m_control.set(u"scene_index"_s, index);
}

void tst_WizardCamera::makeWindow(flow::Mode mode)
{
    // As app/kiosk/main.cpp: the backend (the environment's QT_MEDIA_BACKEND wins), then
    // the camera from the settings (default: the first camera, Full HD).
    QString backend;
    m_driver.makeWindow(m_server->baseUrl(), test::kioskCamera(&m_camera, m_clock, &backend),
                        m_clock, mode);
    QCOMPARE(backend, u"gstreamer"_s);
    // The customer turns the card over once the front is taken, and looks up once the back is.
    connect(m_driver.window()->capturePage(), &CapturePage::documentCaptured, this,
            [this](flow::Side side) {
                showScene(side == flow::Side::Front ? test::BackScene : test::FaceScene);
            });
}

void tst_WizardCamera::toVerified_data()
{
    QTest::addColumn<bool>("arabic");
    QTest::addColumn<flow::Mode>("mode");
    QTest::newRow("English, register first") << false << flow::Mode::RegisterFirst;
    QTest::newRow("Arabic, capture first") << true << flow::Mode::CaptureFirst;
}

void tst_WizardCamera::toVerified()
{
    QFETCH(bool, arabic);
    QFETCH(flow::Mode, mode);
    m_scenes.clear();
    showScene(test::FrontScene); // the next customer's card, front up
    makeWindow(mode);
    if (QTest::currentTestFailed())
        return;
    QSignalSpy documents(m_driver.window()->capturePage(), &CapturePage::documentCaptured);
    QSignalSpy faces(m_driver.window()->capturePage(), &CapturePage::facesCaptured);
    // Register first sends each picture to the verify endpoints of the registered user;
    // capture first to the OCR endpoints, then registers and links the transaction.
    const QString api = mode == flow::Mode::RegisterFirst ? u"/verify/"_s : u"/v1/ocr/"_s;
    const auto count = [this](const QString &path) { return m_server->requestCount(path); };
    const int fronts = count(api + u"id/front"_s);
    const int backs = count(api + u"id/back"_s);
    const int livenesses = count(api + u"liveness"_s);
    const int registers = count(u"/DigitalIdentity/Register"_s);

    m_driver.startSession(arabic);
    if (QTest::currentTestFailed())
        return;
    if (mode == flow::Mode::RegisterFirst) {
        m_driver.enterPhone(arabic);
        if (QTest::currentTestFailed())
            return;
    }
    auto *title = m_driver.widget<QLabel>("captureTitleLabel");
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.window()->currentPage(), MainWindow::Page::Capture, 10000);
    QCOMPARE(m_driver.flow()->step(), Step::IdFront);
    QCOMPARE(title->text(), arabic ? u"الوجه الأمامي للبطاقة"_s : u"Front of your ID card"_s);
    // The real camera streams: Full HD from the fake device, shown in the preview.
    QTRY_COMPARE_WITH_TIMEOUT(m_camera->state(), FrameSource::State::Streaming, 10000);
    QCOMPARE(m_camera->cameraName(), u"Kiosk Fake Camera"_s);
    QCOMPARE(m_camera->format().resolution(), QSize(1920, 1080));
    QTRY_VERIFY(m_driver.widget<QLabel>("cameraStatusLabel")->text().isEmpty());

    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::IdBack, 20000);
    QCOMPARE(title->text(), arabic ? u"الوجه الخلفي للبطاقة"_s : u"Back of your ID card"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::Liveness, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(faces.size(), 1, 20000);
    if (mode == flow::Mode::CaptureFirst) {
        QTRY_COMPARE_WITH_TIMEOUT(m_driver.window()->currentPage(), MainWindow::Page::Customer,
                                  15000);
        QCOMPARE(count(api + u"liveness"_s), livenesses + 1);
        QCOMPARE(count(u"/DigitalIdentity/Register"_s), registers); // not before the phone
        m_driver.enterPhone(arabic);
        if (QTest::currentTestFailed())
            return;
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.window()->currentPage(), MainWindow::Page::Review, 20000);
    QCOMPARE(documents.size(), 2); // one picture per side, nothing taken twice
    QCOMPARE(faces.size(), 1);
    QCOMPARE(m_scenes, QList<int>({test::FrontScene, test::BackScene, test::FaceScene}));
    QCOMPARE(count(api + u"id/front"_s), fronts + 1);
    QCOMPARE(count(api + u"id/back"_s), backs + 1);
    QCOMPARE(count(api + u"liveness"_s), livenesses + 1);
    QCOMPARE(count(u"/DigitalIdentity/Register"_s), registers + 1);
    if (mode == flow::Mode::CaptureFirst)
        QCOMPARE(count(u"/LinkUserWithExistingTransaction"_s), 1);
    QVERIFY(!m_driver.widget<QFrame>("failureFrame")->isVisible());

    // Review: what the sandbox read from the card the camera saw.
    const QString name = m_driver.widget<QLabel>("nameArabicValueLabel")->text();
    QVERIFY2(name.contains(QChar(0x0623)) || name.contains(QChar(0x0645)), qPrintable(name));
    QVERIFY(!m_driver.widget<QLabel>("idNumberValueLabel")->text().isEmpty());
    QVERIFY(!m_driver.widget<QLabel>("checksLabel")->text().contains(u"✖"_s));
    m_driver.confirmToVerified(arabic);
    if (QTest::currentTestFailed())
        return;
    m_driver.finish();
    QTRY_COMPARE(m_camera->state(), FrameSource::State::Stopped);
}

QTEST_MAIN(tst_WizardCamera)
#include "tst_wizardcamera.moc"
