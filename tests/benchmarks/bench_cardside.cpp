// The card side check (imaging's CardSideCheck) on a labelled set, for
// docs/imaging-benchmark.md. Every specimen persona's front and back (src/core/specimen)
//   - flat, as rendered (with camera blur and noise),
//   - photographed at an angle: perspective warps composited on real photos from
//     opencv-doc, about a quarter of them upside down, found and straightened by the
//     kiosk's own CardDetector,
//   - the same under glare: one or two soft saturated blobs (a lamp's reflection),
// then frame sequences (a card held in front of the camera for 30 frames, drifting,
// turning slightly, glare moving over it) for the longest run of refusals of a correct
// side. A verdict is correct when the wanted side is accepted and the other refused.
//   build/bin/bench_cardside [seed=2] [variants=24]
// The limits in CardSideCheck were set on seed 1; the published table is seed 2.
#include "imaging/carddetector.h"
#include "imaging/cardsidecheck.h"
#include "imaging/facedetector.h"
#include "imaging/matimage.h"
#include "specimen/idcardrenderer.h"
#include "specimen/persona.h"
#include "testimages.h"

#include <QElapsedTimer>
#include <QGuiApplication>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <array>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

using namespace kiosk;

namespace {

const char *const kBackgrounds[] = {"building.jpg", "home.jpg",    "fruits.jpg", "baboon.jpg",
                                    "board.jpg",    "stuff.jpg",   "messi5.jpg", "aero3.jpg",
                                    "smarties.png", "pic1.png",    "orange.jpg", "apple.jpg",
                                    "left01.jpg",   "leuvenA.jpg", "graf1.png",  "HappyFish.jpg"};

std::vector<cv::Mat> loadBackgrounds()
{
    std::vector<cv::Mat> out;
    for (const char *name : kBackgrounds) {
        cv::Mat m = cv::imread(std::string(KIOSK_OPENCV_SAMPLES "/") + name, cv::IMREAD_COLOR);
        if (m.empty())
            continue;
        const cv::Mat frame = test::frameFrom(m, 1280, 720); // testimages.h
        out.push_back(frame);
    }
    return out;
}

using Quad = std::array<cv::Point2f, 4>;

struct Pose
{
    cv::Point2f centre{640, 360};
    float width = 900;
    float angle = 0; // degrees; 180 +- a few: upside down
    float keystone = 0;
};

Quad quad(const Pose &p)
{
    const float h = p.width / 1.586f;
    const std::array<cv::Point2f, 4> local{cv::Point2f(-p.width / 2 * (1 - p.keystone), -h / 2),
                                           cv::Point2f(p.width / 2 * (1 - p.keystone), -h / 2),
                                           cv::Point2f(p.width / 2, h / 2),
                                           cv::Point2f(-p.width / 2, h / 2)};
    const float a = p.angle * float(CV_PI) / 180.f;
    Quad q;
    for (size_t i = 0; i < 4; ++i)
        q[i] = p.centre + cv::Point2f(local[i].x * std::cos(a) - local[i].y * std::sin(a),
                                      local[i].x * std::sin(a) + local[i].y * std::cos(a));
    return q;
}

struct Glare
{
    cv::Point2f at; // in card coordinates, 0..1
    float size = 0; // share of the card's width
    float strength = 0;
};

// The card at `pose` over `background`, with glare, camera blur and noise.
cv::Mat compose(const cv::Mat &card, const cv::Mat &background, const Pose &pose,
                const std::vector<Glare> &glare, cv::RNG &rng)
{
    cv::Mat frame = background.clone();
    const float w = float(card.cols - 1), h = float(card.rows - 1);
    const Quad from{cv::Point2f(0, 0), cv::Point2f(w, 0), cv::Point2f(w, h), cv::Point2f(0, h)};
    const Quad to = quad(pose);
    const cv::Mat m = cv::getPerspectiveTransform(from.data(), to.data());
    cv::Mat lit = card.clone();
    for (const Glare &g : glare) {
        cv::Mat light = cv::Mat::zeros(card.size(), CV_8UC3);
        const cv::Point c(cvRound(g.at.x * card.cols), cvRound(g.at.y * card.rows));
        const int r = cvRound(g.size * card.cols / 2);
        cv::ellipse(light, c, cv::Size(r, cvRound(r * 0.6)), rng.uniform(0, 180), 0, 360,
                    cv::Scalar::all(g.strength), cv::FILLED);
        cv::GaussianBlur(light, light, cv::Size(0, 0), r * 0.25 + 1);
        cv::add(lit, light, lit);
    }
    cv::Mat warped, mask;
    cv::warpPerspective(lit, warped, m, frame.size(), cv::INTER_AREA);
    cv::warpPerspective(cv::Mat(card.size(), CV_8UC1, cv::Scalar(255)), mask, m, frame.size());
    warped.copyTo(frame, mask);
    cv::GaussianBlur(frame, frame, cv::Size(0, 0), rng.uniform(0.5, 1.1));
    cv::Mat noise(frame.size(), CV_8UC3);
    cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(3));
    cv::add(frame, noise, frame, cv::noArray(), CV_8U);
    return frame;
}

