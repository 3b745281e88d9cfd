#include "api/apierror.h"
#include "api/vlensclient.h"
#include "audit/imagethumbnail.h"
#include "flow/onboardingflow.h"
#include "homefolders.h"
#include "i18n.h"
#include "imaging/capturethresholds.h"
#include "imaging/carddetector.h"
#include "imaging/facedetector.h"
#include "imaging/frameanalyzer.h"
#include "imaging/guidance.h"
#include "imaging/matimage.h"
#include "mainwindow.h"
#include "pages/agentloginpage.h"
#include "pages/auditpage.h"
#include "pages/capturepage.h"
#include "sandboxflow.h"
#include "sandboxserver.h"
#include "settings/agentpin.h"
#include "settings/settings.h"
#include "specimen/idcardrenderer.h"
#include "specimen/persona.h"
#include "spokenprompts.h"
#include "syntheticframesource.h"
#include "wizarddriver.h"

#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFrame>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPainter>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTimer>

#include <functional>

using namespace Qt::StringLiterals;
using namespace kiosk;
using flow::Step;

// The whole wizard driven by widget names against an in-process sandbox, with a
// synthetic camera showing rendered specimen cards and a face: both languages, both
// registration modes to "verified", the failures the sandbox injects, the idle reset,
// and the wipe (nothing of the customer in memory or on disk afterwards).
class tst_Wizard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void toVerified_data();
    void toVerified();
    void droppedUploadIsSentAgainWithoutRetake();
    void registerFailureDoesNotSpeakOfPictures_data();
    void registerFailureDoesNotSpeakOfPictures();
    void cardNotDetectedAsksForRetakeInArabic();
    void expiredTokenTwiceLetsTheAgentRetry();
    void livenessFailedRetakesTheFaces();
    void spoofedCardIsReferredToTheAgent();
    void cancelDuringUploadKeepsThePictures();
    void invalidPhoneIsExplainedInPlace();
    void consentDeclinedEndsTheSession();
    void idleSessionIsWarnedThenReset();
    void wholeSessionWritesNothingAndResetWipes();
    void agentAuditsTheStoredImagesBehindThePin();
    void spokenPromptsFollowTheCustomer();
    // Issue 11: kiosk escape on idle, brute force, rich text from the server.
    void idleClosesTheAgentsFolderDialog();
    void keysInTheAgentsDialogCountAsActivity();
    void signOutClosesTheAgentsFolderDialog();
    void idleEndsASessionWithARequestInFlight();
    void agentSignInIsThrottledAfterRefusals();
    void serverTextIsShownAsPlainText();
#ifdef KIOSK_SCREENSHOTS
    // Not a check: grabs the pages for docs/screenshots (the screenshots target builds
    // this suite once more with KIOSK_SCREENSHOTS; KIOSK_SCREENSHOT_DIR chooses the folder).
    void screenshots_data();
    void screenshots();
#endif

private:
    // configure: settings a test needs beyond the common ones, before the window exists.
    void makeWindow(flow::Mode mode, const std::function<void(Settings &)> &configure = {});
    void fault(const QString &spec);
    // Stores a verification (front of a card) for phone at the sandbox, as a kiosk would.
    void storeVerification(const QString &phone);
    // Signs in, unlocks the agent pages, finds phone on the audit screen and opens the front
    // of the card large; returns the viewer's Export button.
    void openStoredFrontInTheViewer(const QString &phone, QPushButton **exportButton);
    // Clicks Export, which opens the real "Choose a folder" dialog (a nested event loop);
    // while it is open, onOpen(dialog) runs once. A dialog still open after 15 s is
    // rejected by the test itself (so the test fails instead of hanging); returns whether
    // that was needed.
    bool exportWithFolderDialog(QPushButton *exportButton,
                                const std::function<void(QFileDialog *)> &onOpen, bool *dialogSeen);

    std::unique_ptr<QTemporaryDir> m_sandboxHome;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    Translations m_translations{{u"core"_s, u"kiosk"_s}};
    ManualClock m_clock;
    test::SyntheticFrameSource m_camera{m_clock};
    test::WizardScenes m_scenes;
    test::SceneFeeder m_feeder{m_camera, m_clock, m_scenes};
    test::WizardDriver m_driver{m_translations, 2000000};
    QByteArray m_frontCardJpeg;  // the front of the first persona's card, as sent
    QNetworkAccessManager m_nam; // for a second client of the sandbox
};

void tst_Wizard::initTestCase()
{
    // Fresh HOME, config, cache and temp folders: the wipe test compares them before and
    // after a session. Set before anything could write there.
    m_sandboxHome = std::make_unique<QTemporaryDir>();
    QVERIFY(m_sandboxHome->isValid());
    QVERIFY(test::redirectHomeFolders(*m_sandboxHome,
                                      {"HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "TMPDIR"}));

    qRegisterMetaType<flow::Failure>();
    m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxOptions());
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));

    const auto personas = specimen::loadPersonasFile(specimen::builtInPersonasPath(), &error);
    QVERIFY2(!personas.isEmpty(), qPrintable(error));
    {
        QBuffer buffer(&m_frontCardJpeg);
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QVERIFY(
            specimen::IdCardRenderer(800).renderFront(personas.first()).save(&buffer, "JPG", 90));
    }
    m_scenes = test::WizardScenes::make(u"ahmed"_s,
                                        QStringLiteral(KIOSK_OPENCV_SAMPLES "/messi5.jpg"), &error);
    QVERIFY2(m_scenes.isValid(), qPrintable(error));
}

