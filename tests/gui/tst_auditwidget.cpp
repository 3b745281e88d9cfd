#include "api/boldsignclient.h"
#include "api/vlensclient.h"
#include "auditwidget.h"
#include "cardfixture.h"
#include "i18n.h"
#include "imageexporter.h"
#include "imagethumbnail.h"
#include "imageviewerdialog.h"
#include "sandboxserver.h"
#include "specimen/idcardrenderer.h"
#include "specimen/persona.h"

#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <array>
#include <memory>

using namespace Qt::StringLiterals;
using namespace kiosk;
using kiosk::sandbox::Fault;
using kiosk::sandbox::SandboxOptions;
using kiosk::sandbox::SandboxServer;
using kiosk::specimen::IdCardRenderer;
using State = ImageThumbnail::State;

namespace {

int fileMode(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const QStringList kVlensThumbnails{
    u"idFrontImageThumbnail"_s,        u"idBackImageThumbnail"_s,
    u"livenessImageThumbnail"_s,       u"livenessFace01ImageThumbnail"_s,
    u"livenessFace02ImageThumbnail"_s, u"livenessFace03ImageThumbnail"_s};

} // namespace

// The agent's audit screen driven by widget name against an in-process vlens-sandbox over
// loopback: a verification is stored first through VlensClient (specimen card, three face
// crops of a real photo), then the screen searches, shows, opens, exports and fails.
class tst_AuditWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void searchShowsTheSixStoredImages();
    void opensLargeAndExportsWithConfirmation();
    void exportsAFace();
    void failedImageIsRetried();
    void failures_data();
    void failures();
    void customerWithoutImages();
    void connectionRefusedIsShown();
    void cancelStopsTheSearch();
    void expiredSignInAsksTheHost();
    void boldSignReportAndImages_data();
    void boldSignReportAndImages();
    void boldSignFailures_data();
    void boldSignFailures();
    void clearDropsEverything();
    void arabicIsRightToLeft();

private:
    std::unique_ptr<api::VlensClient> makeClient(const QUrl &baseUrl) const;
    std::unique_ptr<api::VlensClient> signIn(const QString &user, const QString &password);
    std::unique_ptr<AuditWidget> makeWidget(api::VlensClient *vlens);
    void search(AuditWidget &widget, const QString &customer);
    bool allLoaded(AuditWidget &widget) const;
    void screenshot(QWidget &widget, const QString &name) const;
    template<typename T>
    T *child(QWidget &widget, const QString &name) const
    {
        return widget.findChild<T *>(name);
    }
    QString message(AuditWidget &widget, const QString &label) const
    {
        return child<QLabel>(widget, label)->text();
    }

    Translations m_translations{{u"core"_s, u"kiosk"_s}};
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<api::BoldSignClient> m_boldSign;
    std::unique_ptr<api::VlensClient> m_admin;
    test::CardFixture m_cards;
    QString m_phone = u"+201001230001"_s;
    QString m_phoneWithoutSteps = u"+201001230002"_s;
    QString m_transactionId;

    // The export seam: which folder the agent "picks" and how they answer.
    QTemporaryDir m_exportDir;
    QString m_chosenFolder;
    bool m_confirmSave = true;
    bool m_confirmReplace = false;
    QList<ExportQuestion> m_questions;
};