Pose randomPose(cv::RNG &rng)
{
    Pose p;
    p.width = rng.uniform(820.f, 1000.f);
    p.centre = cv::Point2f(640 + rng.uniform(-30.f, 30.f), 360 + rng.uniform(-20.f, 20.f));
    p.angle = rng.uniform(-10.f, 10.f) + (rng.uniform(0, 4) == 0 ? 180.f : 0.f);
    p.keystone = rng.uniform(0.f, 0.09f);
    return p;
}

std::vector<Glare> randomGlare(cv::RNG &rng)
{
    std::vector<Glare> g;
    const int n = rng.uniform(1, 3);
    for (int i = 0; i < n; ++i)
        g.push_back({cv::Point2f(rng.uniform(0.1f, 0.9f), rng.uniform(0.15f, 0.85f)),
                     rng.uniform(0.12f, 0.30f), rng.uniform(140.f, 255.f)});
    return g;
}

const char *sideName(CardSide s)
{
    return s == CardSide::Front ? "front" : s == CardSide::Back ? "back" : "unknown";
}

struct Tally
{
    int images = 0;
    int notFound = 0; // the card detector found no card: no side check runs
    int checked = 0;
    int labelRight = 0; // the check named the true side
    int unknown = 0;
    int verdicts = 0;       // two per checked image: wanted = true side, wanted = other
    int verdictsRight = 0;  // accepted when right, refused when wrong
    int correctRefused = 0; // a correct side refused
    int wrongAccepted = 0;  // a wrong side let through
    std::vector<double> ms;

    void add(CardSide truth, const CardSideEvidence &e, double elapsedMs)
    {
        ++checked;
        ms.push_back(elapsedMs);
        labelRight += e.side == truth;
        unknown += e.side == CardSide::Unknown;
        const CardSide other = truth == CardSide::Front ? CardSide::Back : CardSide::Front;
        const bool acceptRight = CardSideCheck::accepts(truth, e);
        const bool refuseWrong = !CardSideCheck::accepts(other, e);
        verdicts += 2;
        verdictsRight += int(acceptRight) + int(refuseWrong);
        correctRefused += !acceptRight;
        wrongAccepted += !refuseWrong;
    }
};

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