void tst_Wizard::init()
{
    m_server->clearFaults();
    m_feeder.useSpoof = false;
    m_feeder.emptyDesk = false;
    makeWindow(flow::Mode::RegisterFirst);
}

void tst_Wizard::cleanup()
{
    m_feeder.stop();
    m_driver.reset();
    m_translations.install(QLocale(QLocale::English));
}

void tst_Wizard::makeWindow(flow::Mode mode, const std::function<void(Settings &)> &configure)
{
    m_feeder.stop();
    m_driver.makeWindow(m_server->baseUrl(), &m_camera, m_clock, mode, configure);
    m_feeder.start(m_driver.window());
}

void tst_Wizard::fault(const QString &spec)
{
    test::injectFault(*m_server, spec);
}

void tst_Wizard::toVerified_data()
{
    QTest::addColumn<bool>("arabic");
    QTest::addColumn<flow::Mode>("mode");
    QTest::newRow("English, register first") << false << flow::Mode::RegisterFirst;
    QTest::newRow("Arabic, register first") << true << flow::Mode::RegisterFirst;
    QTest::newRow("English, capture first") << false << flow::Mode::CaptureFirst;
    QTest::newRow("Arabic, capture first") << true << flow::Mode::CaptureFirst;
}

void tst_Wizard::toVerified()
{
    QFETCH(bool, arabic);
    QFETCH(flow::Mode, mode);
    makeWindow(mode);
    QSignalSpy documents(m_driver.window()->capturePage(), &CapturePage::documentCaptured);
    m_driver.startSession(arabic);
    if (QTest::currentTestFailed())
        return;
    m_driver.captureToReview(mode, arabic);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(documents.size(), 2); // one capture per side, nothing sent twice
    QVERIFY(!m_driver.widget<QFrame>("failureFrame")->isVisible());

    // Review: Arabic names in Arabic, the ID number and its cross-checks.
    const QString name = m_driver.widget<QLabel>("nameArabicValueLabel")->text();
    QVERIFY2(name.contains(QChar(0x0623)) || name.contains(QChar(0x0645)), qPrintable(name));
    QCOMPARE(m_driver.widget<QLabel>("idNumberValueLabel")->text(), u"29003150101235"_s);
    // The specimen numbers pass every structural check; their check digit does not follow
    // the unpublished rule, which the page shows as a warning for the agent, not an error.
    const QString checks = m_driver.widget<QLabel>("checksLabel")->text();
    QVERIFY2(checks.contains(arabic ? u"رقم التحقق في الرقم القومي"_s
                                    : u"The ID number's check digit differs"_s),
             qPrintable(checks));
    QVERIFY(!checks.contains(u"✖"_s));
    QCOMPARE(m_driver.widget<QLabel>("genderValueLabel")->text(), arabic ? u"ذكر"_s : u"Male"_s);
    m_driver.confirmToVerified(arabic);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(m_driver.widget<QLabel>("servicesLabel")
                ->text()
                .contains(arabic ? u"شخص حقيقي"_s : u"A live person"_s));
    m_driver.finish();
    QCOMPARE(m_camera.state(), FrameSource::State::Stopped);
}

void tst_Wizard::droppedUploadIsSentAgainWithoutRetake()
{
    QSignalSpy documents(m_driver.window()->capturePage(), &CapturePage::documentCaptured);
    m_driver.startSession(false);
    m_driver.enterPhone(false);
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::IdFront, 10000);
    const int before = m_server->requestCount(u"/verify/id/front"_s);
    fault(u"close,path=/verify/id/front"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_driver.widget<QFrame>("failureFrame")->isVisible(), 15000);
    const auto failure = m_driver.flow()->pendingFailure();
    QVERIFY(failure);
    QCOMPARE(failure->action, flow::Failure::Action::RetrySend);
    QVERIFY(m_driver.widget<QLabel>("failureLabel")->text().startsWith(failure->error.message()));
    QVERIFY(m_driver.widget<QLabel>("failureLabel")->text().contains(u"Try again"_s));
    QVERIFY(m_driver.widget<QLabel>("failureLabel")->text().contains(u"Your pictures are kept"_s));
    QVERIFY(!m_driver.widget<QPushButton>("retakeButton")->isVisible());
    QCOMPARE(documents.size(), 1);

    QVERIFY(m_driver.click("tryAgainButton"));
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::IdBack, 15000);
    QCOMPARE(documents.size(), 1); // the kept picture went again: no new capture
    QCOMPARE(m_server->requestCount(u"/verify/id/front"_s), before + 2);
}

// At the customer step no picture exists yet: a failed Register offers Try again without
// saying that pictures are kept (issue 11, fault matrix), in either language.
void tst_Wizard::registerFailureDoesNotSpeakOfPictures_data()
{
    QTest::addColumn<bool>("arabic");
    QTest::newRow("English") << false;
    QTest::newRow("Arabic") << true;
}