void tst_AuditWidget::initTestCase()
{
    QVERIFY(m_exportDir.isValid());
    QString error;
    m_cards = test::CardFixture::make(&error, 800, 88);
    QVERIFY2(m_cards.isValid(), qPrintable(error));
    for (const QByteArray &face : m_cards.faces)
        QVERIFY(face.size() < 500 * 1024);

    m_sandbox = std::make_unique<SandboxServer>(SandboxOptions());
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_nam = std::make_unique<QNetworkAccessManager>();
    api::BoldSignConfig boldSign;
    boldSign.baseUrl = m_sandbox->baseUrl();
    boldSign.apiKey = u"sandbox-boldsign-key"_s;
    m_boldSign = std::make_unique<api::BoldSignClient>(m_nam.get(), boldSign);

    // The customer's verification, as the kiosk stores it.
    auto customer = makeClient(m_sandbox->baseUrl());
    std::unique_ptr<api::ApiReply<api::SessionResult>> reg(customer->registerUser({m_phone}));
    QVERIFY2(reg->waitForFinished(10000), qPrintable(reg->error().fullMessage()));
    std::unique_ptr<api::ApiReply<api::VerifyResult>> front(
        customer->verifyIdFront({m_cards.front}));
    QVERIFY2(front->waitForFinished(15000), qPrintable(front->error().fullMessage()));
    m_transactionId = front->result().transactionId;
    std::unique_ptr<api::ApiReply<api::VerifyResult>> back(
        customer->verifyIdBack({m_cards.back, m_transactionId}));
    QVERIFY2(back->waitForFinished(15000), qPrintable(back->error().fullMessage()));
    std::unique_ptr<api::ApiReply<api::VerifyResult>> live(customer->verifyLiveness(
        {m_cards.faces[0], m_cards.faces[1], m_cards.faces[2], m_cards.front, m_transactionId}));
    QVERIFY2(live->waitForFinished(15000), qPrintable(live->error().fullMessage()));
    QVERIFY(live->result().isDigitalIdentityVerified);

    // A customer who registered and stopped there: a user without any stored image.
    auto quitter = makeClient(m_sandbox->baseUrl());
    std::unique_ptr<api::ApiReply<api::SessionResult>> reg2(
        quitter->registerUser({m_phoneWithoutSteps}));
    QVERIFY2(reg2->waitForFinished(10000), qPrintable(reg2->error().fullMessage()));
}

void tst_AuditWidget::init()
{
    m_translations.install(QLocale(QLocale::English));
    m_sandbox->clearFaults();
    m_admin = signIn(u"admin"_s, u"sandbox-admin"_s);
    QVERIFY(m_admin);
    m_chosenFolder = m_exportDir.path();
    m_confirmSave = true;
    m_confirmReplace = false;
    m_questions.clear();
}

void tst_AuditWidget::cleanup()
{
    m_admin.reset();
}

void tst_AuditWidget::cleanupTestCase()
{
    m_translations.install(QLocale(QLocale::English));
    m_boldSign.reset();
    m_nam.reset();
    m_sandbox.reset();
}

std::unique_ptr<api::VlensClient> tst_AuditWidget::makeClient(const QUrl &baseUrl) const
{
    api::VlensConfig config;
    config.baseUrl = baseUrl;
    config.apiKey = u"sandbox-api-key"_s;
    config.tenancyName = u"sandbox"_s;
    config.requestTimeoutMs = 5000;
    config.uploadTimeoutMs = 10000;
    config.getRetry.maxRetries = 0; // the screen shows failures; retries are the client's test
    return std::make_unique<api::VlensClient>(m_nam.get(), config);
}

std::unique_ptr<api::VlensClient> tst_AuditWidget::signIn(const QString &user,
                                                          const QString &password)
{
    auto client = makeClient(m_sandbox->baseUrl());
    std::unique_ptr<api::ApiReply<api::TokenResult>> login(client->loginAdmin(user, password));
    if (!login->waitForFinished(10000)) {
        qWarning("admin sign-in failed: %s", qPrintable(login->error().fullMessage()));
        return nullptr;
    }
    return client;
}

std::unique_ptr<AuditWidget> tst_AuditWidget::makeWidget(api::VlensClient *vlens)
{
    auto widget = std::make_unique<AuditWidget>(vlens, m_boldSign.get());
    ExportPrompts prompts;
    prompts.chooseFolder = [this](QWidget *, const QString &) { return m_chosenFolder; };
    prompts.confirm = [this](QWidget *, ExportQuestion question, const QString &) {
        m_questions.append(question);
        return question == ExportQuestion::SavePersonalData ? m_confirmSave : m_confirmReplace;
    };
    widget->setExportPrompts(std::move(prompts));
    widget->resize(1000, 760);
    widget->show();
    return widget;
}

// Types the customer and presses Enter, as the agent does.
void tst_AuditWidget::search(AuditWidget &widget, const QString &customer)
{
    auto *edit = child<QLineEdit>(widget, u"customerLineEdit"_s);
    QVERIFY(edit);
    edit->clear();
    edit->setFocus();
    QTest::keyClicks(edit, customer);
    QTest::keyClick(edit, Qt::Key_Return);
}