void printRow(const char *name, const Tally &t)
{
    std::printf("| %s | %d | %d | %d | %.1f %% | %d | %d of %d (%.1f %%) | %d | %d | %.1f |\n",
                name, t.images, t.notFound, t.checked,
                t.checked ? 100.0 * t.labelRight / t.checked : 0, t.unknown, t.verdictsRight,
                t.verdicts, t.verdicts ? 100.0 * t.verdictsRight / t.verdicts : 0, t.correctRefused,
                t.wrongAccepted, median(t.ms));
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int seed = argc > 1 ? std::atoi(argv[1]) : 2;
    const int variants = argc > 2 ? std::max(1, std::atoi(argv[2])) : 24;
    cv::setNumThreads(1);

    QString error;
    const auto personas = specimen::loadPersonasFile(specimen::builtInPersonasPath(), &error);
    FaceDetector faces;
    if (personas.isEmpty() || !faces.load(FaceDetector::locateCascade({}, &error), &error)) {
        std::fprintf(stderr, "bench_cardside: %s\n", qPrintable(error));
        return 1;
    }
    const std::vector<cv::Mat> backgrounds = loadBackgrounds();
    const specimen::IdCardRenderer renderer; // the personas' synthetic faces
    const CardSideCheck check(&faces);
    const CardDetector detector;
    cv::RNG rng(uint64(seed) * 7919u + 17u);

    std::map<std::string, Tally> tallies;
    const std::vector<std::string> order = {"specimen, flat", "at an angle", "at an angle, glare"};
    auto run = [&](const std::string &set, CardSide truth, const cv::Mat &frame, bool flat) {
        Tally &t = tallies[set];
        ++t.images;
        cv::Mat card = frame;
        if (!flat) {
            const CardDetection d = detector.detect(frame);
            if (!d.found) {
                ++t.notFound;
                return;
            }
            card = detector.crop(frame, d);
        }
        QElapsedTimer timer;
        timer.start();
        const CardSideEvidence e = check.classify(card);
        t.add(truth, e, double(timer.nsecsElapsed()) / 1e6);
        if (qEnvironmentVariableIsSet("BENCH_CARDSIDE_DUMP"))
            std::fprintf(stderr, "DUMP,%s,%s,%d,%.3f,%.2f\n", set.c_str(), sideName(truth), e.face,
                         e.barcode, e.portrait);
        if (qEnvironmentVariableIsSet("BENCH_CARDSIDE_VERBOSE") && e.side != truth)
            std::fprintf(stderr, "%s %s: got %s face %d barcode %.2f portrait %.1f\n", set.c_str(),
                         sideName(truth), sideName(e.side), e.face, e.barcode, e.portrait);
    };

    int longestRefusals = 0;
    int sequences = 0, sequenceFrames = 0, sequenceRefused = 0;
    for (const specimen::Persona &persona : personas) {
        for (CardSide truth : {CardSide::Front, CardSide::Back}) {
            const cv::Mat card = matFromImage(renderer.render(
                persona, truth == CardSide::Front ? specimen::IdCardRenderer::Side::Front
                                                  : specimen::IdCardRenderer::Side::Back));
            // Flat: the render itself, blurred and noisy like a scan, and upside down.
            for (int flip = 0; flip < 2; ++flip) {
                cv::Mat flat;
                cv::GaussianBlur(card, flat, cv::Size(0, 0), 0.8);
                if (flip)
                    cv::rotate(flat, flat, cv::ROTATE_180);
                run(order[0], truth, flat, true);
            }
            for (int v = 0; v < variants; ++v) {
                const cv::Mat &bg = backgrounds[size_t(rng.uniform(0, int(backgrounds.size())))];
                run(order[1], truth, compose(card, bg, randomPose(rng), {}, rng), false);
                run(order[2], truth, compose(card, bg, randomPose(rng), randomGlare(rng), rng),
                    false);
            }
            // Sequences: the correct side held for 30 frames; glare drifts across.
            for (int s = 0; s < 2; ++s) {
                ++sequences;
                const cv::Mat &bg = backgrounds[size_t(rng.uniform(0, int(backgrounds.size())))];
                Pose pose = randomPose(rng);
                std::vector<Glare> glare = randomGlare(rng);
                const cv::Point2f drift(rng.uniform(-0.02f, 0.02f), rng.uniform(-0.01f, 0.01f));
                int refusals = 0;
                for (int f = 0; f < 30; ++f) {
                    pose.centre += cv::Point2f(rng.uniform(-3.f, 3.f), rng.uniform(-2.f, 2.f));
                    pose.angle += rng.uniform(-0.5f, 0.5f);
                    for (Glare &g : glare)
                        g.at += drift;
                    const cv::Mat frame = compose(card, bg, pose, glare, rng);
                    const CardDetection d = detector.detect(frame);
                    if (!d.found)
                        continue; // no card, no check: the run goes on
                    ++sequenceFrames;
                    const CardSideEvidence e = check.classify(detector.crop(frame, d));
                    const bool refused = !CardSideCheck::accepts(truth, e);
                    if (qEnvironmentVariableIsSet("BENCH_CARDSIDE_DUMP"))
                        std::fprintf(stderr, "DUMP,sequence %d,%s,%d,%.3f,%.2f\n", sequences,
                                     sideName(truth), e.face, e.barcode, e.portrait);
                    if (refused && qEnvironmentVariableIsSet("BENCH_CARDSIDE_VERBOSE"))
                        std::fprintf(stderr,
                                     "sequence %d frame %d %s: got %s face %d barcode %.2f "
                                     "portrait %.1f\n",
                                     sequences, f, sideName(truth), sideName(e.side), e.face,
                                     e.barcode, e.portrait);
                    sequenceRefused += refused;
                    refusals = refused ? refusals + 1 : 0;
                    longestRefusals = std::max(longestRefusals, refusals);
                }
            }
        }
    }

    Tally all;
    std::printf("## Card side check (bench_cardside, seed %d, %d personas)\n\n", seed,
                int(personas.size()));
    std::printf("| set | images | card not found | checked | side named right | unknown | "
                "verdicts right | correct side refused | wrong side let through | ms median "
                "|\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (const std::string &name : order) {
        const Tally &t = tallies[name];
        printRow(name.c_str(), t);
        all.images += t.images;
        all.notFound += t.notFound;
        all.checked += t.checked;
        all.labelRight += t.labelRight;
        all.unknown += t.unknown;
        all.verdicts += t.verdicts;
        all.verdictsRight += t.verdictsRight;
        all.correctRefused += t.correctRefused;
        all.wrongAccepted += t.wrongAccepted;
        all.ms.insert(all.ms.end(), t.ms.begin(), t.ms.end());
    }
    printRow("all", all);
    std::printf("\nSequences: %d of 30 frames (%d frames with a card), correct side held: %d "
                "refused, longest run of refusals %d\n",
                sequences, sequenceFrames, sequenceRefused, longestRefusals);
    const double accuracy = all.verdicts ? 100.0 * all.verdictsRight / all.verdicts : 0;
    const bool ok = accuracy >= 98.0 && longestRefusals <= 2;
    std::printf("\ntargets (>= 98 %% verdicts right, no correct side refused more than twice "
                "in a row) %s\n",
                ok ? "MET" : "MISSED");
    return ok ? 0 : 1;
}