void tst_Wizard::registerFailureDoesNotSpeakOfPictures()
{
    QFETCH(bool, arabic);
    m_driver.startSession(arabic);
    fault(u"http=503,path=/DigitalIdentity/Register"_s);
    m_driver.enterPhone(arabic);
    QTRY_VERIFY_WITH_TIMEOUT(m_driver.widget<QFrame>("failureFrame")->isVisible(), 15000);
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Customer);
    const auto failure = m_driver.flow()->pendingFailure();
    QVERIFY(failure);
    QCOMPARE(failure->action, flow::Failure::Action::RetrySend);
    const QString shown = m_driver.widget<QLabel>("failureLabel")->text();
    QCOMPARE(shown, failure->error.message());
    QVERIFY2(!shown.contains(u"pictures"_s), qPrintable(shown));
    QVERIFY2(!shown.contains(u"صورك"_s), qPrintable(shown));
    QVERIFY(m_driver.widget<QPushButton>("tryAgainButton")->isVisible());

    QVERIFY(m_driver.click("tryAgainButton"));
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::IdFront, 15000);
}

void tst_Wizard::cardNotDetectedAsksForRetakeInArabic()
{
    QSignalSpy documents(m_driver.window()->capturePage(), &CapturePage::documentCaptured);
    m_driver.startSession(true);
    m_driver.enterPhone(true);
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::IdFront, 10000);
    fault(u"error_code=3011,path=/verify/id/front"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_driver.widget<QFrame>("failureFrame")->isVisible(), 15000);
    const QString expected = api::ApiError::service(3011).message();
    QVERIFY2(expected.contains(QChar(0x0627)), "the 3011 message is translated");
    const QString shown = m_driver.widget<QLabel>("failureLabel")->text();
    QVERIFY2(shown.startsWith(expected), qPrintable(shown));
    QVERIFY(shown.contains(u"يرجى التقاط الصورة مرة أخرى"_s));
    QCOMPARE(m_driver.widget<QPushButton>("retakeButton")->text(), u"إعادة التصوير"_s);
    QVERIFY(!m_driver.widget<QPushButton>("tryAgainButton")->isVisible());

    QVERIFY(m_driver.click("retakeButton"));
    QVERIFY(!m_driver.widget<QFrame>("failureFrame")->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::IdBack, 15000);
    QCOMPARE(documents.size(), 2); // retaken, as the service asked
}

void tst_Wizard::expiredTokenTwiceLetsTheAgentRetry()
{
    m_driver.startSession(false);
    m_driver.enterPhone(false);
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::IdFront, 10000);
    fault(u"expired_token,path=/verify/id/front,count=2"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_driver.widget<QFrame>("failureFrame")->isVisible(), 15000);
    QCOMPARE(m_driver.flow()->pendingFailure()->action, flow::Failure::Action::AgentDecides);
    const QString shown = m_driver.widget<QLabel>("failureLabel")->text();
    QVERIFY2(shown.startsWith(m_driver.flow()->pendingFailure()->error.message()),
             qPrintable(shown));
    QVERIFY(shown.contains(u"ask the agent"_s));
    for (const char *name : {"agentRetryButton", "referButton", "endSessionButton"})
        QVERIFY2(m_driver.widget<QPushButton>(name)->isVisible(), name);
    QVERIFY(m_driver.click("agentRetryButton")); // a token problem: the kept picture is sent again
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::IdBack, 15000);
}

void tst_Wizard::livenessFailedRetakesTheFaces()
{
    QSignalSpy faces(m_driver.window()->capturePage(), &CapturePage::facesCaptured);
    m_driver.startSession(false);
    m_driver.enterPhone(false);
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::Liveness, 30000);
    fault(u"liveness_fail"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_driver.widget<QFrame>("failureFrame")->isVisible(), 15000);
    QVERIFY(m_driver.widget<QLabel>("failureLabel")->text().contains(u"live person"_s));
    QCOMPARE(faces.size(), 1);
    QVERIFY(m_driver.click("retakeButton"));
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.window()->currentPage(), MainWindow::Page::Review, 15000);
    QCOMPARE(faces.size(), 2);
}

void tst_Wizard::spoofedCardIsReferredToTheAgent()
{
    m_feeder.useSpoof = true;
    m_driver.startSession(false);
    m_driver.enterPhone(false);
    QTRY_VERIFY_WITH_TIMEOUT(m_driver.widget<QFrame>("failureFrame")->isVisible(), 20000);
    QCOMPARE(m_driver.flow()->step(), Step::IdFront);
    // The sandbox refuses the spoofed persona's card with 5005 (not a real document).
    QCOMPARE(m_driver.flow()->pendingFailure()->error.serviceCode(), 5005);
    QCOMPARE(m_driver.flow()->pendingFailure()->action, flow::Failure::Action::AgentDecides);
    const QString shown = m_driver.widget<QLabel>("failureLabel")->text();
    QVERIFY2(shown.startsWith(api::ApiError::service(5005).message()), qPrintable(shown));
    QVERIFY(shown.endsWith(u"Please ask the agent for help."_s));
    QVERIFY(!m_driver.widget<QPushButton>("tryAgainButton")->isVisible());
    QVERIFY(m_driver.click("referButton"));
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Result);
    QCOMPARE(m_driver.widget<QLabel>("resultTitleLabel")->text(), u"Please see the agent"_s);
    QVERIFY(m_driver.click("finishButton"));
    QVERIFY(m_driver.flow()->session().isEmpty());
}