bool tst_AuditWidget::allLoaded(AuditWidget &widget) const
{
    for (const QString &name : kVlensThumbnails) {
        auto *thumbnail = child<ImageThumbnail>(widget, name);
        if (!thumbnail || thumbnail->state() != State::Loaded)
            return false;
    }
    return true;
}

void tst_AuditWidget::screenshot(QWidget &widget, const QString &name) const
{
    const QString dir = qEnvironmentVariable("KIOSK_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(widget.grab().save(QDir(dir).filePath(name)));
}

void tst_AuditWidget::searchShowsTheSixStoredImages()
{
    auto widget = makeWidget(m_admin.get());
    QSignalSpy busy(widget.get(), &AuditWidget::busyChanged);
    search(*widget, m_phone);
    QVERIFY(widget->isBusy());
    QVERIFY(child<QProgressBar>(*widget, u"busyProgressBar"_s)->isVisible());
    QVERIFY(child<QPushButton>(*widget, u"cancelPushButton"_s)->isEnabled());

    QTRY_VERIFY(allLoaded(*widget));
    QTRY_VERIFY(!widget->isBusy());
    QCOMPARE(busy.count(), 2); // on, then off once, although seven requests ran
    QVERIFY(!child<QPushButton>(*widget, u"cancelPushButton"_s)->isEnabled());
    QVERIFY(message(*widget, u"vlensMessageLabel"_s).contains(m_transactionId));
    QVERIFY(message(*widget, u"vlensMessageLabel"_s).contains(u"6 of 6"_s));

    // What the agent sees is what the customer uploaded, pixel for pixel.
    auto *front = child<ImageThumbnail>(*widget, u"idFrontImageThumbnail"_s);
    QCOMPARE(front->bytes(), m_cards.front);
    QCOMPARE(front->image(), QImage::fromData(m_cards.front));
    QCOMPARE(front->format(), api::ImageFormat::Jpeg);
    QCOMPARE(child<ImageThumbnail>(*widget, u"idBackImageThumbnail"_s)->image(),
             QImage::fromData(m_cards.back));
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(child<ImageThumbnail>(*widget, kVlensThumbnails.at(3 + i))->image(),
                 QImage::fromData(m_cards.faces[size_t(i)]));
    }
    QVERIFY(front->text().startsWith(u"ID card, front"_s));
    screenshot(*widget, u"audit-en.png"_s);
}

