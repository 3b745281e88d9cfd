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
#include "mainwindow.h"
#include "mediabackend.h"
#include "pages/capturepage.h"
#include "qtcamerasource.h"
#include "sandboxserver.h"
#include "settings/agentpin.h"
#include "settings/settings.h"
#include "specimen/persona.h"

#include <QCheckBox>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QMediaDevices>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace kiosk;
using flow::Step;

namespace {
// Scene entries of the fake camera (tests/support/fakecamera/scene.c).
constexpr int FrontScene = 0;
constexpr int BackScene = 1;
constexpr int FaceScene = 2;
} // namespace

class tst_WizardCamera : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void toVerified_data();
    void toVerified();

private:
    void makeWindow(flow::Mode mode);
    void showScene(int index);

    template<typename T>
    T *widget(const char *name) const
    {
        return m_window->findChild<T *>(QString::fromLatin1(name));
    }
    bool click(const char *name);
    void signIn();
    void startSession(bool arabic);
    void enterPhone(bool arabic);

    // Before the first QMediaDevices: the plugin reads KIOSK_FAKECAM_CONTROL when it starts.
    test::FakeCameraControl m_control;
    QTemporaryDir m_sceneDir;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    Translations m_translations{{u"core"_s, u"kiosk"_s}};
    QNetworkAccessManager m_nam;
    const Clock m_clock{};
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<api::VlensClient> m_client;
    std::unique_ptr<flow::OnboardingFlow> m_flow;
    std::unique_ptr<QtCameraSource> m_camera;
    std::unique_ptr<MainWindow> m_window;
    QList<int> m_scenes; // every scene index the test asked for, in order
    int m_serial = 0;
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
    m_control.set(u"scene_index"_s, FrontScene);

    m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxOptions());
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(QMediaDevices::videoInputs().size(), 1, 10000);
    QCOMPARE(QMediaDevices::videoInputs().constFirst().description(), u"Kiosk Fake Camera"_s);
}

void tst_WizardCamera::cleanup()
{
    m_window.reset();
    m_camera.reset();
    m_flow.reset();
    m_client.reset();
    m_settings.reset();
    m_translations.install(QLocale(QLocale::English));
}

void tst_WizardCamera::showScene(int index)
{
    m_scenes << index;
    m_control.set(u"scene_index"_s, index);
}

void tst_WizardCamera::makeWindow(flow::Mode mode)
{
    m_settings = std::make_unique<Settings>();
    using K = Settings::Key;
    m_settings->setOverride(K::ApiBaseUrl, m_server->baseUrl().toString());
    m_settings->setOverride(K::ApiKey, u"sandbox-api-key"_s);
    m_settings->setOverride(K::TenancyName, u"sandbox"_s);
    m_settings->setOverride(K::RegistrationMode,
                            mode == flow::Mode::CaptureFirst ? u"capture-first"_s : u"register"_s);
    m_settings->setOverride(K::AgentPinHash, agentpin::hash(u"246813"_s, 1000));
    m_settings->setOverride(K::FaceCountdownMs, 300);
    m_settings->setOverride(K::ManualCaptureAfterMs, 60000);
    m_settings->setOverride(K::IdleTimeoutMs, 600000);
    // As app/kiosk/main.cpp: the backend (the environment's QT_MEDIA_BACKEND wins), then
    // the camera from the settings (default: the first camera, Full HD).
    QCOMPARE(applyMediaBackend(*m_settings), u"gstreamer"_s);
    m_client =
        std::make_unique<api::VlensClient>(&m_nam, api::VlensConfig::fromSettings(*m_settings));
    m_flow = std::make_unique<flow::OnboardingFlow>(m_client.get(),
                                                    flow::FlowOptions::fromSettings(*m_settings));
    m_camera = std::make_unique<QtCameraSource>(CameraOptions::fromSettings(*m_settings), m_clock);
    m_window = std::make_unique<MainWindow>(m_settings.get(), &m_translations, m_client.get(),
                                            m_flow.get(), m_camera.get(), m_clock);
    // The customer turns the card over once the front is taken, and looks up once the back is.
    connect(m_window->capturePage(), &CapturePage::documentCaptured, this, [this](flow::Side side) {
        showScene(side == flow::Side::Front ? BackScene : FaceScene);
    });
    m_window->resize(1024, 700);
    m_window->show();
}

bool tst_WizardCamera::click(const char *name)
{
    auto *button = widget<QPushButton>(name);
    if (!button || !button->isVisible() || !button->isEnabled()) {
        qWarning("button %s missing, hidden or disabled", name);
        return false;
    }
    QTest::mouseClick(button, Qt::LeftButton);
    return true;
}

void tst_WizardCamera::signIn()
{
    QCOMPARE(m_window->currentPage(), MainWindow::Page::SignIn);
    QTest::keyClicks(widget<QLineEdit>("userLineEdit"), u"admin"_s);
    QTest::keyClicks(widget<QLineEdit>("passwordLineEdit"), u"sandbox-admin"_s);
    QVERIFY(click("signInButton"));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), MainWindow::Page::Welcome, 10000);
}