void tst_Wizard::cancelDuringUploadKeepsThePictures()
{
    QSignalSpy documents(m_driver.window()->capturePage(), &CapturePage::documentCaptured);
    m_driver.startSession(false);
    m_driver.enterPhone(false);
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::IdFront, 10000);
    fault(u"latency=4000,path=/verify/id/front"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_driver.widget<QFrame>("busyFrame")->isVisible(), 15000);
    QVERIFY(m_driver.widget<QWidget>("uploadProgressBar")->isVisible());
    QVERIFY(m_driver.click("cancelButton"));
    QTRY_VERIFY_WITH_TIMEOUT(m_driver.widget<QPushButton>("tryAgainButton")->isVisible(), 5000);
    QVERIFY(!m_driver.widget<QFrame>("busyFrame")->isVisible());
    QVERIFY(!m_driver.flow()->session().idFront.isEmpty());
    QVERIFY(m_driver.click("tryAgainButton"));
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::IdBack, 15000);
    QCOMPARE(documents.size(), 1);
}

void tst_Wizard::invalidPhoneIsExplainedInPlace()
{
    m_driver.startSession(false);
    const int before = m_server->requestCount();
    QTest::keyClicks(m_driver.widget<QLineEdit>("phoneLineEdit"), u"0100 12"_s);
    QTest::keyClick(m_driver.widget<QLineEdit>("phoneLineEdit"),
                    Qt::Key_Return); // Enter = Continue
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Customer);
    QVERIFY(m_driver.widget<QLabel>("phoneHintLabel")
                ->text()
                .startsWith(u"Please enter an Egyptian"_s));
    QCOMPARE(m_server->requestCount(), before);
}

void tst_Wizard::consentDeclinedEndsTheSession()
{
    m_driver.signIn();
    QVERIFY(m_driver.click("arabicButton"));
    QVERIFY(m_driver.click("startButton"));
    QVERIFY(m_driver.click("declineButton"));
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Welcome);
    // The next customer meets the kiosk's own language again.
    QCOMPARE(QGuiApplication::layoutDirection(), Qt::LeftToRight);
    QVERIFY(m_driver.widget<QPushButton>("englishButton")->isChecked());
}

void tst_Wizard::idleSessionIsWarnedThenReset()
{
    m_driver.startSession(false);
    m_driver.window()->idleWatch()->setDurations(150, 1200);
    QTest::keyClicks(m_driver.widget<QLineEdit>("phoneLineEdit"), u"01001234567"_s);
    m_clock.advanceMs(150);
    QTRY_VERIFY_WITH_TIMEOUT(m_driver.widget<QFrame>("idleFrame")->isVisible(), 5000);
    QVERIFY(m_driver.widget<QLabel>("idleLabel")->text().contains(u"ends in"_s));
    QVERIFY(m_driver.click("stillHereButton")); // the customer is back
    QVERIFY(!m_driver.widget<QFrame>("idleFrame")->isVisible());
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Customer);
    m_clock.advanceMs(150);
    QTRY_VERIFY_WITH_TIMEOUT(m_driver.widget<QFrame>("idleFrame")->isVisible(), 5000);
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Customer);
    m_clock.advanceMs(1200);
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.window()->currentPage(), MainWindow::Page::Welcome, 8000);
    QVERIFY(m_driver.widget<QLineEdit>("phoneLineEdit")->text().isEmpty());
    QVERIFY(m_driver.flow()->session().isEmpty());
}

void tst_Wizard::wholeSessionWritesNothingAndResetWipes()
{
    const QStringList before = test::fileTree(m_sandboxHome->path());
    m_driver.startSession(true);
    m_driver.captureToReview(flow::Mode::RegisterFirst, true);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!m_driver.flow()->session().isEmpty());
    QVERIFY(m_driver.window()->holdsCustomerData());
    QVERIFY(m_driver.click("confirmButton"));
    QVERIFY(!m_driver.client()->userTokens().accessToken.isEmpty());
    QVERIFY(m_driver.click("finishButton"));

    // In memory: nothing of the customer in the flow, the client or any page.
    QVERIFY(m_driver.flow()->session().isEmpty());
    QVERIFY(m_driver.client()->userTokens().accessToken.isEmpty());
    QVERIFY(!m_driver.window()->holdsCustomerData());
    for (const char *name : {"nameArabicValueLabel", "idNumberValueLabel", "addressValueLabel",
                             "resultTitleLabel", "failureLabel"})
        QVERIFY2(m_driver.widget<QLabel>(name)->text().isEmpty(), name);
    QVERIFY(m_driver.widget<QLineEdit>("phoneLineEdit")->text().isEmpty());
    QVERIFY(!m_driver.widget<QCheckBox>("consentCheckBox")->isChecked());
    // On disk: not one file written or changed under HOME, config, cache or temp.
    QCOMPARE(test::fileTree(m_sandboxHome->path()), before);
}