void tst_AuditWidget::opensLargeAndExportsWithConfirmation()
{
    auto widget = makeWidget(m_admin.get());
    QSignalSpy exported(widget.get(), &AuditWidget::imageExported);
    search(*widget, m_phone);
    QTRY_VERIFY(allLoaded(*widget));

    // Keyboard: focus the thumbnail, Space opens it large.
    auto *front = child<ImageThumbnail>(*widget, u"idFrontImageThumbnail"_s);
    front->setFocus();
    QTest::keyClick(front, Qt::Key_Space);
    auto *viewer = widget->findChild<ImageViewerDialog *>();
    QVERIFY(viewer);
    QTRY_VERIFY(viewer->isVisible());
    QCOMPARE(viewer->image(), QImage::fromData(m_cards.front));
    QCOMPARE(child<QLabel>(*viewer, u"captionLabel"_s)->text(), u"ID card, front"_s);
    QVERIFY(child<QLabel>(*viewer, u"detailsLabel"_s)->text().contains(u"image/jpeg"_s));
    QVERIFY(!child<QLabel>(*viewer, u"imageLabel"_s)->pixmap().isNull());
    child<QCheckBox>(*viewer, u"fitCheckBox"_s)->setChecked(false); // full size
    QCOMPARE(child<QLabel>(*viewer, u"imageLabel"_s)->pixmap().size(),
             QImage::fromData(m_cards.front).size());

    auto *exportButton = child<QPushButton>(*viewer, u"exportPushButton"_s);
    const QString expected =
        QDir(m_exportDir.path()).filePath(u"vlens-%1-idFront.jpg"_s.arg(m_transactionId));

    // The agent declines to save personal data: nothing reaches the disk.
    m_confirmSave = false;
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QCOMPARE(m_questions, QList<ExportQuestion>{ExportQuestion::SavePersonalData});
    QVERIFY(!QFile::exists(expected));
    QVERIFY(child<QLabel>(*viewer, u"statusLabel"_s)->text().contains(u"nothing was saved"_s));

    // Confirmed: a 0600 file with the very bytes, the extension from the detected format.
    m_confirmSave = true;
    m_questions.clear();
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QCOMPARE(m_questions, QList<ExportQuestion>{ExportQuestion::SavePersonalData});
    QVERIFY(QFile::exists(expected));
    QCOMPARE(fileMode(expected), 0600);
    QCOMPARE(readAll(expected), m_cards.front);
    QCOMPARE(exported.count(), 1);
    QCOMPARE(exported.first().first().toString(), expected);
    QVERIFY(child<QLabel>(*viewer, u"statusLabel"_s)->text().contains(u"readable only by you"_s));

    // Again: the file exists; without the confirmation it is not replaced.
    // (Someone else's file of that name, readable by all.)
    QVERIFY(QFile::remove(expected));
    QFile other(expected);
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write("not an image");
    other.close();
    QVERIFY(other.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                 QFile::ReadOther));
    QCOMPARE(fileMode(expected), 0644);
    m_questions.clear();
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QCOMPARE(m_questions, (QList<ExportQuestion>{ExportQuestion::SavePersonalData,
                                                 ExportQuestion::ReplaceExisting}));
    QCOMPARE(readAll(expected), QByteArray("not an image"));
    QVERIFY(child<QLabel>(*viewer, u"statusLabel"_s)->text().contains(u"was not replaced"_s));
    QCOMPARE(exported.count(), 1);

    // Confirmed replacement: the new file is 0600 even though the old one was wider.
    m_confirmReplace = true;
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QCOMPARE(readAll(expected), m_cards.front);
    QCOMPARE(fileMode(expected), 0600);
    QCOMPARE(exported.count(), 2);
    QCOMPARE(QDir(m_exportDir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);

    // No folder chosen: cancelled.
    m_chosenFolder.clear();
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QVERIFY(child<QLabel>(*viewer, u"statusLabel"_s)->text().contains(u"cancelled"_s));

    // Signed out while the folder dialog was open: nothing is written.
    m_chosenFolder = m_exportDir.filePath(u"late"_s);
    QVERIFY(QDir().mkpath(m_chosenFolder));
    m_confirmSave = true;
    bool clearedDuringPrompt = false;
    ExportPrompts late;
    late.chooseFolder = [&](QWidget *, const QString &) {
        widget->clear(); // the host's sign-out, from the dialog's event loop
        clearedDuringPrompt = true;
        return m_chosenFolder;
    };
    late.confirm = [](QWidget *, ExportQuestion, const QString &) { return true; };
    widget->setExportPrompts(std::move(late));
    Q_EMIT viewer->exportRequested();
    QVERIFY(clearedDuringPrompt);
    QVERIFY(QDir(m_chosenFolder).isEmpty());
    QCOMPARE(exported.count(), 2);
}

