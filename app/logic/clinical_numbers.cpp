#include "clinical_numbers.hpp"

#include "translate.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>
#include <exception>
#include <iterator>
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

namespace sh::app {
namespace {
constexpr int k_worker_nice = 5; // ClinicalMeasurer::work
} // namespace

ClinicalNumbers measure_clinical_numbers(const ClinicalInputs& inputs) {
    sim::Subject subject;
    subject.height_cm = inputs.height_cm;
    subject.valves = inputs.valves;
    ClinicalNumbers n;
    n.inputs = inputs;
    n.avp = sim::run_avp(subject); // 3 km/h, as secondheart-sim avp by default
    n.apg = sim::run_apg(subject);
    sim::HeartOptions heart;
    heart.body = {sim::Posture::Standing, 0};
    heart.minutes = k_heart_reference_minutes;
    heart.valves = inputs.valves;
    heart.height_cm = inputs.height_cm;
    const sim::HeartResult h = sim::run_heart(heart);
    n.heart_lying = h.lying;
    n.heart_standing = h.state;
    return n;
}

HeartWords plain_heart_words(double heart_rate_bpm, double stroke_volume_ml,
                             double cardiac_output_l_min, const ClinicalNumbers* references) {
    // For the patient's screen: in the language shown.
    HeartWords w;
    char line[512];
    std::snprintf(line, sizeof line,
                  i18n::tr("Your heart now: %.0f beats a minute, %.0f mL each beat: about %.1f "
                           "litres a minute."),
                  heart_rate_bpm, stroke_volume_ml, cardiac_output_l_min);
    w.now = line;
    if (references != nullptr && references->error.empty()) {
        std::snprintf(line, sizeof line,
                      i18n::tr("Lying down it pumps about %.1f litres a minute; standing still "
                               "this drops to about %.1f, because blood pools in the legs."),
                      references->heart_lying.cardiac_output_L_min,
                      references->heart_standing.cardiac_output_L_min);
        w.compared = line;
    }
    w.disclaimer =
        i18n::tr("Heart figures are an average for many people, not a measurement of you.");
    return w;
}

std::string stocking_class_name(double ankle_mmHg) {
    struct Class {
        double lo, hi;
        const char* name;
    };
    // RAL-GZ 387/1 (2008), the German quality mark's classes by the pressure at the ankle.
    // English; marked for translation (N_), the panel shows them with tr().
    static constexpr Class classes[] = {
        {18, 21, N_("RAL class I, light (18-21 mmHg)")},
        {23, 32, N_("RAL class II, moderate (23-32 mmHg)")},
        {34, 46, N_("RAL class III, strong (34-46 mmHg)")},
        {49, 1e9, N_("RAL class IV, very strong (49 mmHg and more)")}};
    static constexpr const char* between[] = {N_("between RAL classes I and II"),
                                              N_("between RAL classes II and III"),
                                              N_("between RAL classes III and IV")};
    const double p = std::round(ankle_mmHg);
    if (p <= 0) return N_("no stocking");
    if (p < classes[0].lo) return N_("lighter than RAL class I (18-21 mmHg)");
    for (std::size_t i = 0; i < std::size(classes); ++i) {
        if (p <= classes[i].hi) return classes[i].name;
        if (i + 1 < std::size(classes) && p < classes[i + 1].lo) return between[i];
    }
    return classes[std::size(classes) - 1].name;
}

ClinicalMeasurer::ClinicalMeasurer(MeasureFn measure) : measure_(std::move(measure)) {}

ClinicalMeasurer::~ClinicalMeasurer() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        pending_.reset();
    }
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
}

void ClinicalMeasurer::request(const ClinicalInputs& inputs) {
    {
        std::lock_guard lock(mutex_);
        if (wanted_ && *wanted_ == inputs) return;
        wanted_ = inputs;
        pending_ = inputs; // replaces an older request the worker has not started
        // Started lazily, so programs and tests that never look at the numbers pay nothing.
        if (!worker_.joinable()) worker_ = std::thread([this] { work(); });
    }
    wake_.notify_one();
}

std::optional<ClinicalNumbers> ClinicalMeasurer::latest() const {
    std::lock_guard lock(mutex_);
    if (!result_ || !wanted_ || !(result_->inputs == *wanted_)) return std::nullopt;
    return result_;
}

int ClinicalMeasurer::completed() const {
    std::lock_guard lock(mutex_);
    return completed_;
}

double ClinicalMeasurer::worker_cpu_seconds() const {
    std::lock_guard lock(mutex_);
    timespec t{};
    if (!worker_clock_ || clock_gettime(*worker_clock_, &t) != 0) return 0.0;
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

void ClinicalMeasurer::work() {
    // Below the frame's threads: a measurement takes 1-2 s of one core, and on a 2-core
    // machine without a GPU the render loop and the Vulkan driver's two threads need both
    // cores; at the same priority the first seconds after a start or a valve change stuttered.
    // Nice 5 leaves the worker about a fifth of a core there, so the numbers still arrive
    // within seconds; with a core to spare nothing changes. (Linux: per-thread nice.)
    if (setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), k_worker_nice) != 0)
        std::fprintf(stderr,
                     "secondheart: clinical numbers: could not lower the worker's priority\n");
    std::unique_lock lock(mutex_);
    if (clockid_t clock{}; pthread_getcpuclockid(pthread_self(), &clock) == 0)
        worker_clock_ = clock;
    for (;;) {
        wake_.wait(lock, [this] { return stop_ || pending_.has_value(); });
        if (stop_) return;
        const ClinicalInputs inputs = *pending_;
        pending_.reset();
        lock.unlock(); // the measurement runs without the lock: the frame thread never waits
        ClinicalNumbers numbers;
        try {
            numbers = measure_(inputs);
        } catch (const std::exception& e) {
            // A model failure must not end the program from a background thread: the panel
            // shows the message instead of the numbers.
            numbers = ClinicalNumbers{};
            numbers.inputs = inputs;
            numbers.error = e.what();
            std::fprintf(stderr, "secondheart: clinical numbers could not be measured: %s\n",
                         e.what());
        }
        lock.lock();
        result_ = std::move(numbers);
        ++completed_;
    }
}

} // namespace sh::app