// The agent's audit screen is part of the kiosk: behind the PIN, with the agent signed in,
// it lists what the session just stored, and leaving the agent pages drops the images.
void tst_Wizard::agentAuditsTheStoredImagesBehindThePin()
{
    makeWindow(flow::Mode::RegisterFirst);
    m_driver.startSession(false);
    if (QTest::currentTestFailed())
        return;
    m_driver.captureToReview(flow::Mode::RegisterFirst, false);
    if (QTest::currentTestFailed())
        return;
    const QString phone = m_driver.widget<QLineEdit>("phoneLineEdit")->text();
    QVERIFY(m_driver.click("confirmButton"));
    QVERIFY(m_driver.click("finishButton"));
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Welcome);

    QVERIFY(m_driver.click("agentButton"));
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Pin);
    QTest::keyClicks(m_driver.widget<QLineEdit>("pinLineEdit"), test::WizardDriver::kAgentPin);
    QVERIFY(m_driver.click("unlockButton"));
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Settings);
    QVERIFY(m_driver.click("auditButton"));
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Audit);
    QVERIFY(!m_driver.widget<QPushButton>("agentButton")->isVisible());

    auto *customer = m_driver.widget<QLineEdit>("customerLineEdit");
    QVERIFY(customer && customer->isVisible());
    QTest::keyClicks(customer, phone);
    QVERIFY(m_driver.click("searchPushButton"));
    const QStringList names{u"idFrontImageThumbnail"_s, u"idBackImageThumbnail"_s,
                            u"livenessFace01ImageThumbnail"_s, u"livenessFace03ImageThumbnail"_s};
    for (const QString &name : names) {
        auto *thumbnail = m_driver.window()->findChild<ImageThumbnail *>(name);
        QVERIFY2(thumbnail, qPrintable(name));
        QTRY_COMPARE_WITH_TIMEOUT(thumbnail->state(), ImageThumbnail::State::Loaded, 15000);
    }

    QVERIFY(m_driver.click("auditBackButton"));
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Settings);
    QVERIFY(m_driver.click("settingsBackButton"));
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Welcome);
    // Leaving the agent pages dropped the images and the search.
    QVERIFY(customer->text().isEmpty());
    QVERIFY(m_driver.window()->findChild<ImageThumbnail *>(u"idFrontImageThumbnail"_s)->state() !=
            ImageThumbnail::State::Loaded);
}

// A customer who cannot read the screen turns on spoken prompts at the welcome page: the
// page titles and the capture instructions are handed to the speech engine in the chosen
// language, and the choice ends with the session.
void tst_Wizard::spokenPromptsFollowTheCustomer()
{
    SpokenPrompts *speech = m_driver.window()->spokenPrompts();
    m_driver.signIn();
    QVERIFY(m_driver.click("englishButton"));
    QVERIFY(!speech->isEnabled());
    QVERIFY(m_driver.click("startButton"));
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Consent);
    QVERIFY(speech->lastSpoken().isEmpty()); // nothing is spoken unless asked for
    QVERIFY(m_driver.click("declineButton"));
    QTRY_COMPARE(m_driver.window()->currentPage(), MainWindow::Page::Welcome);

    QVERIFY(m_driver.click("speechButton"));
    QVERIFY(speech->isEnabled());
    QCOMPARE(speech->lastSpoken(), m_driver.widget<QLabel>("welcomeTitleLabel")->text());
    QVERIFY(m_driver.click("startButton"));
    QCOMPARE(speech->lastSpoken(), m_driver.widget<QLabel>("consentTitleLabel")->text());
    QTest::keyClick(m_driver.widget<QCheckBox>("consentCheckBox"), Qt::Key_Space);
    QVERIFY(m_driver.click("acceptButton"));
    m_driver.enterPhone(false);
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.window()->currentPage(), MainWindow::Page::Capture, 10000);
    // The capture page's instruction follows the preview.
    QTRY_COMPARE_WITH_TIMEOUT(speech->lastSpoken(),
                              m_driver.widget<QLabel>("instructionLabel")->text(), 10000);
    QVERIFY(!speech->lastSpoken().isEmpty());

    m_driver.flow()->endSession(flow::EndReason::CustomerLeft);
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Welcome);
    QVERIFY(!speech->isEnabled());
    QVERIFY(!m_driver.widget<QPushButton>("speechButton")->isChecked());
}

void tst_Wizard::storeVerification(const QString &phone)
{
    api::VlensConfig config = api::VlensConfig::fromSettings(*m_driver.settings());
    api::VlensClient customer(&m_nam, config);
    std::unique_ptr<api::ApiReply<api::SessionResult>> reg(customer.registerUser({phone}));
    QVERIFY2(reg->waitForFinished(10000), qPrintable(reg->error().fullMessage()));
    std::unique_ptr<api::ApiReply<api::VerifyResult>> front(
        customer.verifyIdFront({m_frontCardJpeg}));
    QVERIFY2(front->waitForFinished(15000), qPrintable(front->error().fullMessage()));
}