void tst_WizardCamera::startSession(bool arabic)
{
    signIn();
    if (QTest::currentTestFailed())
        return;
    QVERIFY(click(arabic ? "arabicButton" : "englishButton"));
    QVERIFY(click("startButton"));
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Consent);
    QTest::keyClick(widget<QCheckBox>("consentCheckBox"), Qt::Key_Space);
    QVERIFY(click("acceptButton"));
}

void tst_WizardCamera::enterPhone(bool arabic)
{
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Customer);
    const QString local = u"0100%1"_s.arg(3000000 + ++m_serial); // a new customer each time
    const QString typed = arabic ? specimen::toArabicIndicDigits(local) : local;
    for (const QChar c : typed)
        QTest::sendKeyEvent(QTest::Click, widget<QLineEdit>("phoneLineEdit"), Qt::Key_unknown,
                            QString(c), Qt::NoModifier);
    QVERIFY(click("continueButton"));
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
    showScene(FrontScene); // the next customer's card, front up
    makeWindow(mode);
    if (QTest::currentTestFailed())
        return;
    QSignalSpy documents(m_window->capturePage(), &CapturePage::documentCaptured);
    QSignalSpy faces(m_window->capturePage(), &CapturePage::facesCaptured);
    // Register first sends each picture to the verify endpoints of the registered user;
    // capture first to the OCR endpoints, then registers and links the transaction.
    const QString api = mode == flow::Mode::RegisterFirst ? u"/verify/"_s : u"/v1/ocr/"_s;
    const auto count = [this](const QString &path) { return m_server->requestCount(path); };
    const int fronts = count(api + u"id/front"_s);
    const int backs = count(api + u"id/back"_s);
    const int livenesses = count(api + u"liveness"_s);
    const int registers = count(u"/DigitalIdentity/Register"_s);

    startSession(arabic);
    if (QTest::currentTestFailed())
        return;
    if (mode == flow::Mode::RegisterFirst) {
        enterPhone(arabic);
        if (QTest::currentTestFailed())
            return;
    }
    auto *title = widget<QLabel>("captureTitleLabel");
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), MainWindow::Page::Capture, 10000);
    QCOMPARE(m_flow->step(), Step::IdFront);
    QCOMPARE(title->text(), arabic ? u"الوجه الأمامي للبطاقة"_s : u"Front of your ID card"_s);
    // The real camera streams: Full HD from the fake device, shown in the preview.
    QTRY_COMPARE_WITH_TIMEOUT(m_camera->state(), FrameSource::State::Streaming, 10000);
    QCOMPARE(m_camera->cameraName(), u"Kiosk Fake Camera"_s);
    QCOMPARE(m_camera->format().resolution(), QSize(1920, 1080));
    QTRY_VERIFY(widget<QLabel>("cameraStatusLabel")->text().isEmpty());

    QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), Step::IdBack, 20000);
    QCOMPARE(title->text(), arabic ? u"الوجه الخلفي للبطاقة"_s : u"Back of your ID card"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), Step::Liveness, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(faces.size(), 1, 20000);
    if (mode == flow::Mode::CaptureFirst) {
        QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), MainWindow::Page::Customer, 15000);
        QCOMPARE(count(api + u"liveness"_s), livenesses + 1);
        QCOMPARE(count(u"/DigitalIdentity/Register"_s), registers); // not before the phone
        enterPhone(arabic);
        if (QTest::currentTestFailed())
            return;
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), MainWindow::Page::Review, 20000);
    QCOMPARE(documents.size(), 2); // one picture per side, nothing taken twice
    QCOMPARE(faces.size(), 1);
    QCOMPARE(m_scenes, QList<int>({FrontScene, BackScene, FaceScene}));
    QCOMPARE(count(api + u"id/front"_s), fronts + 1);
    QCOMPARE(count(api + u"id/back"_s), backs + 1);
    QCOMPARE(count(api + u"liveness"_s), livenesses + 1);
    QCOMPARE(count(u"/DigitalIdentity/Register"_s), registers + 1);
    if (mode == flow::Mode::CaptureFirst)
        QCOMPARE(count(u"/LinkUserWithExistingTransaction"_s), 1);
    QVERIFY(!widget<QFrame>("failureFrame")->isVisible());

    // Review: what the sandbox read from the card the camera saw.
    const QString name = widget<QLabel>("nameArabicValueLabel")->text();
    QVERIFY2(name.contains(QChar(0x0623)) || name.contains(QChar(0x0645)), qPrintable(name));
    QVERIFY(!widget<QLabel>("idNumberValueLabel")->text().isEmpty());
    QVERIFY(!widget<QLabel>("checksLabel")->text().contains(u"✖"_s));
    QVERIFY(click("confirmButton"));

    QCOMPARE(m_window->currentPage(), MainWindow::Page::Result);
    QCOMPARE(widget<QLabel>("resultTitleLabel")->text(),
             arabic ? u"تم التحقق من هويتك"_s : u"Your identity is verified"_s);
    QVERIFY(click("finishButton"));
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Welcome);
    QVERIFY(m_flow->session().isEmpty());
    QVERIFY(!m_window->holdsCustomerData());
    QTRY_COMPARE(m_camera->state(), FrameSource::State::Stopped);
}

QTEST_MAIN(tst_WizardCamera)
#include "tst_wizardcamera.moc"