void tst_AuditWidget::exportsAFace()
{
    auto widget = makeWidget(m_admin.get());
    search(*widget, m_phone);
    QTRY_VERIFY(allLoaded(*widget));
    auto *viewer = widget->findChild<ImageViewerDialog *>();
    auto *exportButton = child<QPushButton>(*viewer, u"exportPushButton"_s);
    // A face, exported too: its own name.
    QTest::mouseClick(child<ImageThumbnail>(*widget, u"livenessFace02ImageThumbnail"_s),
                      Qt::LeftButton);
    QTRY_VERIFY(viewer->isVisible());
    QCOMPARE(viewer->image(), QImage::fromData(m_cards.faces[1]));
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(*viewer, u"closePushButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!viewer->isVisible());
    const QString face =
        QDir(m_exportDir.path()).filePath(u"vlens-%1-livenessFace02.jpg"_s.arg(m_transactionId));
    QCOMPARE(readAll(face), m_cards.faces[1]);
    QCOMPARE(fileMode(face), 0600);
}

void tst_AuditWidget::failedImageIsRetried()
{
    auto widget = makeWidget(m_admin.get());
    Fault fault;
    fault.kind = Fault::Kind::HttpStatus;
    fault.value = 500;
    fault.path = u"/GetStepImage"_s;
    fault.count = 1;
    m_sandbox->injectFault(fault);
    search(*widget, m_phone);
    QTRY_VERIFY(!widget->isBusy());
    QList<ImageThumbnail *> failed;
    for (const QString &name : kVlensThumbnails) {
        auto *thumbnail = child<ImageThumbnail>(*widget, name);
        if (thumbnail->state() == State::Failed)
            failed.append(thumbnail);
        else
            QCOMPARE(thumbnail->state(), State::Loaded);
    }
    QCOMPARE(failed.size(), 1); // one image failed, the others are shown
    QVERIFY(failed.first()->failureReason().contains(u"could not be fetched"_s));
    QVERIFY(failed.first()->failureReason().contains(u"HTTP status 500"_s));
    QVERIFY(failed.first()->text().contains(u"retry"_s));
    QTest::mouseClick(failed.first(), Qt::LeftButton);
    QTRY_COMPARE(failed.first()->state(), State::Loaded);
    QVERIFY(allLoaded(*widget));
}

void tst_AuditWidget::failures_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("customer");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("unknown customer (404)")
        << u"admin"_s << u"sandbox-admin"_s << u"+201099999999"_s
        << QStringList{u"No customer with this phone number or email"_s,
                       u"There is no user with this email or phone number"_s,
                       u"Request ID for support: "_s};
    QTest::newRow("clerk without Requests (403)")
        << u"clerk"_s << u"sandbox-clerk"_s << m_phone
        << QStringList{u"needs the “Requests” permission"_s,
                       u"Required permissions are not granted"_s};
    QTest::newRow("nothing typed") << u"admin"_s << u"sandbox-admin"_s << QString()
                                   << QStringList{u"Enter the customer's phone number or email"_s};
}

void tst_AuditWidget::failures()
{
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, customer);
    QFETCH(QStringList, expected);
    auto client = signIn(user, password);
    QVERIFY(client);
    auto widget = makeWidget(client.get());
    QSignalSpy signIn(widget.get(), &AuditWidget::signInRequired);
    search(*widget, customer);
    QTRY_VERIFY(!widget->isBusy());
    const QString text = message(*widget, u"vlensMessageLabel"_s);
    for (const QString &part : expected)
        QVERIFY2(text.contains(part), qPrintable(text));
    QCOMPARE(child<QLabel>(*widget, u"vlensMessageLabel"_s)->property("severity").toString(),
             u"error"_s);
    for (const QString &name : kVlensThumbnails)
        QVERIFY(!child<ImageThumbnail>(*widget, name)->isVisible());
    QCOMPARE(signIn.count(), 0);
}

void tst_AuditWidget::customerWithoutImages()
{
    auto widget = makeWidget(m_admin.get());
    const int fetched = m_sandbox->requestCount(u"GetStepImage"_s);
    search(*widget, m_phoneWithoutSteps);
    QTRY_VERIFY(message(*widget, u"vlensMessageLabel"_s).contains(u"no stored images"_s));
    QVERIFY(!widget->isBusy());
    for (const QString &name : kVlensThumbnails) {
        auto *thumbnail = child<ImageThumbnail>(*widget, name);
        QVERIFY(thumbnail->isVisible());
        QCOMPARE(thumbnail->state(), State::NotStored);
        QVERIFY(thumbnail->text().contains(u"Not stored"_s));
        QVERIFY(!thumbnail->isEnabled());
    }
    QCOMPARE(m_sandbox->requestCount(u"GetStepImage"_s), fetched); // nothing to fetch
}

void tst_AuditWidget::connectionRefusedIsShown()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close(); // nothing listens there any more
    auto client = makeClient(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
    client->setAdminTokens(m_admin->adminTokens());
    auto widget = makeWidget(client.get());
    search(*widget, m_phone);
    QTRY_VERIFY(message(*widget, u"vlensMessageLabel"_s).contains(u"The search failed."_s));
    QVERIFY(message(*widget, u"vlensMessageLabel"_s).contains(u"refused the connection"_s));
    QVERIFY(!widget->isBusy());
}