void tst_Wizard::openStoredFrontInTheViewer(const QString &phone, QPushButton **exportButton)
{
    *exportButton = nullptr;
    storeVerification(phone);
    if (QTest::currentTestFailed())
        return;
    m_driver.signIn();
    if (QTest::currentTestFailed())
        return;
    QVERIFY(m_driver.click("agentButton"));
    QTest::keyClicks(m_driver.widget<QLineEdit>("pinLineEdit"), test::WizardDriver::kAgentPin);
    QVERIFY(m_driver.click("unlockButton"));
    QVERIFY(m_driver.click("auditButton"));
    QTest::keyClicks(m_driver.widget<QLineEdit>("customerLineEdit"), phone);
    QVERIFY(m_driver.click("searchPushButton"));
    auto *front = m_driver.window()->findChild<ImageThumbnail *>(u"idFrontImageThumbnail"_s);
    QVERIFY(front);
    QTRY_COMPARE_WITH_TIMEOUT(front->state(), ImageThumbnail::State::Loaded, 15000);
    QTest::mouseClick(front, Qt::LeftButton);
    auto *button = m_driver.widget<QPushButton>("exportPushButton");
    QVERIFY(button);
    QTRY_VERIFY(button->isVisible());
    *exportButton = button;
}

bool tst_Wizard::exportWithFolderDialog(QPushButton *exportButton,
                                        const std::function<void(QFileDialog *)> &onOpen,
                                        bool *dialogSeen)
{
    *dialogSeen = false;
    bool forced = false;
    QElapsedTimer open;
    QTimer watcher;
    watcher.setInterval(20);
    connect(&watcher, &QTimer::timeout, this, [&] {
        QFileDialog *dialog = nullptr;
        const QWidgetList windows = QApplication::topLevelWidgets();
        for (QWidget *w : windows) {
            if (auto *d = qobject_cast<QFileDialog *>(w); d && d->isVisible())
                dialog = d;
        }
        if (!dialog)
            return;
        if (!*dialogSeen) {
            *dialogSeen = true;
            open.start();
            if (onOpen)
                onOpen(dialog);
        } else if (open.hasExpired(15000)) {
            forced = true; // the kiosk left it open: close it so that the test can fail
            dialog->reject();
        }
    });
    watcher.start();
    // Blocks in the dialog's own event loop until something closes it.
    QTest::mouseClick(exportButton, Qt::LeftButton);
    watcher.stop();
    return forced;
}

// Issue 11, defect 3: the idle timer fired while the agent's "Choose a folder" dialog was
// open; the kiosk went back to the welcome page and left the dialog on top of it.
void tst_Wizard::idleClosesTheAgentsFolderDialog()
{
    QPushButton *exportButton = nullptr;
    openStoredFrontInTheViewer(u"+201001239001"_s, &exportButton);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(exportButton);
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Audit);
    const QStringList before = QDir(m_sandboxHome->path()).entryList(QDir::AllEntries);
    bool seen = false;
    const bool forced = exportWithFolderDialog(
        exportButton,
        [this](QFileDialog *dialog) {
            QVERIFY(dialog->windowTitle().startsWith(u"Choose a folder"_s));
            // The agent walked away: the idle period, then the warning run out.
            flow::IdleWatch *idle = m_driver.window()->idleWatch();
            idle->setDurations(200, 200);
            connect(idle, &flow::IdleWatch::warningStarted, dialog,
                    [this] { m_clock.advanceMs(200); });
            m_clock.advanceMs(200);
        },
        &seen);
    QVERIFY(seen);
    QVERIFY2(!forced, "the folder dialog was still open 15 s after the idle timeout");
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::Welcome);
    const QWidgetList windows = QApplication::topLevelWidgets();
    for (QWidget *w : windows)
        QVERIFY2(w == m_driver.window() || !w->isVisible(), w->metaObject()->className());
    QVERIFY(!m_driver.widget<QPushButton>("exportPushButton")->isVisible());
    QCOMPARE(QDir(m_sandboxHome->path()).entryList(QDir::AllEntries), before);
}

// Key presses inside the kiosk's own dialogs are the agent at work, not an idle kiosk.
void tst_Wizard::keysInTheAgentsDialogCountAsActivity()
{
    QPushButton *exportButton = nullptr;
    openStoredFrontInTheViewer(u"+201001239002"_s, &exportButton);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(exportButton);
    bool warned = false;
    bool cancelledByKey = false;
    bool seen = false;
    flow::IdleWatch *idle = m_driver.window()->idleWatch();
    QTimer typist;
    typist.setInterval(20);
    const bool forced = exportWithFolderDialog(
        exportButton,
        [&](QFileDialog *dialog) {
            // Idle soon, and a long warning: the test sees the warning and then types.
            idle->setDurations(100, 60000);
            m_clock.advanceMs(100);
            connect(&typist, &QTimer::timeout, dialog, [&, dialog] {
                if (!idle->isWarning())
                    return;
                warned = true;
                typist.stop();
                QWidget *target = dialog->focusWidget() ? dialog->focusWidget() : dialog;
                QTest::keyClick(target, Qt::Key_A);
                cancelledByKey = !idle->isWarning();
                dialog->reject();
            });
            typist.start();
        },
        &seen);
    QVERIFY(seen);
    QVERIFY(!forced);
    QVERIFY(warned);
    QVERIFY2(cancelledByKey, "a key press in the folder dialog did not count as activity");
}