void tst_AuditWidget::cancelStopsTheSearch()
{
    Fault slow;
    slow.kind = Fault::Kind::Latency;
    slow.value = 600000; // an answer far beyond QTRY's timeout: only a cancel ends the wait
    slow.path = u"/GetUserDigitalIdentityImages"_s;
    m_sandbox->injectFault(slow);
    auto widget = makeWidget(m_admin.get());
    const int listed = m_sandbox->requestCount(u"GetUserDigitalIdentityImages"_s);
    search(*widget, m_phone);
    QVERIFY(widget->isBusy());
    QCOMPARE(message(*widget, u"vlensMessageLabel"_s), u"Searching…"_s);
    QTRY_VERIFY(m_sandbox->requestCount(u"GetUserDigitalIdentityImages"_s) > listed);
    QTest::mouseClick(child<QPushButton>(*widget, u"cancelPushButton"_s), Qt::LeftButton);
    QTRY_COMPARE(message(*widget, u"vlensMessageLabel"_s), u"Search cancelled."_s);
    QVERIFY(!widget->isBusy());
    QVERIFY(!child<QProgressBar>(*widget, u"busyProgressBar"_s)->isVisible());

    // The next search works.
    search(*widget, m_phone);
    QTRY_VERIFY(allLoaded(*widget));
}

void tst_AuditWidget::expiredSignInAsksTheHost()
{
    Fault expired;
    expired.kind = Fault::Kind::ExpiredToken;
    expired.count = -1; // the refreshed token is refused too
    m_sandbox->injectFault(expired);
    auto widget = makeWidget(m_admin.get());
    QSignalSpy signIn(widget.get(), &AuditWidget::signInRequired);
    search(*widget, m_phone);
    QTRY_COMPARE(signIn.count(), 1);
    QVERIFY(message(*widget, u"vlensMessageLabel"_s).contains(u"Sign in again"_s));
    m_sandbox->clearFaults();
}

void tst_AuditWidget::boldSignReportAndImages_data()
{
    QTest::addColumn<int>("index"); // into seededBoldSignDocuments()
    QTest::addColumn<QString>("result");
    QTest::newRow("email signer, passed") << 0 << u"Passed"_s;
    QTest::newRow("SMS signer, passed") << 1 << u"Passed"_s;
    QTest::newRow("second signer, failed") << 2 << u"Failed (DocumentExpired: "_s;
}

void tst_AuditWidget::boldSignReportAndImages()
{
    QFETCH(int, index);
    QFETCH(QString, result);
    const sandbox::BoldSignDocument document = sandbox::seededBoldSignDocuments().at(index);
    auto widget = makeWidget(m_admin.get());
    auto *tabs = child<QTabWidget>(*widget, u"sourceTabWidget"_s);
    tabs->setCurrentWidget(child<QWidget>(*widget, u"boldSignTab"_s));
    QTest::keyClicks(child<QLineEdit>(*widget, u"documentIdLineEdit"_s), document.documentId);
    if (document.emailId.isEmpty()) {
        child<QRadioButton>(*widget, u"phoneRadioButton"_s)->click();
        QVERIFY(!child<QLineEdit>(*widget, u"signerEmailLineEdit"_s)->isEnabled());
        QTest::keyClicks(child<QLineEdit>(*widget, u"countryCodeLineEdit"_s), document.countryCode);
        QTest::keyClicks(child<QLineEdit>(*widget, u"signerPhoneLineEdit"_s), document.phoneNumber);
    } else {
        QTest::keyClicks(child<QLineEdit>(*widget, u"signerEmailLineEdit"_s), document.emailId);
    }
    child<QSpinBox>(*widget, u"orderSpinBox"_s)->setValue(document.order);
    QTest::mouseClick(child<QPushButton>(*widget, u"reportPushButton"_s), Qt::LeftButton);

    QTRY_VERIFY(child<QWidget>(*widget, u"reportGroupBox"_s)->isVisible());
    QVERIFY2(child<QLabel>(*widget, u"resultValueLabel"_s)->text().startsWith(result),
             qPrintable(child<QLabel>(*widget, u"resultValueLabel"_s)->text()));
    QCOMPARE(child<QLabel>(*widget, u"documentTypeValueLabel"_s)->text(), u"NationalId"_s);
    QCOMPARE(child<QLabel>(*widget, u"countryValueLabel"_s)->text(), u"EG"_s);
    QVERIFY(child<QLabel>(*widget, u"verifiedDateValueLabel"_s)->text().contains(u"2026"_s));
    QVERIFY(!child<QLabel>(*widget, u"expiryValueLabel"_s)->text().isEmpty());
    QCOMPARE(child<QLabel>(*widget, u"fileIdsValueLabel"_s)->text(),
             document.fileIds.mid(0, 2).join(u'\n'));
    QCOMPARE(child<QLabel>(*widget, u"selfieIdValueLabel"_s)->text(), document.fileIds.at(2));

    // The images, each as BoldSign sends it.
    const QStringList names{u"documentFile1ImageThumbnail"_s, u"documentFile2ImageThumbnail"_s,
                            u"selfieImageThumbnail"_s};
    api::BoldSignSigner signer{document.emailId, document.countryCode, document.phoneNumber,
                               document.order};
    for (int i = 0; i < names.size(); ++i) {
        auto *thumbnail = child<ImageThumbnail>(*widget, names.at(i));
        QVERIFY2(thumbnail, qPrintable(names.at(i)));
        QTRY_COMPARE(thumbnail->state(), State::Loaded);
        std::unique_ptr<api::ApiReply<api::BoldSignImage>> direct(
            m_boldSign->image(document.documentId, signer, document.fileIds.at(i)));
        QVERIFY(direct->waitForFinished(10000));
        QCOMPARE(thumbnail->bytes(), direct->result().bytes);
        QVERIFY(!thumbnail->image().isNull());
    }
    QTRY_VERIFY(!widget->isBusy());
    QVERIFY(message(*widget, u"boldSignMessageLabel"_s).endsWith(u"Images in the report: 3"_s));

    // Open the selfie large and export it: BoldSign names, same rules.
    QTest::mouseClick(child<ImageThumbnail>(*widget, u"selfieImageThumbnail"_s), Qt::LeftButton);
    auto *viewer = widget->findChild<ImageViewerDialog *>();
    QTRY_VERIFY(viewer->isVisible());
    QCOMPARE(child<QLabel>(*viewer, u"captionLabel"_s)->text(), u"Selfie"_s);
    QTest::mouseClick(child<QPushButton>(*viewer, u"exportPushButton"_s), Qt::LeftButton);
    const QString expected =
        QDir(m_exportDir.path()).filePath(u"boldsign-%1-selfie.jpg"_s.arg(document.documentId));
    QCOMPARE(readAll(expected), child<ImageThumbnail>(*widget, u"selfieImageThumbnail"_s)->bytes());
    QCOMPARE(fileMode(expected), 0600);
}

void tst_AuditWidget::boldSignFailures_data()
{
    QTest::addColumn<QString>("documentId");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QStringList>("expected");
    const QList<sandbox::BoldSignDocument> documents = sandbox::seededBoldSignDocuments();
    QTest::newRow("pending signer (403)")
        << documents.at(3).documentId << documents.at(3).emailId
        << QStringList{u"has not verified their identity yet"_s,
                       u"has not completed identity verification yet"_s};
    QTest::newRow("unknown document (400)")
        << u"no-such-document"_s << documents.at(0).emailId
        << QStringList{u"did not accept the document ID or the signer"_s, u"Invalid Document ID"_s};
    QTest::newRow("missing signer") << documents.at(0).documentId << QString()
                                    << QStringList{u"Enter the document ID and the signer"_s};
}

void tst_AuditWidget::boldSignFailures()
{
    QFETCH(QString, documentId);
    QFETCH(QString, email);
    QFETCH(QStringList, expected);
    auto widget = makeWidget(m_admin.get());
    child<QTabWidget>(*widget, u"sourceTabWidget"_s)
        ->setCurrentWidget(child<QWidget>(*widget, u"boldSignTab"_s));
    QTest::keyClicks(child<QLineEdit>(*widget, u"documentIdLineEdit"_s), documentId);
    auto *emailEdit = child<QLineEdit>(*widget, u"signerEmailLineEdit"_s);
    QTest::keyClicks(emailEdit, email);
    QTest::keyClick(emailEdit, Qt::Key_Return);
    QTRY_VERIFY(!widget->isBusy());
    QTRY_VERIFY(!message(*widget, u"boldSignMessageLabel"_s).endsWith(u"…"_s));
    const QString text = message(*widget, u"boldSignMessageLabel"_s);
    for (const QString &part : expected)
        QVERIFY2(text.contains(part), qPrintable(text));
    QVERIFY(!child<QWidget>(*widget, u"reportGroupBox"_s)->isVisible());
    QVERIFY(widget->findChildren<ImageThumbnail *>(u"selfieImageThumbnail"_s).isEmpty());
}