// Signing out (the audit screen's token refused, or End shift) closes the dialog as well.
void tst_Wizard::signOutClosesTheAgentsFolderDialog()
{
    QPushButton *exportButton = nullptr;
    openStoredFrontInTheViewer(u"+201001239003"_s, &exportButton);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(exportButton);
    bool seen = false;
    const bool forced = exportWithFolderDialog(
        exportButton,
        [this](QFileDialog *) {
            // While the dialog is open, a request of the audit screen finds the agent's
            // token refused: the screen asks the host for a new sign-in.
            auto *audit = m_driver.window()->findChild<AuditPage *>(u"auditPage"_s);
            QVERIFY(audit);
            QTimer::singleShot(0, audit, [audit] { Q_EMIT audit->signInRequired(); });
        },
        &seen);
    QVERIFY(seen);
    QVERIFY2(!forced, "the folder dialog was still open 15 s after the sign-out");
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::SignIn);
    QVERIFY(!m_driver.client()->adminTokens().isValid());
}

// Issue 11 (defects 2 and 3): a request that does not end must not keep an abandoned
// session on screen; the idle timeout cancels it and wipes.
void tst_Wizard::idleEndsASessionWithARequestInFlight()
{
    m_driver.startSession(false);
    m_driver.enterPhone(false);
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::IdFront, 10000);
    fault(u"latency=60000,path=/verify/id/front"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_driver.flow()->isBusy(), 15000);
    QVERIFY(m_driver.widget<QFrame>("busyFrame")->isVisible());
    // The customer walks away while the upload hangs.
    m_driver.window()->idleWatch()->setDurations(200, 300);
    m_clock.advanceMs(200);
    QTRY_VERIFY_WITH_TIMEOUT(m_driver.widget<QFrame>("idleFrame")->isVisible(), 10000);
    m_clock.advanceMs(300);
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.window()->currentPage(), MainWindow::Page::Welcome, 10000);
    QVERIFY(!m_driver.flow()->isBusy()); // the request was cancelled, not waited for
    QVERIFY(!m_driver.widget<QFrame>("busyFrame")->isVisible());
    QVERIFY(m_driver.flow()->session().isEmpty());
    QVERIFY(!m_driver.window()->holdsCustomerData());
    QVERIFY(m_driver.widget<QWidget>("pageStackedWidget")->isEnabled());
}