void tst_AuditWidget::clearDropsEverything()
{
    auto widget = makeWidget(m_admin.get());
    search(*widget, m_phone);
    QTRY_VERIFY(allLoaded(*widget));
    QTest::mouseClick(child<ImageThumbnail>(*widget, u"idBackImageThumbnail"_s), Qt::LeftButton);
    auto *viewer = widget->findChild<ImageViewerDialog *>();
    QTRY_VERIFY(viewer->isVisible());

    widget->clear(); // the host does this at sign-out
    QVERIFY(!viewer->isVisible());
    QVERIFY(viewer->image().isNull());
    QVERIFY(viewer->bytes().isEmpty());
    for (const QString &name : kVlensThumbnails) {
        auto *thumbnail = child<ImageThumbnail>(*widget, name);
        QVERIFY(thumbnail->bytes().isEmpty());
        QVERIFY(thumbnail->image().isNull());
        QVERIFY(!thumbnail->isVisible());
    }
    QVERIFY(child<QLineEdit>(*widget, u"customerLineEdit"_s)->text().isEmpty());
    QVERIFY(message(*widget, u"vlensMessageLabel"_s).isEmpty());

    // Cleared in the middle of a search: its answer, if it still comes, is not shown.
    Fault slow;
    slow.kind = Fault::Kind::Latency;
    slow.value = 1000;
    slow.path = u"/GetUserDigitalIdentityImages"_s;
    m_sandbox->injectFault(slow);
    const int listed = m_sandbox->requestCount(u"GetUserDigitalIdentityImages"_s);
    search(*widget, m_phone);
    QTRY_VERIFY(m_sandbox->requestCount(u"GetUserDigitalIdentityImages"_s) > listed);
    QVERIFY(widget->isBusy());
    widget->clear();
    QVERIFY(!widget->isBusy());
    search(*widget, m_phoneWithoutSteps);
    QTRY_VERIFY(message(*widget, u"vlensMessageLabel"_s).contains(u"no stored images"_s));
    for (const QString &name : kVlensThumbnails)
        QCOMPARE(child<ImageThumbnail>(*widget, name)->state(), State::NotStored);
}

void tst_AuditWidget::arabicIsRightToLeft()
{
    auto widget = makeWidget(m_admin.get());
    search(*widget, m_phone);
    QTRY_VERIFY(allLoaded(*widget));
    QVERIFY(m_translations.install(QLocale(QLocale::Arabic, QLocale::Egypt)));
    QTRY_COMPARE(QGuiApplication::layoutDirection(), Qt::RightToLeft);
    QTRY_COMPARE(widget->layoutDirection(), Qt::RightToLeft);
    auto *tabs = child<QTabWidget>(*widget, u"sourceTabWidget"_s);
    QTRY_VERIFY(!tabs->tabText(0).contains(u"Vlens verification"_s));
    QCOMPARE(child<QLabel>(*widget, u"titleLabel"_s)->text(), u"مراجعة بيانات العميل"_s);
    QVERIFY(child<ImageThumbnail>(*widget, u"idFrontImageThumbnail"_s)
                ->text()
                .startsWith(u"البطاقة، الوجه الأمامي"_s));
    // The dynamic message follows the language too (Arabic-Indic digits are not forced).
    QVERIFY(message(*widget, u"vlensMessageLabel"_s).contains(m_transactionId));
    QVERIFY(!message(*widget, u"vlensMessageLabel"_s).contains(u"Transaction"_s));
    screenshot(*widget, u"audit-ar.png"_s);

    m_translations.install(QLocale(QLocale::English));
    QTRY_COMPARE(QGuiApplication::layoutDirection(), Qt::LeftToRight);
    QTRY_VERIFY(tabs->tabText(0).contains(u"Vlens verification"_s));
}

QTEST_MAIN(tst_AuditWidget)
#include "tst_auditwidget.moc"