// Issue 11, defect 4: the agent sign-in slows a guesser down (a doubling wait after the
// free refusals, on the Clock seam) and does not show whose account to guess.
void tst_Wizard::agentSignInIsThrottledAfterRefusals()
{
    makeWindow(flow::Mode::RegisterFirst, [](Settings &settings) {
        settings.setOverride(Settings::Key::AgentUserName, u"admin"_s);
    });
    QCOMPARE(m_driver.window()->currentPage(), MainWindow::Page::SignIn);
    auto *user = m_driver.widget<QLineEdit>("userLineEdit");
    auto *password = m_driver.widget<QLineEdit>("passwordLineEdit");
    auto *signInButton = m_driver.widget<QPushButton>("signInButton");
    auto *status = m_driver.widget<QLabel>("signInStatusLabel");
    QVERIFY2(user->text().isEmpty(), qPrintable(user->text())); // not pre-filled
    QCOMPARE(m_driver.window()->findChild<AgentLoginPage *>()->firstFocus(), user);

    const auto refusedOnce = [&] {
        const int before = m_server->requestCount();
        user->setText(u"admin"_s);
        password->clear();
        QTest::keyClicks(password, u"not-the-password"_s);
        QVERIFY(m_driver.click("signInButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!status->text().startsWith(u"Signing in"_s), 10000);
        QCOMPARE(m_server->requestCount(), before + 1);
    };
    refusedOnce();
    QVERIFY(signInButton->isEnabled()); // a typo costs nothing
    refusedOnce();
    QVERIFY(signInButton->isEnabled());
    refusedOnce();
    if (QTest::currentTestFailed())
        return;
    // Third refusal: 15 s to wait, shown with the time left, and nothing is sent meanwhile.
    QVERIFY(!signInButton->isEnabled());
    QTRY_COMPARE(status->text(), u"Sign-in refused 3 times. Try again in 0:15."_s);
    const int before = m_server->requestCount();
    QTest::keyClicks(password, u"sandbox-admin"_s);
    QTest::keyClick(password, Qt::Key_Return);
    QCOMPARE(m_server->requestCount(), before);
    m_clock.advanceMs(10'000);
    QTRY_COMPARE(status->text(), u"Sign-in refused 3 times. Try again in 0:05."_s);
    m_clock.advanceMs(5'000);
    QTRY_VERIFY(signInButton->isEnabled());
    refusedOnce();
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!signInButton->isEnabled());
    QTRY_COMPARE(status->text(), u"Sign-in refused 4 times. Try again in 0:30."_s); // doubled
    m_clock.advanceMs(30'000);
    QTRY_VERIFY(signInButton->isEnabled());
    // The right password still works after the wait.
    user->clear();
    password->clear();
    m_driver.signIn();
}

// Issue 11, defect 10: HTML in an OCR field is shown as the characters it is, never
// rendered (no bold, no image fetched from a path the server chose).
void tst_Wizard::serverTextIsShownAsPlainText()
{
    const QString html = u"<b>x</b><img src=file:///etc/hostname>"_s;
    QFile builtIn(specimen::builtInPersonasPath());
    QVERIFY(builtIn.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(builtIn.readAll()).object();
    QJsonArray personas = root.value(u"personas"_s).toArray();
    bool found = false;
    for (qsizetype i = 0; i < personas.size(); ++i) {
        QJsonObject p = personas.at(i).toObject();
        if (p.value(u"id"_s).toString() == u"ahmed"_s) {
            // Not printed on the card: the card the camera sees is the same.
            p.insert(u"firstNameEnglish"_s, html);
            personas[i] = p;
            found = true;
        }
    }
    QVERIFY(found);
    root.insert(u"personas"_s, personas);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(u"personas.json"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(root).toJson());
    file.close();
    sandbox::SandboxOptions options;
    options.personasFile = file.fileName();
    auto hostile = std::make_unique<sandbox::SandboxServer>(options);
    QString error;
    QVERIFY2(hostile->start(&error), qPrintable(error));
    std::swap(m_server, hostile);
    const auto restore = qScopeGuard([&] {
        m_feeder.stop();
        m_driver.reset();
        std::swap(m_server, hostile);
    });
    makeWindow(flow::Mode::RegisterFirst);

    m_driver.startSession(false);
    m_driver.captureToReview(flow::Mode::RegisterFirst, false);
    if (QTest::currentTestFailed())
        return;
    auto *name = m_driver.widget<QLabel>("nameEnglishValueLabel");
    QCOMPARE(name->text(), html + u" Mohamed Ali Hassan"_s);
    QCOMPARE(name->textFormat(), Qt::PlainText);
    // Every label that shows text from the server: review values, the failure panel, the
    // result page.
    for (const char *label : {"nameArabicValueLabel", "nameEnglishValueLabel", "idNumberValueLabel",
                              "birthDateValueLabel", "genderValueLabel", "addressValueLabel",
                              "expiryValueLabel", "jobValueLabel", "failureLabel",
                              "signInStatusLabel", "resultTitleLabel", "resultSummaryLabel"})
        QVERIFY2(m_driver.widget<QLabel>(label)->textFormat() == Qt::PlainText, label);
    // Without Qt::PlainText a label would take this for rich text and render it.
    QVERIFY(Qt::mightBeRichText(name->text()));
}

#ifdef KIOSK_SCREENSHOTS
void tst_Wizard::screenshots_data()
{
    test::WizardDriver::languageRows();
}

void tst_Wizard::screenshots()
{
    QFETCH(bool, arabic);
    const QString lang = arabic ? u"ar"_s : u"en"_s;
    int index = 0;
    const auto grab = [&](const QString &name) {
        m_driver.window()->resize(1024, 700);
        m_driver.grab(u"%1-%2"_s.arg(++index, 2, 10, QChar(u'0')).arg(name), arabic);
    };
    m_driver.settings()->setOverride(Settings::Key::FaceCountdownMs, 5000);
    m_driver.settings()->setOverride(Settings::Key::UiLanguage, lang);
    if (arabic)
        m_translations.install(QLocale(QLocale::Arabic, QLocale::Egypt));
    m_driver.window()->setApiDescription(u"https://api.vlenseg.com"_s);
    grab(u"agent-sign-in"_s);
    m_driver.signIn();
    QVERIFY(m_driver.click(arabic ? "arabicButton" : "englishButton"));
    grab(u"welcome"_s);
    QVERIFY(m_driver.click("startButton"));
    QTest::keyClick(m_driver.widget<QCheckBox>("consentCheckBox"), Qt::Key_Space);
    grab(u"consent"_s);
    QVERIFY(m_driver.click("acceptButton"));
    QTest::keyClicks(m_driver.widget<QLineEdit>("phoneLineEdit"), u"0100 12"_s);
    QVERIFY(m_driver.click("continueButton"));
    grab(u"customer-invalid-phone"_s);
    m_driver.widget<QLineEdit>("phoneLineEdit")->clear();
    m_feeder.emptyDesk = true;
    m_driver.enterPhone(arabic);
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.window()->currentPage(), MainWindow::Page::Capture, 10000);
    QTRY_VERIFY(!m_driver.widget<QLabel>("instructionLabel")->text().isEmpty());
    QTRY_VERIFY(m_driver.widget<QLabel>("cameraStatusLabel")->text().isEmpty());
    grab(u"capture-front-guidance"_s);
    fault(u"error_code=3011,path=/verify/id/front"_s);
    m_feeder.emptyDesk = false;
    QTRY_VERIFY_WITH_TIMEOUT(m_driver.widget<QFrame>("failureFrame")->isVisible(), 15000);
    grab(u"capture-front-retake"_s);
    QVERIFY(m_driver.click("retakeButton"));
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.flow()->step(), Step::Liveness, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.window()->capturePage()->state(),
                              CapturePage::State::Countdown, 10000);
    grab(u"capture-face-countdown"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_driver.window()->currentPage(), MainWindow::Page::Review, 20000);
    grab(u"review"_s);
    QVERIFY(m_driver.click("confirmButton"));
    grab(u"result-verified"_s);
    QVERIFY(m_driver.click("finishButton"));
    QVERIFY(m_driver.click("agentButton"));
    QTest::keyClicks(m_driver.widget<QLineEdit>("pinLineEdit"), test::WizardDriver::kAgentPin);
    QVERIFY(m_driver.click("unlockButton"));
    grab(u"agent-settings"_s);
}
#endif

QTEST_MAIN(tst_Wizard)
#include "tst_wizard.moc"
